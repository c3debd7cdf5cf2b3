import { block, bool, dur, int, labelled, listOf, mapOf, oneOf, open, repeatable, str, type Block } from './schema';

/**
 * The documented keys of a Vault server configuration (HCL or JSON), with the value types the
 * documentation gives (`(string: "")`, `(bool: false)`, `(integer: 0)`, `(list: [])`; strings it
 * describes with a label suffix like "30s" are recorded as durations). Vault documents several
 * flags as `(string: "false")`: those are strings here, as documented.
 *
 * Taken from:
 *   https://developer.hashicorp.com/vault/docs/v1.19.x/configuration
 *     (hashicorp/web-unified-docs content/vault/v1.19.x/content/docs/configuration/index.mdx)
 *   https://developer.hashicorp.com/vault/docs/v1.19.x/configuration/listener/tcp
 *     (hashicorp/web-unified-docs content/vault/v1.19.x/content/docs/configuration/listener/tcp/index.mdx)
 *   https://developer.hashicorp.com/vault/docs/configuration/storage/raft
 *     (hashicorp/vault website/content/docs/configuration/storage/raft.mdx at c4f35308e687, the
 *     1.15–1.16 page: no v1.19.x copy was at hand; keys added to raft since are not listed)
 *   https://developer.hashicorp.com/vault/docs/configuration/service-registration/consul
 *     (hashicorp/vault website/content/docs/configuration/service-registration/consul.mdx at 89452382cb79)
 *   https://developer.hashicorp.com/vault/docs/configuration/telemetry
 *     (hashicorp/vault website/content/docs/configuration/telemetry.mdx at c33a27f0dccd)
 * Vault 1.19 is the series of nixpkgs 25.05's `vault-bin`, which epl installs.
 *
 * Described key by key: the top level, `storage "raft"` with `retry_join`, `listener "tcp"`,
 * `service_registration "consul"` and `telemetry`. Other storage backends, listener types and
 * registrations are documented on pages not read here, so they count as undocumented.
 */

const V = 'https://developer.hashicorp.com/vault/docs/v1.19.x/configuration';
const D = 'https://developer.hashicorp.com/vault/docs/configuration';

const raft = block(
  {
    path: str,
    node_id: str,
    performance_multiplier: int,
    trailing_logs: int,
    snapshot_threshold: int,
    retry_join: repeatable(
      block(
        {
          leader_api_addr: str,
          auto_join: str,
          auto_join_scheme: oneOf('http', 'https'),
          auto_join_port: int,
          leader_tls_servername: str,
          leader_ca_cert_file: str,
          leader_client_cert_file: str,
          leader_client_key_file: str,
          leader_ca_cert: str,
          leader_client_cert: str,
          leader_client_key: str,
        },
        `${D}/storage/raft#retry_join-stanza`,
      ),
    ),
    retry_join_as_non_voter: bool,
    max_entry_size: int,
    autopilot_reconcile_interval: dur,
    autopilot_update_interval: dur,
    autopilot_upgrade_version: str,
    autopilot_redundancy_zone: str,
  },
  `${D}/storage/raft`,
);

const tls = oneOf('tls10', 'tls11', 'tls12', 'tls13');

// "The listener stanza may be specified more than once to make Vault listen on multiple interfaces."
const tcpListener = repeatable(block(
  {
    address: str,
    cluster_address: str,
    chroot_namespace: str,
    http_idle_timeout: dur,
    http_read_header_timeout: dur,
    http_read_timeout: dur,
    http_write_timeout: dur,
    max_request_size: int,
    max_request_duration: dur,
    proxy_protocol_behavior: oneOf('use_always', 'allow_authorized', 'deny_unauthorized'),
    proxy_protocol_authorized_addrs: open('a string or a list'),
    redact_addresses: bool,
    redact_cluster_name: bool,
    redact_version: bool,
    tls_disable: str,
    tls_cert_file: str,
    tls_key_file: str,
    tls_min_version: tls,
    tls_max_version: tls,
    tls_cipher_suites: str,
    tls_prefer_server_cipher_suites: str,
    tls_require_and_verify_client_cert: str,
    tls_client_ca_file: str,
    tls_disable_client_certs: str,
    x_forwarded_for_authorized_addrs: open('a comma-separated string or a list'),
    x_forwarded_for_client_cert_header: str,
    x_forwarded_for_client_cert_header_decoders: str,
    x_forwarded_for_hop_skips: str,
    x_forwarded_for_reject_not_authorized: str,
    x_forwarded_for_reject_not_present: str,
    disable_replication_status_endpoints: bool,
    max_json_depth: int,
    max_json_string_value_length: int,
    max_json_object_entry_count: int,
    max_json_array_element_count: int,
    max_json_token: int,
    telemetry: block({ unauthenticated_metrics_access: bool }),
    profiling: block({ unauthenticated_pprof_access: bool }),
    inflight_requests_logging: block({ unauthenticated_in_flight_requests_access: bool }),
    custom_response_headers: open('status codes to header maps'),
  },
  `${V}/listener/tcp`,
));

const consulRegistration = block(
  {
    address: str,
    check_timeout: dur,
    disable_registration: str,
    scheme: oneOf('http', 'https'),
    service: str,
    service_tags: str,
    service_meta: mapOf('string'),
    service_address: str,
    token: str,
    tls_ca_file: str,
    tls_cert_file: str,
    tls_key_file: str,
    tls_min_version: tls,
    tls_skip_verify: str,
  },
  `${D}/service-registration/consul`,
);

const telemetry = block(
  {
    usage_gauge_period: dur,
    maximum_gauge_cardinality: int,
    disable_hostname: bool,
    enable_hostname_label: bool,
    metrics_prefix: str,
    lease_metrics_epsilon: dur,
    num_lease_metrics_buckets: int,
    add_lease_metrics_namespace_labels: bool,
    add_mount_point_rollback_metrics: bool,
    filter_default: bool,
    prefix_filter: listOf('string'),
    statsite_address: str,
    statsd_address: str,
    circonus_api_token: str,
    circonus_api_app: str,
    circonus_api_url: str,
    circonus_submission_interval: dur,
    circonus_submission_url: str,
    circonus_check_id: str,
    circonus_check_force_metric_activation: bool,
    circonus_check_instance_id: str,
    circonus_check_search_tag: str,
    circonus_check_display_name: str,
    circonus_check_tags: str,
    circonus_broker_id: str,
    circonus_broker_select_tag: str,
    dogstatsd_addr: str,
    dogstatsd_tags: listOf('string'),
    prometheus_retention_time: dur,
    stackdriver_project_id: str,
    stackdriver_location: str,
    stackdriver_namespace: str,
    stackdriver_debug_logs: bool,
  },
  `${D}/telemetry`,
);

export const vaultServerKeys: Block = block(
  {
    storage: labelled({ raft }),
    ha_storage: open('an HA storage backend, documented per backend'),
    listener: labelled({ tcp: tcpListener }),
    user_lockout: open('documented on its own page'),
    seal: open('documented per seal type'),
    reporting: open('documented on its own page'),
    service_registration: labelled({ consul: consulRegistration }),
    cluster_name: str,
    cache_size: str,
    disable_cache: bool,
    disable_mlock: bool,
    plugin_directory: str,
    plugin_file_uid: int,
    plugin_file_permissions: str,
    plugin_tmpdir: str,
    telemetry,
    default_lease_ttl: dur,
    max_lease_ttl: dur,
    default_max_request_duration: dur,
    detect_deadlocks: str,
    raw_storage_endpoint: bool,
    introspection_endpoint: bool,
    ui: bool,
    pid_file: str,
    enable_response_header_hostname: bool,
    enable_response_header_raft_node_id: bool,
    log_level: oneOf('trace', 'debug', 'info', 'warn', 'error'),
    log_format: oneOf('standard', 'json'),
    log_file: str,
    log_rotate_duration: dur,
    log_rotate_bytes: int,
    log_rotate_max_files: int,
    experiments: listOf('string'),
    imprecise_lease_role_tracking: bool,
    enable_post_unseal_trace: bool,
    post_unseal_trace_directory: str,
    allow_audit_log_prefixing: bool,
    enable_unauthenticated_access: listOf('string'),
    // high availability
    api_addr: str,
    cluster_addr: str,
    disable_clustering: bool,
    // Enterprise
    disable_sealwrap: bool,
    disable_performance_standby: bool,
    license_path: str,
    administrative_namespace_path: str,
  },
  V,
);
