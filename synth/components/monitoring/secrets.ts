import type { MonitoringCluster } from '../../../constructs/services/monitoring-cluster';
import { shq } from '../../../lib/shell/quote';
import type { Model } from '../../model/model';
import { jobSecretPath } from '../../plan/nomad/common';
import { VAULT_KV_MOUNT } from '../../emit/bootstrap/vault-setup';
import { changesFooter, httpScriptHeader } from '../../emit/l2/script-header';
import type { ConsulToken, L2Step } from '../component';
import { monitoringJobName } from './names';

/** The cluster's secrets in Vault, under its job's path (its tasks' policy reads them). */
export function monitoringSecretPaths(c: MonitoringCluster) {
  const job = monitoringJobName(c);
  return { consul: jobSecretPath(c.namespace, job, 'consul'), tlsCa: jobSecretPath(c.namespace, job, 'tls-ca') };
}

export const MONITORING_SECRET_FIELDS = { consulToken: 'token', nomadCa: 'nomad_ca', vaultCa: 'vault_ca' } as const;

/**
 * Prometheus's Consul token: it lists the services and nodes (service discovery) and reads the
 * agents' metrics (`/v1/agent/metrics` needs agent:read). Read-only.
 */
export function monitoringConsulToken(c: MonitoringCluster): ConsulToken {
  return {
    region: c.region,
    name: `epl-mon-${c.clusterName}`,
    rules: ['service_prefix "" { policy = "read" }', 'node_prefix "" { policy = "read" }', 'agent_prefix "" { policy = "read" }', ''].join('\n'),
    vaultPath: monitoringSecretPaths(c).consul,
    field: MONITORING_SECRET_FIELDS.consulToken,
  };
}

/** The region's step name (its script is `<name>.sh`). */
export const MONITORING_CA_STEP = 'provision-monitoring-cas';

/**
 * Stage 10: the CAs of Nomad's and Vault's TLS listeners, which Prometheus verifies when it
 * scrapes them, copied from the provisioning server's secrets directory (the files the L2 scripts
 * themselves trust, `$nomad_ca` and `$vault_ca`) into each cluster's Vault path, where its job's
 * template reads them. Certificates are public: Vault is only how they reach the task. Writes
 * only when they changed.
 */
export function monitoringCaStep(model: Model, clusters: readonly MonitoringCluster[]): L2Step | undefined {
  if (clusters.length === 0) return undefined;
  const region = clusters[0]!.region;
  const f = MONITORING_SECRET_FIELDS;
  const lines = [
    ...httpScriptHeader({
      model,
      region,
      name: MONITORING_CA_STEP,
      about: ["The CAs of Nomad's and Vault's HTTPS listeners, for the monitoring clusters' Prometheus to verify them."],
      apis: ['vault'],
    }),
    '',
    `wait_for 'Vault to be unsealed' vault "$vault_url/v1/sys/seal-status" '.sealed == false'`,
    `jq -n --rawfile n "$nomad_ca" --rawfile v "$vault_ca" ${shq(`{data: {${f.nomadCa}: $n, ${f.vaultCa}: $v}}`)} > "$work/body"`,
  ];
  for (const c of clusters) {
    const path = `/v1/${VAULT_KV_MOUNT}/data/${monitoringSecretPaths(c).tlsCa}`;
    lines.push(`ensure vault ${shq(`TLS CAs of monitoring cluster ${c.clusterName}`)} ${shq(path)} '{data: .data.data}' POST ${shq(path)} '' '' ''`);
  }
  lines.push(...changesFooter(`monitoring CAs of region ${region.regionName}`));
  return { region, stage: 10, name: MONITORING_CA_STEP, script: lines.join('\n') };
}
