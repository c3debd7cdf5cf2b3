import { describe, it } from 'vitest';
import { PgDeployment, type PgDeploymentProps, type ServerVolume } from '../../../../constructs';
import { expectDiagnostics } from '../../../helpers/diagnostics';
import { platform, type Platform } from '../../../helpers/platform';

/** The standard platform's `pgtest1` volumes of the first `n` servers. */
const volumesOf = (p: Platform, n: number): ServerVolume[] => ['server-a', 'server-b', 'server-c'].slice(0, n).map((h) => p.servers[h]!.node.findChild('volumes').node.findChild('pgtest1') as ServerVolume);

/** A platform whose only construct beyond the standard ones is deployment `d`. */
const withDeployment = (props: (p: Platform) => PgDeploymentProps) => platform({ extend: (p) => new PgDeployment(p.region, 'd', props(p)) }).app;

describe('pg/deployment-setting-range', () => {
  it('passes the defaults and the ends of every range', () => {
    expectDiagnostics(withDeployment((p) => ({ instances: volumesOf(p, 2) })), []);
    expectDiagnostics(
      withDeployment((p) => ({
        instances: [{ volume: volumesOf(p, 3)[0]!, failoverPriority: 1000 }, { volume: volumesOf(p, 3)[1]!, failoverPriority: 1 }, { volume: volumesOf(p, 3)[2]!, failoverPriority: 0 }],
        sharedBuffersMb: 1,
        workMemMb: 1,
        maintenanceWorkMemMb: 1,
        overheadMemMb: 1,
        maxConnections: 9999,
        replicaRollingUpdateDelaySeconds: 172800,
        instancePgPort: 65530,
      })),
      [],
    );
    expectDiagnostics(withDeployment((p) => ({ instances: volumesOf(p, 2), maxConnections: 10, replicaRollingUpdateDelaySeconds: 60, instancePgPort: 1 })), []);
  });

  const cases: Array<[string, Partial<PgDeploymentProps>, string]> = [
    ['shared buffers of 0', { sharedBuffersMb: 0 }, 'sharedBuffersMb'],
    ['fractional work mem', { workMemMb: 1.5 }, 'workMemMb'],
    ['negative maintenance work mem', { maintenanceWorkMemMb: -1 }, 'maintenanceWorkMemMb'],
    ['overhead of 0', { overheadMemMb: 0 }, 'overheadMemMb'],
    ['9 connections', { maxConnections: 9 }, 'maxConnections'],
    ['10000 connections', { maxConnections: 10000 }, 'maxConnections'],
    ['a 59 s delay', { replicaRollingUpdateDelaySeconds: 59 }, 'replicaRollingUpdateDelaySeconds'],
    ['a delay over 2 days', { replicaRollingUpdateDelaySeconds: 172801 }, 'replicaRollingUpdateDelaySeconds'],
    ['a port without room for the five after it', { instancePgPort: 65531 }, 'instancePgPort'],
    ['port 0', { instancePgPort: 0 }, 'instancePgPort'],
  ];
  for (const [name, props, prop] of cases) {
    it(`fails ${name}`, () => {
      expectDiagnostics(withDeployment((p) => ({ instances: volumesOf(p, 2), ...props })), [{ code: 'pg/deployment-setting-range', path: 'us-west/d', prop: [prop] }]);
    });
  }

  it('fails failover priorities outside 0 to 1000', () => {
    expectDiagnostics(
      withDeployment((p) => {
        const [a, b, c] = volumesOf(p, 3);
        return { instances: [{ volume: a!, failoverPriority: 1001 }, { volume: b!, failoverPriority: -1 }, c!] };
      }),
      [
        { code: 'pg/deployment-setting-range', path: 'us-west/d', prop: ['instances', 0, 'failoverPriority'] },
        { code: 'pg/deployment-setting-range', path: 'us-west/d', prop: ['instances', 1, 'failoverPriority'] },
      ],
    );
  });
});

describe('pg/deployment-failover-candidates', () => {
  it('passes two candidates beside a never-promoted instance', () => {
    expectDiagnostics(
      withDeployment((p) => {
        const [a, b, c] = volumesOf(p, 3);
        return { instances: [a!, b!, { volume: c!, failoverPriority: 0 }] };
      }),
      [],
    );
  });

  it('fails one candidate, and two with synchronous replication', () => {
    expectDiagnostics(
      withDeployment((p) => {
        const [a, b] = volumesOf(p, 2);
        return { instances: [a!, { volume: b!, failoverPriority: 0 }] };
      }),
      [{ code: 'pg/deployment-failover-candidates', path: 'us-west/d', prop: ['instances'] }],
    );
    expectDiagnostics(
      withDeployment((p) => {
        const [a, b, c] = volumesOf(p, 3);
        return { instances: [a!, b!, { volume: c!, failoverPriority: 0 }], synchronousReplication: true };
      }),
      [{ code: 'pg/deployment-failover-candidates', path: 'us-west/d', prop: ['instances'] }],
    );
  });
});
