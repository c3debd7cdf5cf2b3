import { describe, expect, it } from 'vitest';
import app from '../../../examples/single-dc/epl';
import { component } from '../../../synth/components/l1-services';
import { L1_MEMORY_MIB } from '../../../synth/components/l1-services/daemons';
import { buildModel } from '../../../synth/model/build-model';
import { planPlatform } from '../../../synth/plan/platform';
import { findMemoryOverruns, findPortClashes, tallyServers } from '../../../synth/plan/reservations';

describe('the l1-services component on examples/single-dc', () => {
  const model = buildModel(app);
  const contributions = component.plan(model);
  const plan = planPlatform(model, [component]);
  const tallies = tallyServers(model, plan);

  it('reserves distinct ports on every server, with nothing clashing', () => {
    for (const t of tallies.values()) {
      const ports = t.ports.map((p) => p.reservation.port);
      expect(new Set(ports).size, t.server.hostname).toBe(ports.length);
    }
    expect(findPortClashes(model, plan)).toEqual([]);
  });

  it('keeps every server below its kind, with room for workloads', () => {
    for (const t of tallies.values()) expect(t.pinnedMiB, t.server.hostname).toBeLessThan(t.kindMiB! / 2);
    expect(findMemoryOverruns(model, plan)).toEqual([]);
  });

  it('reserves by role: Consul and Nomad everywhere, Vault on vault instances, BIND on DNS servers, WireGuard on gateways', () => {
    const ports = (host: string) => tallies.get(model.servers.find((s) => s.hostname === host)!)!.ports.map((p) => p.reservation.port);
    for (const s of model.servers) expect(ports(s.hostname)).toEqual(expect.arrayContaining([22, 4646, 4647, 4648, 8300, 8301, 8302, 8500, 8501, 8600, 9100, 9280]));
    for (const s of model.servers) {
      expect(ports(s.hostname).includes(8200), s.hostname).toBe(s.roles.vaultInstance);
      expect(ports(s.hostname).includes(53), s.hostname).toBe(s.roles.dnsMaster || s.roles.dnsSlave);
      expect(ports(s.hostname).includes(51820), s.hostname).toBe(s.roles.vpnGateway);
    }
  });

  it('is built-in (no origin) and counts each daemon once per server', () => {
    expect(contributions.ports?.every((p) => p.origin === undefined)).toBe(true);
    expect(contributions.memory?.every((m) => m.origin === undefined)).toBe(true);
    const a = tallies.get(model.servers.find((s) => s.hostname === 'server-a')!)!;
    expect(a.pinned.map((m) => m.owner)).toEqual(['os', 'docker', 'consul server', 'nomad client', 'node_exporter', 'cadvisor', 'vector', 'nomad server']);
    const m = L1_MEMORY_MIB;
    expect(a.pinnedMiB).toBe(m.os + m.docker + m.consulServer + m.nomadClient + m.nodeExporter + m.cadvisor + m.vector + m.nomadServer);
  });
});
