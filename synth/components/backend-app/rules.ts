import { Architecture } from '../../../constructs/core/enums';
import { sortedStrings } from '../../../lib/text/order';
import { defineRule } from '../../rules/rule';
import { wiringRules } from './wiring-rules';
import { envVariableClash } from './env-rules';

/**
 * Rules of a backend deployment's own props. Shard wiring (each shard once, schema, region) is
 * apps/pg-shard-wiring in synth/rules/apps/backend.ts; names are apps/invalid-name; streams and
 * buckets are in wiring-rules.ts.
 */

export const MIN_MEMORY_MB = 32;
export const MIN_HTTP_PORT = 1024;
export const MAX_COUNT = 1024;

export const deploymentCount = defineRule({
  code: 'apps/deployment-count',
  severity: 'error',
  title: 'A backend deployment runs 1 to 1024 instances',
  doc: 'A deployment with no instance serves nothing; instances are spread one per server, so counts beyond 1024 cannot be placed.',
  reference: ['NomadStatelessJobZeroInstanceCount'],
  check(model, report) {
    for (const d of model.backendDeployments) {
      if (!Number.isInteger(d.count) || d.count < 1 || d.count > MAX_COUNT) report(d, `deployment '${d.deploymentName}' has count ${d.count}, expected a whole number from 1 to ${MAX_COUNT}`, { prop: ['count'] });
    }
  },
});

export const deploymentHttpPort = defineRule({
  code: 'apps/deployment-http-port',
  severity: 'error',
  title: 'A backend deployment serves HTTP on a port from 1024 to 65535',
  doc: 'Ports below 1024 are privileged and belong to the platform (SSH, DNS, the ingress); the port is reserved on every server that may run the deployment, so a clash with another service is reported as a port conflict.',
  check(model, report) {
    for (const d of model.backendDeployments) {
      if (!Number.isInteger(d.httpPort) || d.httpPort < MIN_HTTP_PORT || d.httpPort > 65535) report(d, `HTTP port ${d.httpPort} of '${d.deploymentName}' is not a whole number from ${MIN_HTTP_PORT} to 65535`, { prop: ['httpPort'] });
    }
  },
});

export const deploymentMemory = defineRule({
  code: 'apps/deployment-memory',
  severity: 'error',
  title: 'A backend deployment reserves at least 32 MiB per instance',
  doc: 'An application with its runtime, HTTP server and database connections needs a few tens of MiB before it does any work; less makes the kernel kill it under the first load.',
  check(model, report) {
    for (const d of model.backendDeployments) {
      if (!Number.isInteger(d.memoryMb) || d.memoryMb < MIN_MEMORY_MB) report(d, `'${d.deploymentName}' reserves ${d.memoryMb} MiB per instance, expected a whole number of at least ${MIN_MEMORY_MB}`, { prop: ['memoryMb'] });
    }
  },
});

export const deploymentArchitecture = defineRule({
  code: 'apps/deployment-architecture',
  severity: 'error',
  title: 'Backend deployments run on x86_64',
  doc: 'L2 provisioning builds application images for x86_64 only; an instance on another architecture would have no image to run.',
  reference: ['NonAmd64BuildsNotSupportedYetForApplications'],
  check(model, report) {
    for (const d of model.backendDeployments) {
      if (d.workloadArchitecture !== Architecture.X86_64) report(d, `'${d.deploymentName}' targets ${d.workloadArchitecture}; application images are built for x86_64 only`, { prop: ['workloadArchitecture'] });
    }
  },
});

export const shardsShareDatabase = defineRule({
  code: 'apps/pg-shards-share-database',
  severity: 'error',
  title: "A deployment wires each of its application's shards to a different database",
  doc: 'Shards are separate databases to the application; two of them on one database would see and migrate each other\'s data.',
  reference: ['ApplicationPgWiringDifferentAppShardsPointToSameDatabase'],
  check(model, report) {
    for (const d of model.backendDeployments) {
      const first = new Map<unknown, string>();
      for (const name of sortedStrings(Object.keys(d.pgShards))) {
        const db = d.pgShards[name]!;
        const other = first.get(db);
        if (other !== undefined) report(d, `shards '${other}' and '${name}' are both wired to database '${db.databaseName}' of '${db.deployment.deploymentName}'`, { prop: ['pgShards', name] });
        else first.set(db, name);
      }
    }
  },
});

export const backendAppRules = [deploymentCount, deploymentHttpPort, deploymentMemory, deploymentArchitecture, shardsShareDatabase, envVariableClash, ...wiringRules];
