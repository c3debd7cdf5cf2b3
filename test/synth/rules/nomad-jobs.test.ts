import { describe, it } from 'vitest';
import { Construct } from 'constructs';
import { BackendApplication, BackendDeployment, NatsCluster, PgDeployment } from '../../../constructs';
import { expectDiagnostics } from '../../helpers/diagnostics';
import { addRegistry } from '../../helpers/registry';
import { platform } from '../../helpers/platform';

describe('Nomad job rules over every component', () => {
  it('pass kebab-case namespaces and distinct jobs', () => {
    const { app } = platform({
      extend: (p) => {
        new NatsCluster(p.region, 'main', { namespace: 'messaging', instances: ['server-a', 'server-b', 'server-c'].map((h) => p.servers[h]!.rootVolume('nats')) });
      },
    });
    expectDiagnostics(app, []);
  });

  it('fail a namespace that is not kebab-case, whichever component the job is of (nomad/namespace-name)', () => {
    const { app } = platform({
      extend: (p) => {
        new NatsCluster(p.region, 'main', { namespace: '../etc', instances: ['server-a', 'server-b', 'server-c'].map((h) => p.servers[h]!.rootVolume('nats')) });
        new PgDeployment(p.region, 'db', { namespace: '10.0.0.1/16', instancePgPort: 6000, instances: ['server-a', 'server-b'].map((h) => p.servers[h]!.rootVolume('db')) });
      },
    });
    expectDiagnostics(app, [
      { code: 'nomad/namespace-name', path: 'us-west/main', prop: ['namespace'] },
      { code: 'nomad/namespace-name', path: 'us-west/db', prop: ['namespace'] },
    ]);
  });

  it('fail two deployments of one name in one region and namespace, made in two scopes (nomad/job-name-unique)', () => {
    const { app } = platform({
      extend: (p) => {
        addRegistry(p);
        const web = new BackendApplication(p.app, 'web');
        new BackendDeployment(new Construct(p.region, 'team-a'), 'web', { application: web, httpPort: 7000 });
        new BackendDeployment(new Construct(p.region, 'team-b'), 'web', { application: web, httpPort: 7001 });
      },
    });
    expectDiagnostics(app, [{ code: 'nomad/job-name-unique', path: 'us-west/team-b/web' }]);
  });
});
