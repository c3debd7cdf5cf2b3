import { block, bool, dur, int, listOf, mapOf, open, repeatable, str, type Block } from '../hashicorp/schema';

/**
 * Promxy's configuration keys (jacksontj/promxy tag v0.0.81, cmd/promxy/config.yaml, the
 * documented example, and the yaml tags of pkg/servergroup/config.go): the `promxy.server_groups`
 * block epl writes. The Prometheus sections of the file (global, rule_files, alerting,
 * remote_write) epl leaves out.
 */
const PROMXY_DOC = 'https://github.com/jacksontj/promxy/blob/v0.0.81/cmd/promxy/config.yaml';
const staticConfig = repeatable(block({ targets: listOf('string'), labels: mapOf('string') }, 'prometheus static_config'));
const serverGroup = repeatable(
  block(
    {
      static_configs: staticConfig,
      consul_sd_configs: open('Prometheus consul_sd_config'),
      labels: mapOf('string'),
      anti_affinity: dur,
      timeout: dur,
      remote_read: bool,
      remote_read_path: str,
      path_prefix: str,
      query_params: mapOf('string'),
      scheme: str,
      http_client: open('dial_timeout and Prometheus HTTP client options'),
      relative_time_range: block({ start: dur, end: dur, truncate: bool }),
      absolute_time_range: block({ start: str, end: str, truncate: bool }),
      ignore_error: bool,
      relabel_configs: open('Prometheus relabel_config'),
      metrics_relabel_configs: open('metric relabel configs'),
      label_filter: open('label filter'),
    },
    PROMXY_DOC,
  ),
);
export const PROMXY_SCHEMA: Block = block(
  {
    global: open('Prometheus global'),
    rule_files: listOf('string'),
    alerting: open('Prometheus alerting'),
    remote_write: open('Prometheus remote_write'),
    promxy: block({ server_groups: serverGroup }, PROMXY_DOC),
  },
  PROMXY_DOC,
);

/**
 * A datasources provisioning file of Grafana 9.5 (grafana/grafana v9.5.x,
 * docs/sources/administration/provisioning/index.md, "Example data source config file"; `prune`
 * came with v11.1 and is left out).
 */
const DS_DOC = 'https://grafana.com/docs/grafana/v9.5/administration/provisioning/#data-sources';
export const DATASOURCES_SCHEMA: Block = block(
  {
    apiVersion: int,
    deleteDatasources: repeatable(block({ name: str, orgId: int }, DS_DOC)),
    datasources: repeatable(
      block(
        {
          name: str,
          type: str,
          access: str,
          orgId: int,
          uid: str,
          url: str,
          user: str,
          database: str,
          basicAuth: bool,
          basicAuthUser: str,
          withCredentials: bool,
          isDefault: bool,
          jsonData: open('per datasource type'),
          secureJsonData: open('per datasource type'),
          version: int,
          editable: bool,
        },
        DS_DOC,
      ),
    ),
  },
  DS_DOC,
);
