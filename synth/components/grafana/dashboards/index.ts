import { BackendDeployment } from '../../../../constructs/apps/backend-application';
import type { Grafana } from '../../../../constructs/services/grafana';
import type { Model } from '../../../model/model';
import { lokiClusterOf } from '../../loki/names';
import { lokiDatasourceUid, PROMXY_DATASOURCE_UID } from '../config';
import { appDashboard } from './apps';
import { componentDashboards } from './components';
import { dashboardJson, type DashboardJson, type DatasourceRef } from './model';
import { serverDashboard } from './servers';

export { dashboardJson, type DashboardJson, type DashboardSpec } from './model';

/**
 * Every dashboard epl generates for a Grafana deployment, from what its region runs: the servers,
 * each kind of component, each backend deployment. Metrics come through Promxy (every monitoring
 * cluster of the region), logs from the region's default Loki cluster.
 */
export function grafanaDashboards(model: Model, g: Grafana): DashboardJson[] {
  const prom: DatasourceRef = { type: 'prometheus', uid: PROMXY_DATASOURCE_UID };
  const lokiCluster = lokiClusterOf(model, g.region);
  const loki: DatasourceRef | undefined = lokiCluster ? { type: 'loki', uid: lokiDatasourceUid(lokiCluster.clusterName) } : undefined;
  const apps = model.ofType(BackendDeployment).filter((d) => d.region === g.region);
  return [serverDashboard(g, prom), ...componentDashboards(model, g.region, prom), ...apps.map((d) => appDashboard(d, prom, loki))].map(dashboardJson);
}
