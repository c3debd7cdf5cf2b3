import { Grafana, PgDeployment, type GrafanaProps, type ServerVolume } from '../../constructs';
import type { Platform } from './platform';

/**
 * A Postgres deployment `testdb` on the standard platform's `pgtest1` volumes of server-a and
 * server-b with an unmanaged `grafana` database, and the `main` Grafana on it. Call it from
 * `extend`.
 */
export function addGrafana(p: Platform, props: Partial<GrafanaProps> = {}, name = 'main'): Grafana {
  const pg = new PgDeployment(p.region, 'testdb', { instances: ['server-a', 'server-b'].map((h) => p.servers[h]!.node.findChild('volumes').node.findChild('pgtest1') as ServerVolume) });
  return new Grafana(p.region, name, { database: pg.unmanagedDatabase('grafana'), ...props });
}
