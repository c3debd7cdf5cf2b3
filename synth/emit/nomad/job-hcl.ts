import { printHcl } from '../../../lib/hcl/print';
import { attr, attrs, block, heredoc, map, template, type HclBlock, type HclItem, type HclValue } from '../../../lib/hcl/value';
import { PRIVATE_IP } from '../../plan/nomad/common';
import type {
  NomadCheck,
  NomadConstraint,
  NomadGroup,
  NomadHostVolume,
  NomadJob,
  NomadPort,
  NomadRestart,
  NomadService,
  NomadTask,
  NomadTemplate,
  NomadUpdate,
  NomadVolumeMount,
} from '../../plan/nomad/job';

/**
 * A Nomad job as a job file (outputs.md §4.2), in HCL2 as `nomad job run` reads it
 * (https://developer.hashicorp.com/nomad/docs/job-specification).
 *
 * Every string reaches Nomad exactly as the model holds it. HCL would evaluate `${…}` and `%{…}`
 * in a quoted string while reading the file (a `${file("…")}` would read a file on the machine
 * running `nomad job run`), so they are escaped; Nomad's own interpolation happens later, on the
 * value Nomad stored, and sees the same `${meta.private_ip}` either way. Strings that are plain
 * Nomad references are printed unescaped (see {@link nomadText}) only because that reads as the
 * documentation's examples do.
 */
export function renderNomadJob(job: NomadJob): string {
  return printHcl([jobBlock(job)]);
}

/** Check timing when the model leaves it open (outputs.md §4.2: 10s/2s). */
const CHECK_INTERVAL = '10s';
const CHECK_TIMEOUT = '2s';
/** The client `host_network` static ports are taken on. */
const DEFAULT_HOST_NETWORK = 'lan';
/** Nomad's own default CPU share in MHz, written out so the file says what the task gets. */
const DEFAULT_CPU = 100;

/**
 * Runtime variables Nomad resolves itself (https://developer.hashicorp.com/nomad/docs/runtime/interpolation):
 * `${attr.…}`, `${meta.…}`, `${node.…}` and the task environment's `${NOMAD_…}`. A reference is a
 * bare traversal with no function call, so HCL has nothing to evaluate in it.
 */
const NOMAD_REFERENCE = /\$\{(?:(?:attr|meta|node)(?:\.[A-Za-z0-9_-]+)+|NOMAD_[A-Za-z0-9_]+)\}/g;

/**
 * A string that may hold Nomad runtime references: printed as a template when its only template
 * sequences are such references, else as a literal (every `${` escaped). Both read back as `text`.
 */
export function nomadText(text: string): HclValue {
  const rest = text.replace(NOMAD_REFERENCE, '');
  return text !== rest && !rest.includes('${') && !rest.includes('%{') ? template(text) : text;
}

/** A map of strings as an HCL object (`env = { … }`): unlike a block, any key is allowed (env.mdx, meta.mdx). */
function stringMap(values: Readonly<Record<string, string>>, value: (v: string) => HclValue = (v) => v): HclValue {
  return map(Object.keys(values).sort().map((k) => [k, value(values[k]!)] as const));
}

function jobBlock(job: NomadJob): HclBlock {
  return block(
    'job',
    [job.name],
    attrs({ type: job.type, namespace: job.namespace, region: job.region, datacenters: [...job.datacenters] }),
    job.update && updateBlock(job.update),
    job.groups.map(groupBlock),
  );
}

function updateBlock(u: NomadUpdate): HclBlock {
  return block(
    'update',
    [],
    attrs({
      max_parallel: u.maxParallel,
      health_check: u.healthCheck,
      min_healthy_time: u.minHealthyTime,
      healthy_deadline: u.healthyDeadline,
      progress_deadline: u.progressDeadline,
      stagger: u.stagger,
      auto_revert: u.autoRevert,
    }),
  );
}

function groupBlock(g: NomadGroup): HclBlock {
  return block(
    'group',
    [g.name],
    attrs({ count: g.count, shutdown_delay: g.shutdownDelay }),
    g.constraints.map(constraintBlock),
    g.ports.length > 0 && block('network', [], attr('mode', 'host'), g.ports.map(portBlock)),
    g.volumes.map(volumeBlock),
    g.restart && restartBlock(g.restart),
    g.services.map(serviceBlock),
    g.tasks.map(taskBlock),
  );
}

function constraintBlock(c: NomadConstraint): HclBlock {
  // distinct_hosts takes no attribute: the model gives it as ''.
  return block('constraint', [], attrs({ attribute: c.attribute === '' ? undefined : nomadText(c.attribute), operator: c.operator, value: c.value === undefined ? undefined : nomadText(c.value) }));
}

function portBlock(p: NomadPort): HclBlock {
  return block('port', [p.label], attrs({ static: p.static, host_network: p.hostNetwork ?? DEFAULT_HOST_NETWORK }));
}

function volumeBlock(v: NomadHostVolume): HclBlock {
  return block('volume', [v.name], attrs({ type: 'host', source: v.source, read_only: v.readOnly }));
}

function restartBlock(r: NomadRestart): HclBlock {
  return block('restart', [], attrs({ attempts: r.attempts, interval: r.interval, delay: r.delay, mode: r.mode }));
}

function serviceBlock(s: NomadService): HclBlock {
  return block(
    'service',
    [],
    attrs({
      name: s.name,
      port: s.port,
      provider: 'consul',
      address: nomadText(s.address ?? PRIVATE_IP),
      tags: [...s.tags],
      meta: s.meta && stringMap(s.meta),
    }),
    s.checks.map(checkBlock),
  );
}

function checkBlock(c: NomadCheck): HclBlock {
  return block('check', [], attrs({ type: c.type, port: c.port, path: c.path, interval: c.interval ?? CHECK_INTERVAL, timeout: c.timeout ?? CHECK_TIMEOUT }));
}

function taskBlock(t: NomadTask): HclBlock {
  const vault = t.vault === true ? {} : t.vault || undefined;
  return block(
    'task',
    [t.name],
    attr('driver', 'docker'),
    t.user !== undefined && attr('user', t.user),
    dockerConfig(t),
    t.env && attr('env', stringMap(t.env, nomadText)),
    block('resources', [], attrs({ cpu: t.cpu ?? DEFAULT_CPU, memory: t.memoryMb, memory_max: t.memoryMaxMb })),
    t.templates.map(templateBlock),
    t.volumeMounts.map(volumeMountBlock),
    t.lifecycle && block('lifecycle', [], attrs({ hook: t.lifecycle.hook, sidecar: t.lifecycle.sidecar })),
    vault && block('vault', [], attrs({ change_mode: vault.changeMode, change_signal: vault.changeSignal })),
  );
}

/** The docker driver's `config` (docs/drivers/docker.mdx): host networking, always. */
function dockerConfig(t: NomadTask): HclBlock {
  const items: HclItem[] = attrs({
    image: t.image,
    network_mode: 'host',
    entrypoint: t.entrypoint && t.entrypoint.map(nomadText),
    args: t.args && t.args.map(nomadText),
    // The list-of-one-map form takes any key (`com.example.x`); the block form only identifiers.
    labels: t.labels && [stringMap(t.labels)],
  });
  for (const m of t.tmpfs ?? []) {
    items.push(block('mount', [], attrs({ type: 'tmpfs', target: m.target, readonly: false }), m.sizeBytes !== undefined && block('tmpfs_options', [], attr('size', m.sizeBytes))));
  }
  return block('config', [], items);
}

function templateBlock(t: NomadTemplate): HclBlock {
  return block(
    'template',
    [],
    attrs({
      destination: t.destination,
      // consul-template text: `{{ … }}` is for consul-template, a `${` in it is text.
      data: heredoc(t.data),
      env: t.env,
      change_mode: t.changeMode,
      change_signal: t.changeSignal,
      perms: t.perms,
      uid: t.uid,
      gid: t.gid,
    }),
    t.changeScript &&
      block('change_script', [], attrs({ command: t.changeScript.command, args: t.changeScript.args && [...t.changeScript.args], timeout: t.changeScript.timeout, fail_on_error: t.changeScript.failOnError })),
  );
}

function volumeMountBlock(m: NomadVolumeMount): HclBlock {
  return block('volume_mount', [], attrs({ volume: m.volume, destination: m.destination, read_only: m.readOnly }));
}
