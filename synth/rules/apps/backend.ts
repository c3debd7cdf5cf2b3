import { isRedefinition } from '../../../constructs/storage/containers';
import { KEBAB_CASE, SNAKE_CASE } from '../patterns';
import { defineRule } from '../rule';

export const applicationNames = defineRule({
  code: 'apps/invalid-name',
  severity: 'error',
  title: 'Application and deployment names are kebab-case; shard, stream and bucket names are snake_case',
  doc: 'Application names become crate and job names; shard, stream and bucket names become Rust identifiers and environment variable names, each defined once per application.',
  check(model, report) {
    for (const a of model.backendApplications) {
      if (!KEBAB_CASE.test(a.applicationName)) report(a, `application name '${a.applicationName}' is not kebab-case`);
      for (const s of a.pgShards) {
        if (!SNAKE_CASE.test(s.shardName)) report(s, `shard name '${s.shardName}' is not snake_case`);
        else if (isRedefinition(s)) report(s, `shard '${s.shardName}' is defined twice in '${a.applicationName}'`);
      }
      for (const [kind, items] of [['stream', a.streams.map((s) => ({ c: s, name: s.streamName }))], ['bucket', a.buckets.map((b) => ({ c: b, name: b.bucketName }))]] as const) {
        for (const { c, name } of items) {
          if (!SNAKE_CASE.test(name)) report(c, `${kind} name '${name}' is not snake_case`);
          else if (isRedefinition(c)) report(c, `${kind} '${name}' is defined twice in '${a.applicationName}'`);
        }
      }
    }
    for (const d of model.backendDeployments) if (!KEBAB_CASE.test(d.deploymentName)) report(d, `deployment name '${d.deploymentName}' is not kebab-case`);
  },
});

export const shardStatements = defineRule({
  code: 'apps/shard-statement-of-other-schema',
  severity: 'error',
  title: "A shard uses statements of its own schema, each once",
  doc: "The statements listed on a shard run on the shard's database, so they must belong to its schema.",
  reference: ['ApplicationPgShardQueryNotFoundInPgSchema', 'ApplicationPgShardMutatorNotFoundInPgSchema', 'ApplicationPgShardQueryDefinedTwice', 'ApplicationPgShardMutatorDefinedTwice'],
  check(model, report) {
    for (const a of model.backendApplications) {
      for (const s of a.pgShards) {
        const lists = { queries: s.queries, mutators: s.mutators, transactions: s.transactions } as const;
        for (const [prop, list] of Object.entries(lists)) {
          list.forEach((st, i) => {
            if (st.node.scope !== s.schema) report(s, `${prop.slice(0, -1)} '${st.node.id}' of shard '${s.shardName}' belongs to schema '${(st.node.scope as { node: { id: string } }).node.id}', not '${s.schema.schemaName}'`, { prop: [prop, i] });
            else if (list.indexOf(st as never) !== i) report(s, `'${st.node.id}' is listed twice on shard '${s.shardName}'`, { prop: [prop, i] });
          });
        }
      }
    }
  },
});

export const shardWiring = defineRule({
  code: 'apps/pg-shard-wiring',
  severity: 'error',
  title: "A deployment wires each of its application's shards, once, to a database of the shard's schema in its region",
  doc: "Every Postgres shard of the application needs a database in `pgShards`, managed with the shard's schema, in a deployment of the same region; names that are not shards of the application are mistakes.",
  reference: ['ApplicationPgWiringUndefinedAppDbShard', 'ApplicationPgWiringApplicationHasNoDbShard', 'ApplicationPgWiringApplicationHasNoDbShards', 'ApplicationPgWiringSchemaMismatch', 'ApplicationPgWiringDatabaseIsInDifferentRegion'],
  check(model, report) {
    for (const d of model.backendDeployments) {
      const shards = new Map(d.application.pgShards.map((s) => [s.shardName, s]));
      for (const s of shards.values()) if (!(s.shardName in d.pgShards)) report(d, `shard '${s.shardName}' of '${d.application.applicationName}' is not wired to a database`, { prop: ['pgShards'] });
      for (const [name, db] of Object.entries(d.pgShards)) {
        const shard = shards.get(name);
        const prop = ['pgShards', name];
        if (!shard) report(d, `'${name}' is not a Postgres shard of '${d.application.applicationName}' (shards: ${[...shards.keys()].join(', ') || 'none'})`, { prop });
        else if (db.schema !== shard.schema) report(d, `shard '${name}' uses schema '${shard.schema.schemaName}' but database '${db.databaseName}' is ${db.schema ? `of schema '${db.schema.schemaName}'` : 'unmanaged'}`, { prop });
        else if (db.deployment.region !== d.region) report(d, `shard '${name}' is wired to a database in region '${db.deployment.region.regionName}', not '${d.region.regionName}'`, { prop });
      }
    }
  },
});

export const regionWithDeploymentsMinServers = defineRule({
  code: 'apps/region-with-deployments-min-servers',
  severity: 'error',
  title: 'A region running application deployments has at least 4 servers',
  doc: 'Application deployments need room to move when a server fails, beside the control plane and stateful services.',
  reference: ['RegionWithDeploymentsHasLessThanFourServers'],
  check(model, report) {
    for (const region of model.regions) {
      const deployments = model.backendDeployments.filter((d) => d.region === region);
      const servers = model.serversInRegion(region).length;
      if (deployments.length > 0 && servers < 4) report(deployments[0]!, `region '${region.regionName}' runs application deployments on ${servers} servers, at least 4 are needed`);
    }
  },
});
