import type { App } from '../core/app';
import { AlertGroup } from './alerts';

/** File systems that hold data; tmpfs, overlay and the like fill and empty on their own. */
const DATA_FS = 'fstype=~"btrfs|ext4|xfs|zfs"';

/**
 * The alerts epl ships for what it runs, each with a trigger test, as one group to add to the app
 * and to the monitoring clusters that should evaluate it:
 *
 * - `EplDiskSpaceLow`: a data file system below 10% free (node_exporter's
 *   `node_filesystem_avail_bytes`, the space an unprivileged writer gets).
 * - `EplMemoryLow`: under 10% of memory available (node_exporter's `node_memory_MemAvailable_bytes`,
 *   the kernel's estimate of what can be used without swapping).
 * - `EplTargetDown`: a scrape target Prometheus has failed to reach for 5 minutes (`up == 0`).
 * - `EplVaultSealed`: a Vault server reports itself sealed (`vault_core_unsealed == 0`), so nothing
 *   reads secrets from it until it is unsealed.
 * - `EplPatroniNoLeader`: a Patroni cluster where no member holds the leader lock
 *   (`patroni_cluster_unlocked`, exported on the REST API's `/metrics` by the Patroni 2.1 and 4.0 of
 *   epl's Postgres images; `patroni_primary` is missing from 2.1.4, and a lock nobody holds is what
 *   "no leader" means to Patroni itself), so the database takes no writes.
 * - `EplCertificateExpiring`: the TLS certificate of a Consul agent (epl issues them) expires within
 *   14 days (`consul_agent_tls_cert_expiry`, seconds left, exported by every agent since Consul 1.11).
 *
 * @param name the group's PascalCase name @default 'EplBase'
 */
export function baseAlerts(app: App, name = 'EplBase'): AlertGroup {
  const g = new AlertGroup(app, name);
  g.alert('EplDiskSpaceLow', {
    expr: `node_filesystem_avail_bytes{${DATA_FS}} / node_filesystem_size_bytes{${DATA_FS}} * 100 < 10`,
    for: '10m',
    severity: 60,
    description: 'File system {{ $labels.mountpoint }} on {{ $labels.instance }} has {{ printf "%.1f" $value }}% space left',
    tests: [
      {
        inputSeries: [
          { series: 'node_filesystem_avail_bytes{instance="server-a:9100",mountpoint="/var/lib",fstype="zfs"}', values: '50x5 5x15' },
          { series: 'node_filesystem_size_bytes{instance="server-a:9100",mountpoint="/var/lib",fstype="zfs"}', values: '100x20' },
        ],
        evalTime: '20m',
        expectedMessage: 'File system /var/lib on server-a:9100 has 5.0% space left',
      },
    ],
  });
  g.alert('EplMemoryLow', {
    expr: 'node_memory_MemAvailable_bytes / node_memory_MemTotal_bytes * 100 < 10',
    for: '5m',
    severity: 60,
    description: 'Server {{ $labels.instance }} has {{ printf "%.1f" $value }}% of its memory available',
    tests: [
      {
        inputSeries: [
          { series: 'node_memory_MemAvailable_bytes{instance="server-a:9100"}', values: '4x10' },
          { series: 'node_memory_MemTotal_bytes{instance="server-a:9100"}', values: '64x10' },
        ],
        evalTime: '10m',
        expectedMessage: 'Server server-a:9100 has 6.2% of its memory available',
      },
    ],
  });
  g.alert('EplTargetDown', {
    expr: 'up == 0',
    for: '5m',
    severity: 70,
    description: 'Prometheus cannot scrape {{ $labels.job }} at {{ $labels.instance }}',
    tests: [
      {
        inputSeries: [{ series: 'up{job="epl-nats-main",instance="10.17.0.10:4225"}', values: '1 1 0x10' }],
        evalTime: '10m',
        expectedMessage: 'Prometheus cannot scrape epl-nats-main at 10.17.0.10:4225',
      },
    ],
  });
  g.alert('EplVaultSealed', {
    expr: 'vault_core_unsealed == 0',
    for: '1m',
    severity: 90,
    description: 'Vault at {{ $labels.instance }} is sealed',
    tests: [
      {
        inputSeries: [{ series: 'vault_core_unsealed{instance="server-a:8200"}', values: '1 0x5' }],
        evalTime: '5m',
        expectedMessage: 'Vault at server-a:8200 is sealed',
      },
    ],
  });
  g.alert('EplPatroniNoLeader', {
    expr: 'max by (scope) (patroni_cluster_unlocked) == 1',
    for: '1m',
    severity: 90,
    description: 'Postgres cluster {{ $labels.scope }} has no leader: it takes no writes',
    tests: [
      {
        inputSeries: [
          { series: 'patroni_cluster_unlocked{scope="testdb",instance="server-a:5435"}', values: '0 1x5' },
          { series: 'patroni_cluster_unlocked{scope="testdb",instance="server-b:5435"}', values: '0 1x5' },
        ],
        evalTime: '5m',
        expectedMessage: 'Postgres cluster testdb has no leader: it takes no writes',
      },
    ],
  });
  g.alert('EplCertificateExpiring', {
    expr: 'consul_agent_tls_cert_expiry < 14 * 86400',
    for: '1h',
    severity: 60,
    description: 'The TLS certificate of the Consul agent on {{ $labels.instance }} expires in {{ $value | humanizeDuration }}',
    tests: [
      {
        inputSeries: [{ series: 'consul_agent_tls_cert_expiry{instance="server-a:8501"}', values: '864000-60x120' }],
        interval: '1m',
        evalTime: '2h',
        expectedMessage: 'The TLS certificate of the Consul agent on server-a:8501 expires in 9d 22h 0m 0s',
      },
    ],
  });
  return g;
}
