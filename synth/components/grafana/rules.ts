import { Grafana } from '../../../constructs/services/grafana';
import type { Model } from '../../model/model';
import { defineRule } from '../../rules/rule';
import { GRAFANA_LAST_PORT_OFFSET } from './names';
import { hasDatabase } from './secrets';
import { kebabNameRule } from '../../rules/cluster-rules';

const deployments = (model: Model) => model.ofType(Grafana);

/** The least memory Grafana runs in, in MiB: the server alone idles near 60 MiB. */
export const MIN_GRAFANA_MEMORY_MB = 64;
/** The least memory Promxy runs in, in MiB. */
export const MIN_PROMXY_MEMORY_MB = 32;

const isWhole = (v: number, min: number, max: number) => Number.isInteger(v) && v >= min && v <= max;

export const deploymentName = kebabNameRule({
  code: 'grafana/deployment-name',
  kind: 'Grafana deployment',
  all: deployments,
  nameOf: (g) => g.deploymentName,
  doc: 'The name becomes the Nomad job (`grafana-<name>`), the Consul services (`epl-grafana-<name>`, `epl-grafana-<name>-promxy`) and the Vault path of its secrets.',
  reference: ['kebab-case deployment names (invariants.md §14)'],
});

export const instanceCount = defineRule({
  code: 'grafana/instance-count',
  severity: 'error',
  title: 'A Grafana deployment has at least 2 instances',
  doc: 'With one instance, a restart or a lost server takes the dashboards away exactly when they are needed. The instances share their state in the Postgres database, so any of them serves any user.',
  reference: ['grafana CHECK instance_count >= 2 (model.md §6.7)'],
  check(model, report) {
    for (const g of deployments(model)) {
      if (!isWhole(g.instances, 2, Number.MAX_SAFE_INTEGER)) report(g, `Grafana '${g.deploymentName}' has ${g.instances} instances, it needs a whole number of at least 2`, { prop: ['instances'] });
    }
  },
});

export const ports = defineRule({
  code: 'grafana/ports',
  severity: 'error',
  title: "Grafana's port and Promxy's, the next one, are valid ports",
  doc: `Grafana listens on \`port\` and its Promxy on the next one: \`port\` is a whole number from 1 to ${65535 - GRAFANA_LAST_PORT_OFFSET}.`,
  reference: ['grafana CHECK valid ports, consecutive (model.md §6.7)'],
  check(model, report) {
    for (const g of deployments(model)) {
      if (!isWhole(g.port, 1, 65535 - GRAFANA_LAST_PORT_OFFSET)) report(g, `port is ${g.port}, it must be a whole number from 1 to ${65535 - GRAFANA_LAST_PORT_OFFSET} (Promxy takes the next one)`, { prop: ['port'] });
    }
  },
});

export const memory = defineRule({
  code: 'grafana/memory',
  severity: 'error',
  title: `Grafana reserves at least ${MIN_GRAFANA_MEMORY_MB} MiB and Promxy at least ${MIN_PROMXY_MEMORY_MB} MiB`,
  doc: `Grafana idles near 60 MiB before a dashboard is opened, Promxy near 20 MiB before a query merges series; with less reserved they are killed at the first use.`,
  check(model, report) {
    for (const g of deployments(model)) {
      if (!isWhole(g.memoryMb, MIN_GRAFANA_MEMORY_MB, Number.MAX_SAFE_INTEGER)) report(g, `memoryMb is ${g.memoryMb}, it must be a whole number of MiB, at least ${MIN_GRAFANA_MEMORY_MB}`, { prop: ['memoryMb'] });
      if (!isWhole(g.promxyMemoryMb, MIN_PROMXY_MEMORY_MB, Number.MAX_SAFE_INTEGER)) report(g, `promxyMemoryMb is ${g.promxyMemoryMb}, it must be a whole number of MiB, at least ${MIN_PROMXY_MEMORY_MB}`, { prop: ['promxyMemoryMb'] });
    }
  },
});

export const databaseUnmanaged = defineRule({
  code: 'grafana/database-unmanaged',
  severity: 'error',
  title: "Grafana's database is an unmanaged database",
  doc: "Grafana creates and migrates its own tables; a managed database is migrated by epl to its schema, and the two would fight over it. Give Grafana a database made with `deployment.unmanagedDatabase(name)`.",
  reference: ['grafana.database REF pg_deployment_unmanaged_db (model.md §6.7)'],
  check(model, report) {
    for (const g of deployments(model)) {
      if (hasDatabase(g) && g.database.schema) {
        report(g, `Grafana '${g.deploymentName}' uses database '${g.database.databaseName}', which epl migrates to schema '${g.database.schema.schemaName}'; use an unmanaged database`, {
          prop: ['database'],
          related: [{ construct: g.database, message: 'the managed database' }],
        });
      }
    }
  },
});

export const databaseRegion = defineRule({
  code: 'grafana/database-region',
  severity: 'error',
  title: "Grafana's database is in the Grafana's region",
  doc: 'Grafana reaches its database through the Consul service of the Postgres deployment, which resolves within the region; every page load queries it, so it belongs on the same network anyway.',
  reference: ['GrafanaDatabaseIsOutsideSpecifiedRegion'],
  check(model, report) {
    for (const g of deployments(model)) {
      if (!hasDatabase(g)) continue;
      const d = g.database.deployment;
      if (d.region !== g.region) {
        report(g, `Grafana '${g.deploymentName}' is in region '${g.region.regionName}', its database's Postgres deployment '${d.deploymentName}' in '${d.region.regionName}'`, {
          prop: ['database'],
          related: [{ construct: d, message: 'the Postgres deployment' }],
        });
      }
    }
  },
});

/**
 * The rules of Grafana deployments. Placement labels not declared are placement/undeclared-label's
 * finding, a region without a monitoring or Loki cluster the presence rules' and a cluster of another region regions/telemetry-cluster-region's (invariants.md §6).
 */
export const grafanaRules = [deploymentName, instanceCount, ports, memory, databaseUnmanaged, databaseRegion];
