import type { Architecture } from '../../../constructs/core/enums';
import { Network } from '../../../constructs/core/network';
import type { Server } from '../../../constructs/core/server';
import type { ServerVolume } from '../../../constructs/storage/volumes';
import { formatIpv4 } from '../../../lib/ip/ipv4';
import type { Model } from '../../model/model';
import { archConstraint, lockConstraint } from './common';
import type { NomadConstraint, NomadPort } from './job';

/**
 * What the stateful services (Postgres, MinIO, NATS, ...) share: an instance per volume, pinned
 * to the volume's server, so its address is a synth-time fact its config files name directly.
 */

/** One instance of a stateful cluster, bound to a volume. */
export interface PinnedInstance {
  /** Position in the cluster's `instances` prop. */
  readonly index: number;
  /** The Nomad group, `<prefix>-<n>` from 1. */
  readonly name: string;
  readonly volume: ServerVolume;
  readonly server: Server;
  /** The server's LAN address: every listener of the instance binds to it. */
  readonly address: string;
}

/** The instances on `volumes`, in order, their groups named `<prefix>-1`, `<prefix>-2`, ... */
export function pinnedInstances(model: Model, volumes: readonly ServerVolume[], prefix: string): PinnedInstance[] {
  return volumes.map((volume, index) => {
    const server = model.serverOf(volume);
    return { index, name: `${prefix}-${index + 1}`, volume, server, address: instanceAddress(model, server) };
  });
}

/**
 * Pins a stateful instance's group to its own server: the lock reserves the servers of the
 * cluster, the node name picks this instance's server among them, since its config files name
 * the server's address.
 */
export function pinnedInstanceConstraints(arch: Architecture, lock: string, server: Server): NomadConstraint[] {
  return [archConstraint(arch), lockConstraint(lock), { attribute: '${node.unique.name}', value: server.hostname }];
}

/**
 * The LAN address a stateful instance binds to on its server. The reservation rules read the plan
 * even when other rules fail, so a server without one (reported by the network rules) gets a
 * placeholder instead of an exception.
 */
export function instanceAddress(model: Model, server: Server): string {
  const lan = model.interfacesOf(server).find((i) => i.network === Network.LAN)?.address;
  return lan ? formatIpv4(lan.address) : '0.0.0.0';
}

/** A group's static ports from its labels and numbers, in the labels' order. */
export function staticPorts<K extends string>(labels: Readonly<Record<K, string>>, ports: Readonly<Record<K, number>>): NomadPort[] {
  return (Object.keys(labels) as K[]).map((k) => ({ label: labels[k], static: ports[k] }));
}
