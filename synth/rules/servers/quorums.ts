import { AvailabilityMode } from '../../../constructs/core/enums';
import type { ResolvedServerRoles } from '../../../constructs/core/server';
import { defineRule, type Rule } from '../rule';
import { plural } from '../../../lib/text/plural';

interface QuorumService {
  readonly id: string;
  readonly label: string;
  readonly role: keyof ResolvedServerRoles;
  readonly countReference: string;
  readonly spreadReference: string;
}

const SERVICES: readonly QuorumService[] = [
  { id: 'consul', label: 'Consul server', role: 'consulMaster', countReference: 'ConsulServerQuorumMustBeThreeOrFiveInRegion', spreadReference: 'ConsulServersQuorumTooManyServersInSingleDc' },
  { id: 'nomad', label: 'Nomad server', role: 'nomadMaster', countReference: 'NomadServersQuorumMustBeThreeOrFiveInRegion', spreadReference: 'NomadServersQuorumTooManyServersInSingleDc' },
  { id: 'vault', label: 'Vault instance', role: 'vaultInstance', countReference: 'VaultServersQuorumMustBeThreeOrFiveInRegion', spreadReference: 'VaultServersQuorumTooManyServersInSingleDc' },
];

function quorumRule(svc: QuorumService): Rule {
  return defineRule({
    code: `servers/${svc.id}-quorum`,
    severity: 'error',
    title: `Each region has 3 or 5 ${svc.label}s`,
    doc: `${svc.label}s form a Raft cluster per region. With 3 it survives one failure, with 5 two; other counts either cannot tolerate a failure or add members without adding tolerance. Set \`roles.${svc.role}\` on 3 or 5 servers of the region.`,
    reference: [svc.countReference],
    check(model, report) {
      for (const region of model.regions) {
        const servers = model.serversInRegion(region);
        if (servers.length === 0) continue;
        const members = servers.filter((s) => s.roles[svc.role]);
        if (members.length !== 3 && members.length !== 5) {
          report(region, `region '${region.regionName}' has ${plural(members.length, svc.label)} (roles.${svc.role}), it needs 3 or 5`);
        }
      }
    },
  });
}

function spreadRule(svc: QuorumService): Rule {
  return defineRule({
    code: `servers/${svc.id}-quorum-spread`,
    severity: 'error',
    title: `In a multi-datacenter region ${svc.label}s are spread over datacenters`,
    doc: `A multi-datacenter region must survive losing a datacenter: with 3 ${svc.label}s at most 1 may be in one datacenter, with 5 at most 2.`,
    reference: [svc.spreadReference],
    check(model, report) {
      for (const region of model.regions) {
        if (region.availabilityMode !== AvailabilityMode.MULTI_DC) continue;
        const members = model.serversInRegion(region).filter((s) => s.roles[svc.role]);
        const max = members.length === 3 ? 1 : members.length === 5 ? 2 : undefined;
        if (max === undefined) continue;
        for (const dc of model.datacentersOf(region)) {
          const inDc = members.filter((s) => s.datacenter === dc);
          if (inDc.length > max) {
            report(dc, `datacenter '${dc.dcName}' has ${inDc.length} of the region's ${plural(members.length, svc.label)}, at most ${max} allowed in one datacenter`);
          }
        }
      }
    },
  });
}

export const quorumRules: readonly Rule[] = SERVICES.flatMap((svc) => [quorumRule(svc), spreadRule(svc)]);
