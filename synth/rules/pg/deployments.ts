import { isRedefinition } from '../../../constructs/storage/containers';
import { KEBAB_CASE, SNAKE_CASE } from '../patterns';
import { defineRule } from '../rule';
import { plural } from '../../../lib/text/plural';

export const deploymentName = defineRule({
  code: 'pg/deployment-name',
  severity: 'error',
  title: 'Postgres deployment names are kebab-case',
  doc: 'The name becomes the Nomad job and Consul service name.',
  check(model, report) {
    for (const d of model.pgDeployments) if (!KEBAB_CASE.test(d.deploymentName)) report(d, `deployment name '${d.deploymentName}' is not kebab-case`);
  },
});

export const deploymentInstanceCount = defineRule({
  code: 'pg/deployment-instance-count',
  severity: 'error',
  title: 'A Postgres deployment has 2 to 5 instances, 3 or more with synchronous replication',
  doc: 'One replica keeps the database available when the leader fails; synchronous replication needs a second replica so a commit never waits on the only one; more than five replicas only add load.',
  reference: ['PgDeploymentMustHaveAtLeastTwoNodes', 'PgDeploymentForSynchronousReplicationYouMustRunAtLeastThreeNodes', 'PgDeploymentHasMoreThanMaximumChildInstancesAllowed'],
  check(model, report) {
    for (const d of model.pgDeployments) {
      const n = d.instances.length;
      const min = d.synchronousReplication ? 3 : 2;
      if (n < min || n > 5) {
        report(d, `deployment '${d.deploymentName}' has ${plural(n, 'instance')}, it needs ${min} to 5${d.synchronousReplication ? ' with synchronous replication' : ''}`, { prop: ['instances'] });
      }
    }
  },
});

export const deploymentInstancePlacement = defineRule({
  code: 'pg/deployment-instance-placement',
  severity: 'error',
  title: "A Postgres deployment's instances are on servers of its region",
  doc: 'A replica in another region is not what a regional deployment promises. (Two replicas on one server, which would fail together, are `placement/server-locked-twice`.)',
  check(model, report) {
    for (const d of model.pgDeployments) {
      // Two instances on one server are placement/server-locked-twice, as for every stateful service.
      d.instances.forEach((v, i) => {
        const server = model.serverOf(v);
        if (server.datacenter.region !== d.region) report(d, `instance ${i + 1} is on '${server.hostname}' in region '${server.datacenter.region.regionName}', not '${d.region.regionName}'`, { prop: ['instances', i] });
      });
    }
  },
});

export const deploymentDatabaseNames = defineRule({
  code: 'pg/deployment-database-names',
  severity: 'error',
  title: "A deployment's database names are snake_case, unique, and not 'postgres'",
  doc: 'Managed and unmanaged databases share one namespace per deployment; `postgres` is the server\'s own.',
  reference: ['PgDeploymentDuplicateDatabases'],
  check(model, report) {
    for (const d of model.pgDeployments) {
      for (const db of d.databases) {
        if (!SNAKE_CASE.test(db.databaseName) || db.databaseName === 'postgres') report(db, `database name '${db.databaseName}' must be snake_case and not 'postgres'`);
        else if (isRedefinition(db)) report(db, `database '${db.databaseName}' is defined twice in '${d.deploymentName}'`);
      }
    }
  },
});
