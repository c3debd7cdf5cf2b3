import { anyLabel, block, bool, dur, int, listOf, mapOf, mapsOf, oneOf, open, repeatable, str, type Block } from '../hashicorp/schema';

/**
 * The documented parameters of a Nomad job file, block by block, for every block epl writes and
 * with the value types the documentation gives (`(string: "")`, `(bool: false)`, `(int: 0)`,
 * `(array<string>: [])`; strings documented as durations are durations). Blocks epl never writes
 * are listed by name as `open`, so a job using them is not reported, but their contents are not
 * checked.
 *
 * Taken from Nomad v1.9.7's documentation (hashicorp/nomad tag v1.9.7, the nixpkgs 25.05 `nomad`
 * that also fixed hashicorp/nomad-keys.ts), one page per block:
 *   website/content/docs/job-specification/<block>.mdx  https://developer.hashicorp.com/nomad/docs/v1.9.x/job-specification/<block>
 *   website/content/docs/drivers/docker.mdx             https://developer.hashicorp.com/nomad/docs/v1.9.x/drivers/docker  (task `config`)
 *
 * In hcl2json's output a labelled block `group "web" { … }` is `group: { web: [ { … } ] }` and an
 * unlabelled one a list of bodies; blocks that may be written more than once are `repeatable`.
 */

const V = 'https://developer.hashicorp.com/nomad/docs/v1.9.x';
const doc = (page: string) => `${V}/job-specification/${page}`;

/** constraint.mdx: "Possible values include". */
const CONSTRAINT_OPERATORS = ['=', '!=', '>', '>=', '<', '<=', 'distinct_hosts', 'distinct_property', 'regexp', 'set_contains', 'set_contains_any', 'version', 'semver', 'is_set', 'is_not_set'];

const constraint = repeatable(block({ attribute: str, operator: oneOf(...CONSTRAINT_OPERATORS), value: str }, doc('constraint')));

/** update.mdx */
const update = block(
  {
    max_parallel: int,
    health_check: oneOf('checks', 'task_states', 'manual'),
    min_healthy_time: dur,
    healthy_deadline: dur,
    progress_deadline: dur,
    auto_revert: bool,
    auto_promote: bool,
    canary: int,
    stagger: dur,
  },
  doc('update'),
);

/** vault.mdx (task, group and job placements share the parameters). */
const vault = block(
  {
    allow_token_expiration: bool,
    change_mode: oneOf('noop', 'restart', 'signal'),
    change_signal: str,
    cluster: str,
    env: bool,
    disable_file: bool,
    namespace: str,
    policies: listOf('string'),
    role: str,
  },
  doc('vault'),
);

/** network.mdx: `port`, `dns` and `cni` parameters. */
const network = block(
  {
    mbits: int,
    port: anyLabel(block({ static: int, to: int, host_network: str, ignore_collision: bool }, `${doc('network')}#port-parameters`)),
    mode: str,
    hostname: str,
    dns: block({ servers: listOf('string'), searches: listOf('string'), options: listOf('string') }, `${doc('network')}#dns-parameters`),
    cni: block({ args: mapOf('string') }, `${doc('network')}#cni-parameters`),
  },
  doc('network'),
);

/** volume.mdx */
const volume = block(
  {
    type: oneOf('host', 'csi'),
    source: str,
    read_only: bool,
    per_alloc: bool,
    access_mode: str,
    attachment_mode: str,
    mount_options: open('csi mount options; epl writes host volumes'),
  },
  doc('volume'),
);

/** check.mdx */
const check = repeatable(
  block(
    {
      address_mode: str,
      args: listOf('string'),
      check_restart: open('check_restart.mdx; not written by epl'),
      command: str,
      grpc_service: str,
      grpc_use_tls: bool,
      header: open('header block: a map of lists of strings'),
      initial_status: str,
      success_before_passing: int,
      failures_before_critical: int,
      failures_before_warning: int,
      interval: dur,
      method: str,
      body: str,
      name: str,
      path: str,
      expose: bool,
      port: str,
      protocol: str,
      task: str,
      timeout: dur,
      type: oneOf('grpc', 'http', 'script', 'tcp'),
      tls_server_name: str,
      tls_skip_verify: bool,
      on_update: oneOf('require_healthy', 'ignore_warnings', 'ignore'),
    },
    doc('check'),
  ),
);

/** service.mdx */
const service = repeatable(
  block(
    {
      provider: oneOf('consul', 'nomad'),
      cluster: str,
      check,
      weights: open('weights; not written by epl'),
      connect: open('connect.mdx; epl does not use Consul Connect'),
      identity: open('identity.mdx; not written by epl'),
      name: str,
      port: str,
      tags: listOf('string'),
      canary_tags: listOf('string'),
      enable_tag_override: bool,
      address: str,
      tagged_addresses: mapOf('string'),
      address_mode: oneOf('alloc', 'auto', 'driver', 'host'),
      task: str,
      meta: mapOf('string'),
      canary_meta: mapOf('string'),
      on_update: oneOf('require_healthy', 'ignore_warnings', 'ignore'),
    },
    doc('service'),
  ),
);

/** restart.mdx */
const restart = block({ attempts: int, delay: dur, interval: dur, mode: oneOf('fail', 'delay'), render_templates: bool }, doc('restart'));

/** resources.mdx */
const resources = block(
  { cpu: int, cores: int, memory: int, memory_max: int, numa: open('numa.mdx; not written by epl'), device: open('device.mdx; not written by epl'), secrets: int },
  doc('resources'),
);

/** lifecycle.mdx */
const lifecycle = block({ hook: oneOf('prestart', 'poststart', 'poststop'), sidecar: bool }, doc('lifecycle'));

/** volume_mount.mdx */
const volumeMount = repeatable(
  block({ volume: str, destination: str, read_only: bool, propagation_mode: oneOf('private', 'host-to-task', 'bidirectional'), selinux_label: str }, doc('volume_mount')),
);

/** template.mdx, with change_script.mdx */
const templateBlock = repeatable(
  block(
    {
      change_mode: oneOf('noop', 'restart', 'signal', 'script'),
      change_signal: str,
      change_script: block({ command: str, args: listOf('string'), timeout: dur, fail_on_error: bool }, doc('change_script')),
      data: str,
      destination: str,
      env: bool,
      error_on_missing_key: bool,
      left_delimiter: str,
      perms: str,
      uid: int,
      gid: int,
      right_delimiter: str,
      source: str,
      splay: dur,
      wait: open('wait: min/max durations; not written by epl'),
      vault_grace: dur,
    },
    doc('template'),
  ),
);

/** drivers/docker.mdx, "Task Configuration" (and the `mount` block's tmpfs form). */
const dockerConfig = block(
  {
    image: str,
    image_pull_timeout: dur,
    args: listOf('string'),
    auth: open('registry credentials; not written by epl'),
    auth_soft_fail: bool,
    command: str,
    container_exists_attempts: int,
    dns_search_domains: listOf('string'),
    dns_options: listOf('string'),
    dns_servers: listOf('string'),
    entrypoint: listOf('string'),
    extra_hosts: listOf('string'),
    force_pull: bool,
    group_add: listOf('string'),
    healthchecks: open('healthchecks { disable = true }; not written by epl'),
    hostname: str,
    init: bool,
    interactive: bool,
    isolation: str,
    sysctl: mapOf('string'),
    ulimit: mapOf('string'),
    privileged: bool,
    ipc_mode: str,
    labels: mapsOf('string'),
    load: str,
    logging: open('logging driver config; not written by epl'),
    mac_address: str,
    memory_hard_limit: int,
    network_aliases: listOf('string'),
    network_mode: str,
    oom_score_adj: int,
    pid_mode: str,
    ports: listOf('string'),
    port_map: open('deprecated port_map; not written by epl'),
    security_opt: listOf('string'),
    shm_size: int,
    storage_opt: mapOf('string'),
    tty: bool,
    uts_mode: str,
    userns_mode: str,
    volumes: listOf('string'),
    volume_driver: str,
    work_dir: str,
    mount: repeatable(
      block(
        {
          type: oneOf('volume', 'bind', 'tmpfs'),
          target: str,
          source: str,
          readonly: bool,
          bind_options: open('bind mounts; not written by epl'),
          tmpfs_options: block({ size: int }),
          volume_options: open('docker volumes; not written by epl'),
        },
        `${V}/drivers/docker#mount`,
      ),
    ),
    mounts: open('deprecated: replaced by mount'),
    devices: open('devices; not written by epl'),
    cap_add: listOf('string'),
    cap_drop: listOf('string'),
    cpu_hard_limit: bool,
    cpu_cfs_period: int,
    readonly_rootfs: bool,
    runtime: str,
    pids_limit: int,
  },
  `${V}/drivers/docker`,
);

/** task.mdx; every epl task uses the docker driver, so `config` is checked as docker's. */
const task = block(
  {
    artifact: open('artifact.mdx; not written by epl'),
    config: dockerConfig,
    consul: open('consul.mdx; not written by epl'),
    constraint,
    affinity: open('affinity.mdx; not written by epl'),
    dispatch_payload: open('dispatch_payload.mdx; not written by epl'),
    driver: oneOf('docker'),
    env: mapOf('string'),
    identity: open('identity.mdx; not written by epl'),
    kill_timeout: dur,
    kill_signal: str,
    leader: bool,
    lifecycle,
    logs: open('logs.mdx; not written by epl'),
    meta: mapOf('string'),
    resources,
    service,
    shutdown_delay: dur,
    user: str,
    template: templateBlock,
    vault,
    volume_mount: volumeMount,
    kind: str,
  },
  doc('task'),
);

/** group.mdx */
const group = block(
  {
    constraint,
    affinity: open('affinity.mdx; not written by epl'),
    spread: open('spread.mdx; not written by epl'),
    count: int,
    consul: open('consul.mdx; not written by epl'),
    ephemeral_disk: open('ephemeral_disk.mdx; not written by epl'),
    disconnect: open('disconnect.mdx; not written by epl'),
    meta: mapOf('string'),
    migrate: open('migrate.mdx; not written by epl'),
    network,
    prevent_reschedule_on_lost: bool,
    reschedule: open('reschedule.mdx; not written by epl'),
    restart,
    service,
    shutdown_delay: dur,
    stop_after_client_disconnect: dur,
    max_client_disconnect: dur,
    task: anyLabel(task),
    update,
    vault,
    volume: anyLabel(volume),
  },
  doc('group'),
);

/** job.mdx */
const job = block(
  {
    all_at_once: bool,
    constraint,
    affinity: open('affinity.mdx; not written by epl'),
    spread: open('spread.mdx; not written by epl'),
    datacenters: listOf('string'),
    node_pool: str,
    group: anyLabel(group),
    meta: mapOf('string'),
    name: str,
    migrate: open('migrate.mdx; not written by epl'),
    namespace: str,
    parameterized: open('parameterized.mdx; not written by epl'),
    periodic: open('periodic.mdx; not written by epl'),
    priority: int,
    region: str,
    reschedule: open('reschedule.mdx; not written by epl'),
    type: oneOf('service', 'system', 'batch', 'sysbatch'),
    update,
    vault,
    vault_token: str,
    consul_token: str,
  },
  doc('job'),
);

/** A job file: one `job "<id>" { … }` block (job.mdx). */
export const nomadJobFileKeys: Block = block({ job: anyLabel(job) }, doc('job'));
