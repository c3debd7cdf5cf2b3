import type { Component, MemoryReservation, PortReservation } from '../component';
import { l1DaemonsOf } from './daemons';

/**
 * The built-in reservations of the L1 daemons every server runs by its roles (Consul, Nomad,
 * Vault, BIND, WireGuard, FRR, the agents and the OS): their ports and memory, so workloads are
 * checked against them like against each other. Built-ins carry no origin; diagnostics name
 * them by owner.
 */
export const component: Component = {
  name: 'l1-services',
  plan(model) {
    const ports: PortReservation[] = [];
    const memory: MemoryReservation[] = [];
    for (const server of model.servers) {
      for (const d of l1DaemonsOf(model, server)) {
        if (d.mib > 0) memory.push({ on: { server }, mib: d.mib, owner: d.owner });
        for (const p of d.ports) ports.push({ on: { server }, port: p.port, owner: p.what });
      }
    }
    return { ports, memory };
  },
};
