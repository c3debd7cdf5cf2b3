import { block, bool, dur, int, listOf, mapOf, num, oneOf, open, repeatable, str } from '../hashicorp/schema';

/**
 * The documented keys of Loki's configuration file, for the blocks epl writes, with the value types
 * the documentation gives (`<string>`, `<boolean>`, `<int>`, `<float>`, `<duration>`, `<list of
 * strings>`; `<url>` and `<daytime>` are strings). Blocks epl never writes are listed by name as
 * `open`, so their contents are not checked.
 *
 * Taken from Loki v2.9.9's configuration reference (grafana/loki tag v2.9.9,
 * docs/sources/configure/_index.md, https://grafana.com/docs/loki/v2.9.x/configure/), the version
 * of epl's built-in `loki_default` image. Each block's key list was transcribed from its
 * "### <block>" section by a one-off script over that file and reviewed; Loki itself is not
 * packaged in Debian (Debian's `loki` is an unrelated genetics program), so `loki -verify-config`
 * cannot run in CI.
 */

const V = 'https://grafana.com/docs/loki/v2.9.x/configure/';
const doc = (block: string) => `${V}#${block}`;

/** `kvstore.store`: "Supported values are: consul, etcd, inmemory, memberlist, multi." */
const KV_STORES = oneOf('consul', 'etcd', 'inmemory', 'memberlist', 'multi');

/** `consul` */
const consul = block(
  {
    host: str,
    acl_token: str,
    http_client_timeout: dur,
    consistent_reads: bool,
    watch_rate_limit: num,
    watch_burst_size: int,
    cas_retry_delay: dur,
  },
  doc('consul'),
);

/** The `ring` block's keys, shared by the ingester's lifecycler, the compactor and the index gateway (`common.ring` in the docs). */
const RING = {
  kvstore: block({
    store: KV_STORES,
    prefix: str,
    consul: consul,
    etcd: open('<etcd>: not written by epl'),
    multi: block({
      primary: str,
      secondary: str,
      mirror_enabled: bool,
      mirror_timeout: dur,
    }),
  }),
  heartbeat_period: dur,
  heartbeat_timeout: dur,
  tokens_file_path: str,
  zone_awareness_enabled: bool,
  instance_id: str,
  instance_interface_names: listOf('string'),
  instance_port: int,
  instance_addr: str,
  instance_availability_zone: str,
  instance_enable_ipv6: bool,
};

/** `s3_storage_config` */
const s3StorageConfig = block(
  {
    s3: str,
    s3forcepathstyle: bool,
    bucketnames: str,
    endpoint: str,
    region: str,
    access_key_id: str,
    secret_access_key: str,
    session_token: str,
    insecure: bool,
    sse_encryption: bool,
    http_config: block({
      timeout: dur,
      idle_conn_timeout: dur,
      response_header_timeout: dur,
      insecure_skip_verify: bool,
      ca_file: str,
    }),
    signature_version: str,
    storage_class: str,
    sse: block({
      type: str,
      kms_key_id: str,
      kms_encryption_context: str,
    }),
    backoff_config: block({
      min_period: dur,
      max_period: dur,
      max_retries: int,
    }),
  },
  doc('s3_storage_config'),
);

/** `period_config` */
const periodConfig = block(
  {
    from: str,
    store: str,
    object_store: str,
    schema: str,
    index: block({
      prefix: str,
      period: dur,
      tags: mapOf('string'),
    }),
    chunks: block({
      prefix: str,
      period: dur,
      tags: mapOf('string'),
    }),
    row_shards: int,
  },
  doc('period_config'),
);

/** `schema_config` */
const schemaConfig = block(
  {
    configs: repeatable(periodConfig),
  },
  doc('schema_config'),
);

/** `server` */
const server = block(
  {
    http_listen_network: str,
    http_listen_address: str,
    http_listen_port: int,
    http_listen_conn_limit: int,
    grpc_listen_network: str,
    grpc_listen_address: str,
    grpc_listen_port: int,
    grpc_listen_conn_limit: int,
    tls_cipher_suites: str,
    tls_min_version: str,
    http_tls_config: block({
      cert_file: str,
      key_file: str,
      client_auth_type: str,
      client_ca_file: str,
    }),
    grpc_tls_config: block({
      cert_file: str,
      key_file: str,
      client_auth_type: str,
      client_ca_file: str,
    }),
    register_instrumentation: bool,
    graceful_shutdown_timeout: dur,
    http_server_read_timeout: dur,
    http_server_write_timeout: dur,
    http_server_idle_timeout: dur,
    grpc_server_max_recv_msg_size: int,
    grpc_server_max_send_msg_size: int,
    grpc_server_max_concurrent_streams: int,
    grpc_server_max_connection_idle: dur,
    grpc_server_max_connection_age: dur,
    grpc_server_max_connection_age_grace: dur,
    grpc_server_keepalive_time: dur,
    grpc_server_keepalive_timeout: dur,
    grpc_server_min_time_between_pings: dur,
    grpc_server_ping_without_stream_allowed: bool,
    log_format: str,
    log_level: str,
    log_source_ips_enabled: bool,
    log_source_ips_header: str,
    log_source_ips_regex: str,
    log_request_headers: bool,
    log_request_at_info_level_enabled: bool,
    log_request_exclude_headers_list: str,
    http_path_prefix: str,
  },
  doc('server'),
);

/** `common` */
const common = block(
  {
    path_prefix: str,
    storage: block({
      s3: s3StorageConfig,
      gcs: open('<gcs_storage_config>: not written by epl'),
      azure: open('<azure_storage_config>: not written by epl'),
      alibabacloud: open('<alibabacloud_storage_config>: not written by epl'),
      bos: open('<bos_storage_config>: not written by epl'),
      swift: open('<swift_storage_config>: not written by epl'),
      filesystem: block({
        chunks_directory: str,
        rules_directory: str,
      }),
      hedging: block({
        at: dur,
        up_to: int,
        max_per_second: int,
      }),
      cos: open('<cos_storage_config>: not written by epl'),
    }),
    persist_tokens: bool,
    replication_factor: int,
    ring: block(RING),
    instance_interface_names: listOf('string'),
    instance_addr: str,
    compactor_address: str,
    compactor_grpc_address: str,
  },
  doc('common'),
);

/** `storage_config` */
const storageConfig = block(
  {
    alibabacloud: open('<alibabacloud_storage_config>: not written by epl'),
    aws: open('<aws_storage_config>: not written by epl'),
    azure: open('<azure_storage_config>: not written by epl'),
    bos: open('<bos_storage_config>: not written by epl'),
    bigtable: block({
      project: str,
      instance: str,
      grpc_client_config: open('<grpc_client>: not written by epl'),
      table_cache_enabled: bool,
      table_cache_expiration: dur,
    }),
    gcs: open('<gcs_storage_config>: not written by epl'),
    cassandra: block({
      addresses: str,
      port: int,
      keyspace: str,
      consistency: str,
      replication_factor: int,
      disable_initial_host_lookup: bool,
      SSL: bool,
      host_verification: bool,
      host_selection_policy: str,
      CA_path: str,
      tls_cert_path: str,
      tls_key_path: str,
      auth: bool,
      username: str,
      password: str,
      password_file: str,
      custom_authenticators: listOf('string'),
      timeout: dur,
      connect_timeout: dur,
      reconnect_interval: dur,
      max_retries: int,
      retry_max_backoff: dur,
      retry_min_backoff: dur,
      query_concurrency: int,
      num_connections: int,
      convict_hosts_on_failure: bool,
      table_options: str,
    }),
    boltdb: block({
      directory: str,
    }),
    filesystem: open('<local_storage_config>: not written by epl'),
    swift: open('<swift_storage_config>: not written by epl'),
    grpc_store: block({
      server_address: str,
    }),
    hedging: block({
      at: dur,
      up_to: int,
      max_per_second: int,
    }),
    named_stores: open('<named_stores_config>: not written by epl'),
    cos: open('<cos_storage_config>: not written by epl'),
    index_cache_validity: dur,
    index_queries_cache_config: open('<cache_config>: not written by epl'),
    disable_broad_index_queries: bool,
    max_parallel_get_chunk: int,
    max_chunk_batch_size: int,
    boltdb_shipper: block({
      active_index_directory: str,
      shared_store: str,
      shared_store_key_prefix: str,
      cache_location: str,
      cache_ttl: dur,
      resync_interval: dur,
      query_ready_num_days: int,
      index_gateway_client: block({
        grpc_client_config: open('<grpc_client>: not written by epl'),
        server_address: str,
        log_gateway_requests: bool,
      }),
      use_boltdb_shipper_as_backup: bool,
      ingestername: str,
      mode: str,
      ingesterdbretainperiod: dur,
      build_per_tenant_index: bool,
    }),
    tsdb_shipper: block({
      active_index_directory: str,
      shared_store: str,
      shared_store_key_prefix: str,
      cache_location: str,
      cache_ttl: dur,
      resync_interval: dur,
      query_ready_num_days: int,
      index_gateway_client: block({
        grpc_client_config: open('<grpc_client>: not written by epl'),
        server_address: str,
        log_gateway_requests: bool,
      }),
      use_boltdb_shipper_as_backup: bool,
      ingestername: str,
      mode: str,
      ingesterdbretainperiod: dur,
      enable_postings_cache: bool,
    }),
  },
  doc('storage_config'),
);

/** `index_gateway` */
const indexGateway = block(
  {
    // "Supported values are: simple, ring."
    mode: oneOf('simple', 'ring'),
    ring: block({ ...RING, replication_factor: int }),
  },
  doc('index_gateway'),
);

/** `compactor` */
const compactor = block(
  {
    working_directory: str,
    shared_store: str,
    shared_store_key_prefix: str,
    compaction_interval: dur,
    apply_retention_interval: dur,
    retention_enabled: bool,
    retention_delete_delay: dur,
    retention_delete_worker_count: int,
    retention_table_timeout: dur,
    delete_request_store: str,
    delete_batch_size: int,
    delete_request_cancel_period: dur,
    delete_max_interval: dur,
    max_compaction_parallelism: int,
    upload_parallelism: int,
    compactor_ring: block(RING),
    tables_to_compact: int,
    skip_latest_n_tables: int,
    deletion_mode: str,
  },
  doc('compactor'),
);

/** `limits_config` */
const limitsConfig = block(
  {
    ingestion_rate_strategy: str,
    ingestion_rate_mb: num,
    ingestion_burst_size_mb: num,
    max_label_name_length: int,
    max_label_value_length: int,
    max_label_names_per_series: int,
    reject_old_samples: bool,
    reject_old_samples_max_age: dur,
    creation_grace_period: dur,
    enforce_metric_name: bool,
    max_line_size: int,
    max_line_size_truncate: bool,
    increment_duplicate_timestamp: bool,
    max_streams_per_user: int,
    max_global_streams_per_user: int,
    unordered_writes: bool,
    per_stream_rate_limit: int,
    per_stream_rate_limit_burst: int,
    max_chunks_per_query: int,
    max_query_series: int,
    max_query_lookback: dur,
    max_query_length: dur,
    max_query_range: dur,
    max_query_parallelism: int,
    tsdb_max_query_parallelism: int,
    tsdb_max_bytes_per_shard: int,
    cardinality_limit: int,
    max_streams_matchers_per_query: int,
    max_concurrent_tail_requests: int,
    max_entries_limit_per_query: int,
    max_cache_freshness_per_query: dur,
    max_stats_cache_freshness: dur,
    max_queriers_per_tenant: int,
    query_ready_index_num_days: int,
    query_timeout: dur,
    split_queries_by_interval: dur,
    min_sharding_lookback: dur,
    max_query_bytes_read: int,
    max_querier_bytes_read: int,
    volume_enabled: bool,
    volume_max_series: int,
    ruler_evaluation_delay_duration: dur,
    ruler_max_rules_per_rule_group: int,
    ruler_max_rule_groups_per_tenant: int,
    ruler_tenant_shard_size: int,
    ruler_remote_write_disabled: bool,
    ruler_remote_write_url: str,
    ruler_remote_write_timeout: dur,
    ruler_remote_write_headers: open('<headers>: not written by epl'),
    ruler_remote_write_relabel_configs: open('<relabel_config...>: not written by epl'),
    ruler_remote_write_queue_capacity: int,
    ruler_remote_write_queue_min_shards: int,
    ruler_remote_write_queue_max_shards: int,
    ruler_remote_write_queue_max_samples_per_send: int,
    ruler_remote_write_queue_batch_send_deadline: dur,
    ruler_remote_write_queue_min_backoff: dur,
    ruler_remote_write_queue_max_backoff: dur,
    ruler_remote_write_queue_retry_on_ratelimit: bool,
    ruler_remote_write_sigv4_config: block({
      region: str,
      access_key: str,
      secret_key: str,
      profile: str,
      role_arn: str,
    }),
    ruler_remote_write_config: open('<map of string to RemoteWriteConfig>: not written by epl'),
    ruler_remote_evaluation_timeout: dur,
    ruler_remote_evaluation_max_response_size: int,
    deletion_mode: str,
    retention_period: dur,
    retention_stream: open('<list of StreamRetentions>: not written by epl'),
    per_tenant_override_config: str,
    per_tenant_override_period: dur,
    allow_deletes: bool,
    shard_streams: block({
      enabled: bool,
      logging_enabled: bool,
      desired_rate: int,
    }),
    blocked_queries: open('<blocked_query...>: not written by epl'),
    required_labels: listOf('string'),
    minimum_labels_number: int,
    index_gateway_shard_size: int,
    allow_structured_metadata: bool,
  },
  doc('limits_config'),
);

/** `analytics` */
const analytics = block(
  {
    reporting_enabled: bool,
    usage_stats_url: str,
  },
  doc('analytics'),
);

/** The top level of the configuration file. */
export const LOKI_CONFIG_SCHEMA = block(
  {
    target: str,
    auth_enabled: bool,
    ballast_bytes: int,
    server: server,
    distributor: open('<distributor>: not written by epl'),
    querier: open('<querier>: not written by epl'),
    query_scheduler: open('<query_scheduler>: not written by epl'),
    frontend: open('<frontend>: not written by epl'),
    query_range: open('<query_range>: not written by epl'),
    ruler: open('<ruler>: not written by epl'),
    ingester_client: open('<ingester_client>: not written by epl'),
    ingester: open('<ingester>: not written by epl'),
    index_gateway: indexGateway,
    storage_config: storageConfig,
    chunk_store_config: open('<chunk_store_config>: not written by epl'),
    schema_config: schemaConfig,
    compactor: compactor,
    limits_config: limitsConfig,
    frontend_worker: open('<frontend_worker>: not written by epl'),
    table_manager: open('<table_manager>: not written by epl'),
    memberlist: open('<memberlist>: not written by epl'),
    runtime_config: open('<runtime_config>: not written by epl'),
    tracing: open('<tracing>: not written by epl'),
    analytics: analytics,
    common: common,
    shutdown_delay: dur,
  },
  doc('supported-contents-and-default-values-of-lokiyaml'),
);
