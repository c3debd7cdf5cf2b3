import { Architecture } from '../../../constructs/core/enums';
import { archConstraint, DISTINCT_HOSTS, lockConstraint, PRIVATE_IP, ROLLING_UPDATE, vaultField } from '../../../synth/plan/nomad/common';
import type { NomadJob } from '../../../synth/plan/nomad/job';

/**
 * A job that sets every field of the Nomad job model, with hostile text where the model holds
 * text, and (written out by hand, not derived from the emitter) what a reader of its job file
 * must get: hcl2json's output with strings read back (test/helpers/hcl.ts `decodeHclJson`).
 */

const TEMPLATE_DATA = [
  'listen_addr: {{ env "NOMAD_IP_http" }}',
  `password: ${vaultField('epl/pg-main/patroni', 'superuser')}`,
  'shell: echo "${HOME}" and $${x} %{ if true }x%{ endif } \\n \\',
  'EOT',
  '  EOT',
  'unicode ✓ 日本\ttab',
  '',
].join('\n');

export const SAMPLE_JOB: NomadJob = {
  name: 'pg-main',
  namespace: 'epl',
  region: 'us-west',
  datacenters: ['dc1', 'dc2'],
  type: 'service',
  update: { ...ROLLING_UPDATE, autoRevert: true },
  groups: [
    {
      name: 'pg-1',
      count: 2,
      shutdownDelay: '60s',
      restart: { attempts: 3, interval: '5m', delay: '15s', mode: 'delay' },
      constraints: [archConstraint(Architecture.X86_64), DISTINCT_HOSTS, lockConstraint('pg_main_1'), { attribute: '${meta.label_zone}', value: 'a "quoted" ${not.nomad} value' }],
      ports: [
        { label: 'pg', static: 5432 },
        { label: 'api', static: 5435, hostNetwork: 'wan' },
      ],
      volumes: [{ name: 'v_1', source: 'pg_main_1', readOnly: false }],
      services: [
        {
          name: 'epl-pg-main',
          port: 'pg',
          tags: ['epl-mon-default', 'master'],
          meta: { metrics_path: '/metrics', 'dotted.key': 'x ${y}' },
          checks: [{ type: 'tcp', port: 'pg' }],
        },
        {
          name: 'epl-pg-main-api',
          port: 'api',
          tags: [],
          address: '${attr.unique.network.ip-address}',
          checks: [{ type: 'http', port: 'api', path: '/health?x="1"', interval: '30s', timeout: '5s' }],
        },
      ],
      tasks: [
        {
          name: 'patroni',
          image: 'registry/patroni@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
          args: ['--config', '${NOMAD_SECRETS_DIR}/patroni.yml', 'literal ${var.x}'],
          entrypoint: ['/bin/sh', '-c'],
          labels: { epl_loki_cluster: 'main', 'com.example.team': 'db' },
          env: { PGDATA: '/data/pg', HOST_IP: PRIVATE_IP, 'discovery.type': 'single "node"', EXPR: '${upper("x")}' },
          memoryMb: 512,
          memoryMaxMb: 1024,
          cpu: 500,
          templates: [
            { destination: 'secrets/patroni.yml', data: TEMPLATE_DATA, env: false, changeMode: 'signal', changeSignal: 'SIGHUP', perms: '0600' },
            { destination: 'local/no-newline.txt', data: 'no final newline ${x}', env: true, changeMode: 'script', changeScript: { command: '/bin/reload', args: ['-v'], timeout: '10s', failOnError: true } },
          ],
          volumeMounts: [{ volume: 'v_1', destination: '/data', readOnly: false }],
          vault: { changeMode: 'signal', changeSignal: 'SIGUSR1' },
          lifecycle: { hook: 'prestart', sidecar: true },
          tmpfs: [{ target: '/run/tmp', sizeBytes: 67108864 }, { target: '/scratch' }],
        },
        {
          name: 'exporter',
          image: 'exporter:1',
          memoryMb: 32,
          templates: [],
          volumeMounts: [],
          vault: true,
        },
      ],
    },
    {
      name: 'pg-"2"',
      count: 1,
      constraints: [],
      ports: [],
      volumes: [],
      services: [],
      tasks: [{ name: 'idle', image: 'busybox:1', memoryMb: 16, templates: [], volumeMounts: [] }],
    },
  ],
};

/** What a reader of SAMPLE_JOB's file gets, by hand from the job specification's shape. */
export const SAMPLE_JOB_PARSED = {
  job: {
    'pg-main': [
      {
        type: 'service',
        namespace: 'epl',
        region: 'us-west',
        datacenters: ['dc1', 'dc2'],
        update: [{ max_parallel: 1, health_check: 'checks', min_healthy_time: '30s', healthy_deadline: '300s', progress_deadline: '600s', stagger: '30s', auto_revert: true }],
        group: {
          'pg-1': [
            {
              count: 2,
              shutdown_delay: '60s',
              constraint: [
                { attribute: '${attr.kernel.arch}', value: 'x86_64' },
                { operator: 'distinct_hosts', value: 'true' },
                { attribute: '${meta.lock_pg_main_1}', operator: '>', value: '0' },
                { attribute: '${meta.label_zone}', value: 'a "quoted" ${not.nomad} value' },
              ],
              network: [{ mode: 'host', port: { pg: [{ static: 5432, host_network: 'lan' }], api: [{ static: 5435, host_network: 'wan' }] } }],
              volume: { v_1: [{ type: 'host', source: 'pg_main_1', read_only: false }] },
              restart: [{ attempts: 3, interval: '5m', delay: '15s', mode: 'delay' }],
              service: [
                {
                  name: 'epl-pg-main',
                  port: 'pg',
                  provider: 'consul',
                  address: '${meta.private_ip}',
                  tags: ['epl-mon-default', 'master'],
                  meta: { 'dotted.key': 'x ${y}', metrics_path: '/metrics' },
                  check: [{ type: 'tcp', port: 'pg', interval: '10s', timeout: '2s' }],
                },
                {
                  name: 'epl-pg-main-api',
                  port: 'api',
                  provider: 'consul',
                  address: '${attr.unique.network.ip-address}',
                  tags: [],
                  check: [{ type: 'http', port: 'api', path: '/health?x="1"', interval: '30s', timeout: '5s' }],
                },
              ],
              task: {
                patroni: [
                  {
                    driver: 'docker',
                    config: [
                      {
                        image: 'registry/patroni@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
                        network_mode: 'host',
                        entrypoint: ['/bin/sh', '-c'],
                        args: ['--config', '${NOMAD_SECRETS_DIR}/patroni.yml', 'literal ${var.x}'],
                        labels: [{ 'com.example.team': 'db', epl_loki_cluster: 'main' }],
                        mount: [
                          { type: 'tmpfs', target: '/run/tmp', readonly: false, tmpfs_options: [{ size: 67108864 }] },
                          { type: 'tmpfs', target: '/scratch', readonly: false },
                        ],
                      },
                    ],
                    env: { EXPR: '${upper("x")}', HOST_IP: '${meta.private_ip}', PGDATA: '/data/pg', 'discovery.type': 'single "node"' },
                    resources: [{ cpu: 500, memory: 512, memory_max: 1024 }],
                    template: [
                      { destination: 'secrets/patroni.yml', data: TEMPLATE_DATA, env: false, change_mode: 'signal', change_signal: 'SIGHUP', perms: '0600' },
                      {
                        destination: 'local/no-newline.txt',
                        data: 'no final newline ${x}',
                        env: true,
                        change_mode: 'script',
                        change_script: [{ command: '/bin/reload', args: ['-v'], timeout: '10s', fail_on_error: true }],
                      },
                    ],
                    volume_mount: [{ volume: 'v_1', destination: '/data', read_only: false }],
                    lifecycle: [{ hook: 'prestart', sidecar: true }],
                    vault: [{ change_mode: 'signal', change_signal: 'SIGUSR1' }],
                  },
                ],
                exporter: [
                  {
                    driver: 'docker',
                    config: [{ image: 'exporter:1', network_mode: 'host' }],
                    resources: [{ cpu: 100, memory: 32 }],
                    vault: [{}],
                  },
                ],
              },
            },
          ],
          'pg-"2"': [
            {
              count: 1,
              task: { idle: [{ driver: 'docker', config: [{ image: 'busybox:1', network_mode: 'host' }], resources: [{ cpu: 100, memory: 16 }] }] },
            },
          ],
        },
      },
    ],
  },
};
