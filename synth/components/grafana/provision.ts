import type { Region } from '../../../constructs/core/region';
import { Grafana } from '../../../constructs/services/grafana';
import { shq } from '../../../lib/shell/quote';
import { compareCodePoints } from '../../../lib/text/order';
import type { Model } from '../../model/model';
import { changesFooter, httpScriptHeader } from '../../emit/l2/script-header';
import type { L2File, L2Step } from '../component';
import { grafanaDashboards } from './dashboards';
import { GRAFANA_ADMIN_USER, GRAFANA_SECRET_FIELDS, grafanaSecretPath, grafanaServiceNames } from './names';

/**
 * Stage 70 of a region's L2 provisioning: the dashboards epl generates, written to each Grafana
 * deployment through its HTTP API (`POST /api/dashboards/db`, as the reference's
 * provision-grafana-dashboards.sh does) by its admin, whose password is in Vault. Through the API
 * rather than Grafana's file provider: a dashboard's PromQL legends hold `{{host}}`, which Nomad's
 * templates would take for their own, and a job file would carry every dashboard of the region.
 * Last of all stages, after the apps' jobs: a Grafana that is not up yet stops no deployment, and
 * the next run writes the dashboards. A dashboard Grafana already holds unchanged is not written,
 * so a second run changes nothing.
 */

export const GRAFANA_PROVISION_STEP = 'provision-grafana-dashboards';
export const GRAFANA_PROVISION_STAGE = 70;

/** The dashboards' directory of a deployment, relative to the region's `l2-provisioning/<region>/`. */
export function grafanaDashboardsDir(g: Grafana): string {
  return `grafana-dashboards/${g.deploymentName}`;
}

function deployments(model: Model, region: Region): Grafana[] {
  return model
    .ofType(Grafana)
    .filter((g) => g.region === region)
    .sort((a, b) => compareCodePoints(a.deploymentName, b.deploymentName));
}

/** Each deployment's dashboards as files (`<uid>.json`). */
export function grafanaDashboardFiles(model: Model, g: Grafana): L2File[] {
  return grafanaDashboards(model, g).map((d) => ({ region: g.region, path: `${grafanaDashboardsDir(g)}/${String(d.uid)}.json`, content: `${JSON.stringify(d, null, 2)}\n` }));
}

/** The step for the region's Grafana deployments, or undefined when it has none. */
export function grafanaProvisionStep(model: Model, region: Region): L2Step | undefined {
  const all = deployments(model, region);
  if (all.length === 0) return undefined;
  const lines = httpScriptHeader({
    model,
    region,
    name: GRAFANA_PROVISION_STEP,
    about: [
      "Writes the dashboards epl generates (grafana-dashboards/) to the region's Grafana deployments through",
      "their HTTP API, as their admin (password from Vault); a dashboard Grafana holds unchanged is not written.",
    ],
    apis: ['consul', 'vault'],
  });
  lines.push('l2_dir="$(cd "$(dirname "$0")/.." && pwd)"', FUNCTIONS);
  for (const g of all) {
    const files = grafanaDashboardFiles(model, g).map((f) => f.path.slice(grafanaDashboardsDir(g).length + 1));
    lines.push(
      `grafana_login ${shq(grafanaServiceNames(g).grafana)} ${shq(`${grafanaSecretPath(g)}`)}`,
      ...files.map((f) => `put_dashboard ${shq(`${grafanaDashboardsDir(g)}/${f}`)}`),
    );
  }
  lines.push(...changesFooter(`grafana dashboards of region ${region.regionName}`));
  return { region, stage: GRAFANA_PROVISION_STAGE, name: GRAFANA_PROVISION_STEP, script: lines.join('\n') };
}

/** Shell functions of the step (POSIX sh, curl and jq). */
const FUNCTIONS = `
# grafana_login SERVICE SECRET_PATH: the admin's Basic credentials in $work/grafana.h (a header
# file: the password never reaches a command line), and $grafana_url, a healthy instance of the
# Consul service SERVICE.
grafana_login() {
  grafana_secret="$2"
  status="$(call vault GET "$vault_url/v1/epl/data/$2")"
  [ "$status" = 200 ] || fail "read the Grafana admin password at $2" "$status"
  credentials="$(jq -j '"${GRAFANA_ADMIN_USER}:" + .data.data.${GRAFANA_SECRET_FIELDS.adminPassword}' "$work/response" | base64 | tr -d '\\n')"
  # Grafana binds a request body as JSON only when it says it is.
  printf 'Authorization: Basic %s\\nContent-Type: application/json\\n' "$credentials" > "$work/grafana.h"
  wait_for "a healthy instance of $1" consul "$consul_url/v1/health/service/$1?passing=true" 'length > 0'
  # Consul gives an empty Service.Address (not null) when the service has the node's address.
  grafana_url="http://$(jq -r '.[0] | "\\(if (.Service.Address // "") == "" then .Node.Address else .Service.Address end):\\(.Service.Port)"' "$work/response")"
  wait_for "Grafana at $grafana_url" grafana "$grafana_url/api/health" '.database == "ok"'
}

# put_dashboard FILE: writes the dashboard in $l2_dir/FILE unless Grafana holds it unchanged
# (compared without the id and version Grafana adds).
put_dashboard() {
  file="$l2_dir/$1"
  uid="$(jq -r .uid "$file")"
  status="$(call grafana GET "$grafana_url/api/dashboards/uid/$uid")"
  case "$status" in
    200 | 404) ;;
    401) fail "Grafana at $grafana_url refused the admin password in Vault ($grafana_secret; Grafana keeps the one it first started with)" "$status" ;;
    *) fail "GET /api/dashboards/uid/$uid" "$status" ;;
  esac
  if [ "$status" = 200 ] && [ "$(jq -S '.dashboard | del(.id, .version)' "$work/response")" = "$(jq -S 'del(.id, .version)' "$file")" ]; then
    return 0
  fi
  jq '{dashboard: (. + {id: null}), overwrite: true, message: "epl"}' "$file" > "$work/body"
  status="$(call grafana POST "$grafana_url/api/dashboards/db" "$work/body")"
  case "$status" in
    2??) changes=$((changes + 1)); echo "wrote dashboard $uid" ;;
    *) fail "POST /api/dashboards/db ($uid)" "$status" ;;
  esac
}
`;
