import { block, bool, dur, int, keysOf, listOf, mapOf, oneOf, open, repeatable, str, type Block, type Schema } from '../hashicorp/schema';

/**
 * The documented keys of Tempo's configuration file, for the blocks epl writes, with the value
 * types of their documented defaults. Blocks epl never writes are listed by name as `open`, so
 * their contents are not checked.
 *
 * Taken from Tempo v2.7.1 (grafana/tempo tag v2.7.1, commit 35cf980665e12eb736f1fd3acacfca9b0ad33873),
 * the version of epl's built-in `tempo_default` image:
 * - docs/sources/tempo/configuration/manifest.md (https://grafana.com/docs/tempo/v2.7.x/configuration/manifest/),
 *   "a reference for all Tempo options and their defaults", generated from the config structs:
 *   the key lists below were transcribed from it by a one-off script (a key's type is its
 *   default's: string, bool, int, float, duration) and reviewed;
 * - docs/sources/tempo/configuration/_index.md (https://grafana.com/docs/tempo/v2.7.x/configuration/)
 *   for what the manifest leaves out because its default is empty: `distributor.receivers`
 *   ("config is passed down to opentelemetry receivers": the OTLP receiver's keys from
 *   vendor/go.opentelemetry.io/collector/receiver/otlpreceiver/config.md, collector v0.116.0),
 *   `metrics_generator.storage.remote_write` ("a list of remote write endpoints", Prometheus's
 *   remote_write: the RemoteWriteConfig struct of the vendored prometheus v0.54.1),
 *   `metrics_generator.registry.external_labels`, and the per-tenant
 *   `overrides.defaults.metrics_generator` keys (`processors`, ...).
 * Tempo reads its file with yaml.UnmarshalStrict (cmd/tempo/main.go): an unknown key stops it.
 * Tempo is not packaged in Debian, so `tempo -config.verify` cannot run in CI.
 */

const MANIFEST = 'https://grafana.com/docs/tempo/v2.7.x/configuration/manifest/';
const doc = (section: string) => `https://grafana.com/docs/tempo/v2.7.x/configuration/#${section}`;

const notWritten = open('not written by epl');

/** dskit's `kvstore`, the same under every ring. */
const kvstore = block({
  // dskit: "Backend storage to use for the ring. Supported values are: consul, etcd, inmemory, memberlist, multi."
  store: oneOf('', 'consul', 'etcd', 'inmemory', 'memberlist', 'multi'),
  prefix: str,
  consul: block({ host: str, acl_token: str, http_client_timeout: dur, consistent_reads: bool, watch_rate_limit: int, watch_burst_size: int, cas_retry_delay: dur }),
  etcd: notWritten,
  multi: notWritten,
});

/** The ring of the distributors and of the metrics generators. */
const basicRing = {
  kvstore,
  heartbeat_period: dur,
  heartbeat_timeout: dur,
  instance_id: str,
  instance_interface_names: listOf('string'),
  instance_port: int,
  instance_addr: str,
};

const tlsConfig = block({ cert: str, key: notWritten, client_ca: str, cert_file: str, key_file: str, client_auth_type: str, client_ca_file: str });

const server = block(
  {
    ...keysOf(['http_listen_network', 'http_listen_address', 'grpc_listen_network', 'grpc_listen_address', 'tls_cipher_suites', 'tls_min_version'], str),
    ...keysOf(['http_listen_port', 'http_listen_conn_limit', 'grpc_listen_port', 'grpc_listen_conn_limit'], int),
    proxy_protocol_enabled: bool,
    http_tls_config: tlsConfig,
    grpc_tls_config: tlsConfig,
    register_instrumentation: bool,
    report_grpc_codes_in_instrumentation_label_enabled: bool,
    ...keysOf(['graceful_shutdown_timeout', 'http_server_read_timeout', 'http_server_read_header_timeout', 'http_server_write_timeout', 'http_server_idle_timeout'], dur),
    http_log_closed_connections_without_response_enabled: bool,
    ...keysOf(['grpc_server_max_recv_msg_size', 'grpc_server_max_send_msg_size', 'grpc_server_max_concurrent_streams', 'grpc_server_num_workers'], int),
    ...keysOf(['grpc_server_max_connection_idle', 'grpc_server_max_connection_age', 'grpc_server_max_connection_age_grace', 'grpc_server_keepalive_time', 'grpc_server_keepalive_timeout', 'grpc_server_min_time_between_pings'], dur),
    ...keysOf(['grpc_server_ping_without_stream_allowed', 'grpc_server_stats_tracking_enabled', 'grpc_server_recv_buffer_pools_enabled'], bool),
    log_format: oneOf('logfmt', 'json'),
    log_level: oneOf('debug', 'info', 'warn', 'error'),
    ...keysOf(['log_source_ips_enabled', 'log_source_ips_full', 'log_request_headers', 'log_request_at_info_level_enabled'], bool),
    ...keysOf(['log_source_ips_header', 'log_source_ips_regex', 'log_request_exclude_headers_list', 'http_path_prefix'], str),
  },
  doc('server'),
);

/** The OTLP receiver (otlpreceiver/config.md): gRPC and HTTP server settings. */
const otlpTls = block({ ca_file: str, cert_file: str, key_file: str, client_ca_file: str });
const otlpReceiver = block({
  protocols: block({
    grpc: block({
      endpoint: str,
      transport: str,
      tls: otlpTls,
      max_recv_msg_size_mib: int,
      max_concurrent_streams: int,
      read_buffer_size: int,
      write_buffer_size: int,
      keepalive: notWritten,
      auth: block({ authenticator: str }),
    }),
    http: block({
      endpoint: str,
      tls: otlpTls,
      cors: block({ allowed_origins: listOf('string'), allowed_headers: listOf('string'), max_age: int }),
      max_request_body_size: int,
    }),
  }),
});

const distributor = block(
  {
    ring: block(basicRing),
    // _index.md: otlp, jaeger, zipkin, opencensus, kafka; epl configures only otlp.
    receivers: block({ otlp: otlpReceiver, jaeger: notWritten, zipkin: notWritten, opencensus: notWritten, kafka: notWritten }),
    override_ring_key: str,
    forwarders: notWritten,
    usage: notWritten,
    extend_writes: bool,
    retry_after_on_resource_exhausted: dur,
    max_span_attr_byte: int,
  },
  doc('distributor'),
);

const ingester = block(
  {
    lifecycler: block({
      ring: block({ kvstore, heartbeat_timeout: dur, replication_factor: int, zone_awareness_enabled: bool, excluded_zones: str }),
      num_tokens: int,
      ...keysOf(['heartbeat_period', 'heartbeat_timeout', 'observe_period', 'join_after', 'min_ready_duration', 'final_sleep'], dur),
      interface_names: listOf('string'),
      ...keysOf(['enable_inet6', 'unregister_on_shutdown', 'readiness_check_ring_health'], bool),
      ...keysOf(['tokens_file_path', 'availability_zone', 'address', 'id'], str),
      port: int,
    }),
    concurrent_flushes: int,
    ...keysOf(['flush_check_period', 'flush_op_timeout', 'trace_idle_period', 'max_block_duration', 'complete_block_timeout'], dur),
    max_block_bytes: int,
    override_ring_key: str,
    flush_all_on_shutdown: bool,
  },
  doc('ingester'),
);

const querier = block(
  {
    search: notWritten,
    trace_by_id: notWritten,
    metrics: notWritten,
    max_concurrent_queries: int,
    frontend_worker: block({ frontend_address: str, dns_lookup_duration: dur, parallelism: int, match_max_concurrent: bool, id: str, grpc_client_config: notWritten }),
    shuffle_sharding_ingesters_enabled: bool,
    shuffle_sharding_ingesters_lookback_period: dur,
    query_relevant_ingesters: bool,
  },
  doc('querier'),
);

const compactor = block(
  {
    ring: block({
      ...basicRing,
      ...keysOf(['wait_stability_min_duration', 'wait_stability_max_duration', 'wait_active_instance_timeout'], dur),
      enable_inet6: bool,
    }),
    compaction: block({
      ...keysOf(['v2_in_buffer_bytes', 'v2_out_buffer_bytes', 'v2_prefetch_traces_count', 'max_compaction_objects', 'max_block_bytes', 'retention_concurrency'], int),
      ...keysOf(['compaction_window', 'block_retention', 'compacted_block_retention', 'max_time_per_tenant', 'compaction_cycle'], dur),
    }),
    override_ring_key: str,
  },
  doc('compactor'),
);

/** Prometheus's remote_write entry (config.RemoteWriteConfig of prometheus v0.54.1); the HTTP client settings inline in it are not written by epl. */
const remoteWrite = repeatable(
  block({
    url: str,
    remote_timeout: dur,
    headers: mapOf('string'),
    write_relabel_configs: notWritten,
    name: str,
    send_exemplars: bool,
    send_native_histograms: bool,
    protobuf_message: str,
    queue_config: notWritten,
    metadata_config: notWritten,
    sigv4: notWritten,
    azuread: notWritten,
    basic_auth: notWritten,
    authorization: notWritten,
    oauth2: notWritten,
    tls_config: notWritten,
    proxy_url: str,
    follow_redirects: bool,
    enable_http2: bool,
  }),
);

const metricsGenerator = block(
  {
    ring: block({ ...basicRing, enable_inet6: bool }),
    processor: notWritten,
    registry: block({
      collection_interval: dur,
      stale_duration: dur,
      // _index.md: "A list of labels that will be added to all generated metrics."
      external_labels: mapOf('string'),
      inject_tenant_id_as: str,
      max_label_name_length: int,
      max_label_value_length: int,
    }),
    storage: block({
      path: str,
      wal: block({ wal_segment_size: int, wal_compression: str, stripe_size: int, truncate_frequency: dur, min_wal_time: int, max_wal_time: int, no_lockfile: bool }),
      remote_write_flush_deadline: dur,
      remote_write_add_org_id_header: bool,
      remote_write: remoteWrite,
    }),
    traces_storage: block({ path: str, v2_encoding: str, search_encoding: str, ingestion_time_range_slack: dur, version: str }),
    metrics_ingestion_time_range_slack: dur,
    query_timeout: dur,
    override_ring_key: str,
  },
  doc('metrics-generator'),
);

const s3 = block({
  ...keysOf(['tls_cert_path', 'tls_key_path', 'tls_ca_path', 'tls_server_name', 'tls_cipher_suites', 'tls_min_version'], str),
  tls_insecure_skip_verify: bool,
  ...keysOf(['bucket', 'prefix', 'endpoint', 'region', 'access_key', 'secret_key', 'session_token', 'storage_class'], str),
  ...keysOf(['insecure', 'signature_v2', 'forcepathstyle', 'enable_dual_stack', 'native_aws_auth_enabled'], bool),
  ...keysOf(['part_size', 'hedge_requests_up_to', 'bucket_lookup_type', 'list_blocks_concurrency'], int),
  hedge_requests_at: dur,
  tags: mapOf('string'),
  metadata: mapOf('string'),
});

const storage = block(
  {
    trace: block({
      pool: notWritten,
      wal: block({ path: str, v2_encoding: str, search_encoding: str, ingestion_time_range_slack: dur }),
      block: notWritten,
      search: notWritten,
      ...keysOf(['blocklist_poll', 'blocklist_poll_stale_tenant_index', 'empty_tenant_deletion_age', 'cache_max_block_age'], dur),
      ...keysOf(['blocklist_poll_concurrency', 'blocklist_poll_tenant_concurrency', 'blocklist_poll_tenant_index_builders', 'blocklist_poll_jitter_ms', 'blocklist_poll_tolerate_consecutive_errors', 'blocklist_poll_tolerate_tenant_failures', 'cache_min_compaction_level'], int),
      ...keysOf(['blocklist_poll_fallback', 'empty_tenant_deletion_enabled'], bool),
      // _index.md: "backend: <string> ... Options: gcs, s3, azure or local".
      backend: oneOf('local', 'gcs', 's3', 'azure'),
      local: notWritten,
      gcs: notWritten,
      s3,
      azure: notWritten,
      cache: str,
      background_cache: notWritten,
      memcached: notWritten,
      redis: notWritten,
    }),
  },
  doc('storage'),
);

/** The per-tenant overrides (`overrides.defaults` in the 2.7 format, _index.md "Overrides"). */
const overrides = block(
  {
    defaults: block({
      ingestion: notWritten,
      read: notWritten,
      compaction: block({ block_retention: dur, compaction_window: dur, compaction_disabled: bool }),
      metrics_generator: block({
        ring_size: int,
        // "The following processors are supported: service-graphs, span-metrics, local-blocks".
        processors: listOf('string'),
        max_active_series: int,
        collection_interval: dur,
        disable_collection: bool,
        trace_id_label_name: str,
        ingestion_time_range_slack: dur,
        generate_native_histograms: oneOf('classic', 'native', 'both'),
        remote_write_headers: notWritten,
        forwarder: notWritten,
        processor: notWritten,
      }),
      forwarders: notWritten,
      global: notWritten,
      storage: notWritten,
      cost_attribution: notWritten,
    }),
    per_tenant_override_config: str,
    per_tenant_override_period: dur,
    user_configurable_overrides: notWritten,
  },
  doc('overrides'),
);

const memberlist = block(
  {
    ...keysOf(['node_name', 'advertise_addr', 'cluster_label', 'tls_cert_path', 'tls_key_path', 'tls_ca_path', 'tls_server_name', 'tls_cipher_suites', 'tls_min_version'], str),
    ...keysOf(['randomize_node_name', 'compression_enabled', 'cluster_label_verification_disabled', 'abort_if_cluster_join_fails', 'tls_enabled', 'tls_insecure_skip_verify'], bool),
    ...keysOf(['retransmit_factor', 'gossip_nodes', 'advertise_port', 'max_join_retries', 'message_history_buffer_bytes', 'bind_port', 'max_concurrent_writes'], int),
    ...keysOf(
      ['stream_timeout', 'pull_push_interval', 'gossip_interval', 'gossip_to_dead_nodes_time', 'dead_node_reclaim_time', 'notify_interval', 'min_join_backoff', 'max_join_backoff', 'rejoin_interval', 'left_ingesters_timeout', 'leave_timeout', 'broadcast_timeout_for_local_updates_on_shutdown', 'packet_dial_timeout', 'packet_write_timeout', 'acquire_writer_timeout'],
      dur,
    ),
    // Lists, empty by default: "join_members: <list of strings>", "bind_addr: <list of strings>".
    join_members: listOf('string'),
    bind_addr: listOf('string'),
  },
  doc('memberlist'),
);

const top: Record<string, Schema> = {
  // cmd/tempo/app/modules.go: the targets a single binary runs.
  target: oneOf('all', 'scalable-single-binary', 'distributor', 'ingester', 'querier', 'query-frontend', 'compactor', 'metrics-generator'),
  http_api_prefix: str,
  auth_enabled: bool,
  multitenancy_enabled: bool,
  stream_over_http_enabled: bool,
  shutdown_delay: dur,
  enable_go_runtime_metrics: bool,
  server,
  internal_server: notWritten,
  distributor,
  ingester_client: notWritten,
  metrics_generator_client: notWritten,
  querier,
  query_frontend: notWritten,
  compactor,
  ingester,
  metrics_generator: metricsGenerator,
  storage,
  overrides,
  memberlist,
  usage_report: block({ reporting_enabled: bool, backoff: block({ min_period: dur, max_period: dur, max_retries: int }) }, doc('usage-report')),
  cache: notWritten,
};

export const TEMPO_CONFIG_SCHEMA: Block = block(top, MANIFEST);
