import type { Region } from '../../../constructs/core/region';
import { shq } from '../../../lib/shell/quote';
import type { PlannedJob } from '../../components/component';
import type { Model } from '../../model/model';
import { GENERIC_STEPS, jobFileName } from './region-plan';
import { changesFooter, httpScriptHeader } from './script-header';

/** The text a job file holds until an earlier stage puts the built image in (`@@EPL_APP_IMAGE_...@@`). */
export const PLACEHOLDER_MARK = '@@EPL_';

/**
 * `scripts/schedule-nomad-system-jobs.sh` (stage 20) or `scripts/schedule-nomad-app-jobs.sh`
 * (stage 60): registers each job file of the stage through Nomad's HTTP API
 * (https://developer.hashicorp.com/nomad/api-docs/jobs): the HCL is parsed by Nomad
 * (`POST /v1/jobs/parse`), planned against what runs (`POST /v1/job/:id/plan`), and registered
 * (`POST /v1/jobs`) only when the plan shows a difference, so a second run registers nothing. App
 * jobs still holding a placeholder (their image was not built and pushed) are skipped with a
 * message; the others are scheduled.
 */
export function renderScheduleScript(model: Model, region: Region, stage: 'system' | 'app', jobs: readonly PlannedJob[]): string {
  const step = stage === 'system' ? GENERIC_STEPS.systemJobs : GENERIC_STEPS.appJobs;
  const lines = httpScriptHeader({
    model,
    region,
    name: step.name,
    about: [
      stage === 'system'
        ? "Schedules the region's platform jobs (nomad-jobs/), registering only those that changed."
        : "Schedules the region's application jobs (nomad-jobs/), registering only those that changed; a job whose image is not built yet is skipped.",
    ],
    apis: ['nomad'],
  });
  if (jobs.length === 0) {
    lines.push(`# No ${stage} job in this region.`, `echo "no ${stage} jobs to schedule"`, '');
    return lines.join('\n');
  }
  lines.push(
    'jobs_dir="$(cd "$(dirname "$0")/.." && pwd)/nomad-jobs"',
    'skipped=0',
    SCHEDULE_FUNCTION,
    `wait_for 'the Nomad leader' nomad "$nomad_url/v1/status/leader" '. != ""'`,
    ...jobs.map((j) => `schedule ${shq(jobFileName(j))} ${shq(j.job.namespace)} ${shq(j.job.name)} ${stage === 'app' ? 'refuse-placeholders' : 'any'}`),
    '',
    'if [ "$skipped" -gt 0 ]; then',
    `  echo "$skipped ${stage} jobs skipped: their job files still hold a placeholder (see above)" >&2`,
    'fi',
    ...changesFooter(`nomad ${stage} jobs of region ${region.regionName}`),
  );
  return lines.join('\n');
}

const SCHEDULE_FUNCTION = `
# schedule FILE NAMESPACE JOB refuse-placeholders|any: registers nomad-jobs/FILE when Nomad's plan
# of it differs from what Nomad has.
schedule() {
  file="$jobs_dir/$1"
  if [ ! -f "$file" ]; then
    echo "$prog: no job file $file" >&2
    exit 1
  fi
  if [ "$4" = refuse-placeholders ] && grep -q '${PLACEHOLDER_MARK}' "$file"; then
    echo "skipped $2/$3: $1 still holds a placeholder ($(grep -o '${PLACEHOLDER_MARK}[^@]*@@' "$file" | head -n 1)); build and push its image first" >&2
    skipped=$((skipped + 1))
    return 0
  fi
  jq -n --rawfile hcl "$file" '{JobHCL: $hcl, Canonicalize: true}' > "$work/body"
  status="$(call nomad POST "$nomad_url/v1/jobs/parse?namespace=$2" "$work/body")"
  [ "$status" = 200 ] || fail "parse $1" "$status"
  jq '{Job: .}' "$work/response" > "$work/job"
  jq '{Job: ., Diff: true}' "$work/response" > "$work/body"
  status="$(call nomad POST "$nomad_url/v1/job/$3/plan?namespace=$2" "$work/body")"
  [ "$status" = 200 ] || fail "plan $2/$3" "$status"
  if jq -e '.Diff.Type == "None"' "$work/response" >/dev/null; then return 0; fi
  status="$(call nomad POST "$nomad_url/v1/jobs?namespace=$2" "$work/job")"
  case "$status" in
    2??) ;;
    *) fail "register $2/$3" "$status" ;;
  esac
  changes=$((changes + 1))
  echo "scheduled $2/$3 (evaluation $(jq -r '.EvalID // "none"' "$work/response"))"
}
`;
