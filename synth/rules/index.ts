import * as project from './meta/project';
import * as sshKeys from './meta/ssh-keys';
import * as names from './names/topology-names';
import * as tld from './dns/tld';
import * as dnsServers from './dns/servers';
import * as dnsRecords from './dns/records';
import * as dcCidr from './net/datacenter-cidr';
import * as interfaces from './net/interfaces';
import * as ipv6 from './net/public-ipv6';
import * as floatingGateways from './net/floating-gateways';
import * as vpn from './vpn/gateways';
import * as vpnPairs from './vpn/gateway-pairs';
import * as dcrouter from './routing/dcrouter';
import * as subnetRouters from './routing/subnet-routers';
import * as regionDcs from './regions/datacenter-count';
import * as dcImplementation from './datacenters/implementation';
import * as upstreamGateway from './datacenters/upstream-gateway';
import { quorumRules } from './servers/quorums';
import * as kinds from './servers/kinds';
import * as labels from './servers/labels';
import * as ssh from './servers/ssh';
import * as extras from './servers/extras';
import * as nixpkgs from './servers/nixpkgs';
import * as diskKinds from './disks/disk-kinds';
import * as serverDisks from './disks/server-disks';
import * as zpools from './disks/zpools';
import * as volumes from './disks/volumes';
import * as volumeUsage from './disks/usage';
import { versionedTypeRules } from './types/versioned-types';
import * as pgSchema from './pg/schema';
import * as pgDeployments from './pg/deployments';
import * as backend from './apps/backend';
import * as imagePins from './images/pins';
import * as imageUses from './images/uses';
import { placementRules } from './placement/reservations';
import * as nomadJobs from './nomad/jobs';
import * as alerts from './alerts/alerts';
import * as telemetryPresence from './regions/telemetry-presence';
import * as telemetryRegion from './regions/telemetry';
import type { Rule } from './rule';
import { ALL_COMPONENTS } from '../components/registry.generated';

/** Every rule, in the order they run. Codes are unique. */
export const ALL_RULES: readonly Rule[] = [
  ...Object.values(project),
  ...Object.values(sshKeys),
  ...Object.values(names),
  ...Object.values(tld),
  ...Object.values(dcCidr),
  ...Object.values(interfaces),
  ...Object.values(ipv6),
  ...Object.values(floatingGateways),
  ...Object.values(vpn),
  ...Object.values(vpnPairs),
  ...Object.values(dcrouter),
  ...Object.values(subnetRouters),
  ...Object.values(regionDcs),
  ...Object.values(dcImplementation),
  ...Object.values(upstreamGateway),
  ...quorumRules,
  ...Object.values(kinds),
  ...Object.values(labels),
  ...Object.values(ssh),
  ...Object.values(extras),
  ...Object.values(nixpkgs),
  ...Object.values(dnsServers),
  ...Object.values(dnsRecords),
  ...Object.values(diskKinds),
  ...Object.values(serverDisks),
  ...Object.values(zpools),
  ...Object.values(volumes),
  ...Object.values(volumeUsage),
  ...versionedTypeRules,
  ...Object.values(pgSchema),
  ...Object.values(pgDeployments),
  ...Object.values(backend),
  ...Object.values(imagePins),
  ...Object.values(imageUses),
  ...placementRules(),
  ...Object.values(nomadJobs),
  ...Object.values(alerts),
  telemetryPresence.monitoringRegionMissing,
  telemetryPresence.lokiRegionMissing,
  telemetryPresence.tempoRegionMissing,
  ...Object.values(telemetryRegion),
  ...ALL_COMPONENTS.flatMap((c) => c.rules ?? []),
];

const codes = new Set<string>();
for (const rule of ALL_RULES) {
  if (codes.has(rule.code)) throw new Error(`epl bug: duplicate rule code ${rule.code}`);
  codes.add(rule.code);
}
