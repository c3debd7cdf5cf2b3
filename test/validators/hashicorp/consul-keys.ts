import { block, bool, dur, int, keysOf, listOf, mapOf, num, oneOf, open, str, type Block } from './schema';

/**
 * The documented keys of a Consul agent configuration file (JSON or HCL), with the value types the
 * documentation gives (it gives few explicitly; where a description says "Boolean value", "set to
 * true", a port number or a duration such as "10s", that type is recorded, else the key is
 * documented but its type left open).
 *
 * Taken from the agent configuration reference, one page per group of keys:
 *   https://developer.hashicorp.com/consul/docs/reference/agent/configuration-file/general
 *   .../configuration-file/acl, address, auto-config, bootstrap, dns, encryption, gossip, hcp, join,
 *   log, node, raft, serf, service-mesh, telemetry, tls, ui, xds
 * read from their source, hashicorp/consul website/content/docs/reference/agent/configuration-file/
 * (the split reference of 2025; general.mdx already names a parameter of Consul v1.22.0, so the
 * pages describe Consul 1.21–1.22, the series nixpkgs 25.05's `consul` belongs to or just follows).
 * `autopilot` and `audit` have no page of their own there; they are taken from the earlier single
 * page https://developer.hashicorp.com/consul/docs/agent/config/config-files (hashicorp/consul
 * website/content/docs/agent/config/config-files.mdx).
 *
 * Consul refuses to start on an unknown key ("invalid config key"), so a key missing here that
 * epl needs is a real finding only after checking a newer page: add it with its source.
 */

const DOCS = 'https://developer.hashicorp.com/consul/docs/reference/agent/configuration-file';
const untyped = open('documented without a type');

const tlsInterface = ['ca_file', 'ca_path', 'cert_file', 'key_file', 'tls_cipher_suites'];

export const consulAgentKeys: Block = block(
  {
    // acl.mdx
    acl: block(
      {
        enabled: bool,
        policy_ttl: dur,
        role_ttl: dur,
        token_ttl: dur,
        down_policy: oneOf('allow', 'deny', 'extend-cache', 'async-cache'),
        default_policy: oneOf('allow', 'deny'),
        enable_key_list_policy: bool,
        enable_token_replication: bool,
        enable_token_persistence: bool,
        tokens: block(
          {
            initial_management: str,
            master: str,
            default: str,
            agent: str,
            agent_recovery: str,
            agent_master: str,
            config_file_service_registration: str,
            dns: str,
            replication: str,
            managed_service_provider: untyped,
          },
          `${DOCS}/acl#acl_tokens`,
        ),
      },
      `${DOCS}/acl`,
    ),
    acl_datacenter: str,
    acl_default_policy: str,
    acl_down_policy: str,
    acl_agent_master_token: str,
    acl_agent_token: str,
    acl_enforce_version_8: bool,
    acl_master_token: str,
    acl_replication_token: str,
    acl_token: str,
    acl_ttl: dur,
    enable_acl_replication: bool,
    // address.mdx
    advertise_addr: str,
    advertise_addr_ipv4: str,
    advertise_addr_ipv6: str,
    advertise_addr_wan: str,
    advertise_addr_wan_ipv4: str,
    advertise_addr_wan_ipv6: str,
    advertise_reconnect_timeout: dur,
    // config-files.mdx (no page in the split reference)
    audit: untyped,
    autopilot: block(
      {
        cleanup_dead_servers: bool,
        last_contact_threshold: dur,
        max_trailing_logs: int,
        min_quorum: int,
        server_stabilization_time: dur,
        redundancy_zone_tag: str,
        disable_upgrade_migration: bool,
        upgrade_version_tag: str,
      },
      'https://developer.hashicorp.com/consul/docs/agent/config/config-files#autopilot',
    ),
    // auto-config.mdx
    auto_config: block(
      {
        enabled: bool,
        intro_token: str,
        intro_token_file: str,
        server_addresses: listOf('string'),
        dns_sans: listOf('string'),
        ip_sans: listOf('string'),
        authorization: untyped,
      },
      `${DOCS}/auto-config`,
    ),
    // bootstrap.mdx
    bootstrap: bool,
    bootstrap_expect: int,
    // dns.mdx
    alt_domain: str,
    dns_config: block(
      {
        allow_stale: bool,
        max_stale: dur,
        node_ttl: dur,
        service_ttl: mapOf('duration'),
        enable_truncate: bool,
        only_passing: bool,
        recursor_strategy: oneOf('sequential', 'random'),
        recursor_timeout: dur,
        disable_compression: bool,
        udp_answer_limit: int,
        a_record_limit: int,
        enable_additional_node_meta_txt: bool,
        soa: block({ expire: int, min_ttl: int, refresh: int, retry: int }),
        use_cache: bool,
        cache_max_age: dur,
        prefer_namespace: bool,
      },
      `${DOCS}/dns`,
    ),
    domain: str,
    recursors: listOf('string'),
    // encryption.mdx
    auto_encrypt: block({ allow_tls: bool, tls: bool, dns_san: listOf('string'), ip_san: listOf('string') }, `${DOCS}/encryption`),
    encrypt: str,
    encrypt_verify_incoming: bool,
    encrypt_verify_outgoing: bool,
    // general.mdx
    addresses: block({ dns: str, http: str, https: str, grpc: str, grpc_tls: str }, `${DOCS}/general#_addresses`),
    auto_reload_config: bool,
    bind_addr: str,
    cache: block({ entry_fetch_max_burst: int, entry_fetch_rate: num }, `${DOCS}/general`),
    check_update_interval: dur,
    client_addr: str,
    config_entries: block({ bootstrap: untyped }, `${DOCS}/general`),
    datacenter: str,
    data_dir: str,
    disable_anonymous_signature: bool,
    disable_coordinates: bool,
    disable_http_unprintable_char_filter: bool,
    disable_keyring_file: bool,
    disable_remote_exec: bool,
    disable_update_check: bool,
    discard_check_output: bool,
    discovery_max_stale: dur,
    enable_agent_tls_for_checks: bool,
    enable_central_service_config: bool,
    enable_debug: bool,
    disable_kv_key_validation: bool,
    enable_script_checks: bool,
    enable_local_script_checks: bool,
    enable_xds_load_balancing: bool,
    http_config: block(
      { block_endpoints: listOf('string'), response_headers: mapOf('string'), allow_write_http_from: listOf('string'), use_cache: bool, max_header_bytes: int },
      `${DOCS}/general`,
    ),
    leave_on_terminate: bool,
    license_path: str,
    limits: block(
      {
        http_max_conns_per_client: int,
        https_handshake_timeout: dur,
        request_limits: block({ mode: oneOf('permissive', 'enforcing', 'disabled'), read_rate: int, write_rate: int }),
        rpc_handshake_timeout: dur,
        rpc_client_timeout: dur,
        rpc_max_conns_per_client: int,
        rpc_rate: num,
        rpc_max_burst: int,
        kv_max_value_size: int,
        txn_max_req_len: int,
      },
      `${DOCS}/general`,
    ),
    default_query_time: dur,
    max_query_time: dur,
    peering: block({ enabled: bool }, `${DOCS}/general`),
    partition: str,
    performance: block(
      { leave_drain_time: dur, raft_multiplier: int, rpc_hold_timeout: dur, grpc_keepalive_interval: dur, grpc_keepalive_timeout: dur, enable_xds_load_balancing: bool },
      `${DOCS}/general#_performance`,
    ),
    pid_file: str,
    ports: block(
      keysOf(['dns', 'http', 'https', 'grpc', 'grpc_tls', 'serf_lan', 'serf_wan', 'server', 'sidecar_min_port', 'sidecar_max_port', 'expose_min_port', 'expose_max_port'], int),
      `${DOCS}/general#ports`,
    ),
    primary_datacenter: str,
    primary_gateways: listOf('string'),
    primary_gateways_interval: dur,
    protocol: int,
    reap: bool,
    reconnect_timeout: dur,
    reconnect_timeout_wan: dur,
    rpc: block({ enable_streaming: bool }, `${DOCS}/general`),
    reporting: untyped,
    segment: str,
    segments: untyped,
    server: bool,
    server_rejoin_age_max: dur,
    read_replica: bool,
    session_ttl_min: dur,
    skip_leave_on_interrupt: bool,
    translate_wan_addrs: bool,
    unix_sockets: block({ user: str, group: str, mode: str }, `${DOCS}/general`),
    use_streaming_backend: bool,
    watches: untyped,
    // gossip.mdx
    gossip_lan: untyped,
    gossip_wan: untyped,
    // hcp.mdx
    cloud: block({ client_id: str, client_secret: str, resource_id: str }, `${DOCS}/hcp`),
    // join.mdx
    rejoin_after_leave: bool,
    retry_join: listOf('string'),
    retry_interval: dur,
    retry_max: int,
    retry_join_wan: listOf('string'),
    retry_interval_wan: dur,
    start_join: listOf('string'),
    start_join_wan: listOf('string'),
    // log.mdx
    log_file: str,
    log_rotate_duration: dur,
    log_rotate_bytes: int,
    log_rotate_max_files: int,
    log_level: str,
    log_json: bool,
    enable_syslog: bool,
    syslog_facility: str,
    // node.mdx
    node_id: str,
    node_name: str,
    node_meta: mapOf('string'),
    disable_host_node_id: bool,
    // raft.mdx
    raft_boltdb: untyped,
    raft_logstore: untyped,
    raft_protocol: int,
    raft_snapshot_threshold: int,
    raft_snapshot_interval: dur,
    raft_trailing_logs: int,
    // serf.mdx
    serf_lan: str,
    serf_lan_allowed_cidrs: listOf('string'),
    serf_wan: str,
    serf_wan_allowed_cidrs: listOf('string'),
    // service-mesh.mdx
    connect: block(
      { enabled: bool, enable_mesh_gateway_wan_federation: bool, ca_provider: oneOf('aws-pca', 'consul', 'vault'), ca_config: untyped },
      `${DOCS}/service-mesh`,
    ),
    locality: block({ region: str, zone: str }, `${DOCS}/service-mesh`),
    // Service and check definitions are documented with services and checks, not here.
    service: open('a service definition'),
    services: open('service definitions'),
    check: open('a check definition'),
    checks: open('check definitions'),
    // telemetry.mdx
    telemetry: block(
      {
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
        disable_hostname: bool,
        disable_per_tenancy_usage_metrics: bool,
        dogstatsd_addr: str,
        dogstatsd_tags: listOf('string'),
        enable_host_metrics: bool,
        filter_default: bool,
        metrics_prefix: str,
        prefix_filter: listOf('string'),
        prometheus_retention_time: dur,
        statsd_address: str,
        statsite_address: str,
      },
      `${DOCS}/telemetry`,
    ),
    // tls.mdx
    tls: block(
      {
        defaults: block(
          {
            ...keysOf(tlsInterface, str),
            tls_min_version: oneOf('TLSv1_0', 'TLSv1_1', 'TLSv1_2', 'TLSv1_3'),
            verify_server_hostname: bool,
            verify_incoming: bool,
            verify_outgoing: bool,
          },
          `${DOCS}/tls#tls_defaults`,
        ),
        grpc: block(
          { ...keysOf(tlsInterface, str), tls_min_version: oneOf('TLSv1_0', 'TLSv1_1', 'TLSv1_2', 'TLSv1_3'), verify_incoming: bool, use_auto_cert: bool },
          `${DOCS}/tls#tls_grpc`,
        ),
        https: block(
          { ...keysOf(tlsInterface, str), tls_min_version: oneOf('TLSv1_0', 'TLSv1_1', 'TLSv1_2', 'TLSv1_3'), verify_incoming: bool, verify_outgoing: bool },
          `${DOCS}/tls#tls_https`,
        ),
        internal_rpc: block(
          {
            ...keysOf(tlsInterface, str),
            tls_min_version: oneOf('TLSv1_0', 'TLSv1_1', 'TLSv1_2', 'TLSv1_3'),
            verify_incoming: bool,
            verify_outgoing: bool,
            verify_server_hostname: bool,
          },
          `${DOCS}/tls#tls_internal_rpc`,
        ),
      },
      `${DOCS}/tls`,
    ),
    server_name: str,
    // Deprecated in 1.12 for the tls block, still documented.
    ...keysOf(['ca_file', 'ca_path', 'cert_file', 'key_file', 'tls_min_version', 'tls_cipher_suites'], str),
    ...keysOf(['tls_prefer_server_cipher_suites', 'verify_incoming', 'verify_incoming_rpc', 'verify_incoming_https', 'verify_outgoing', 'verify_server_hostname'], bool),
    // ui.mdx
    ui_config: block(
      {
        enabled: bool,
        dir: str,
        content_path: str,
        metrics_provider: str,
        metrics_provider_files: listOf('string'),
        metrics_provider_options_json: str,
        metrics_proxy: untyped,
        dashboard_url_templates: mapOf('string'),
      },
      `${DOCS}/ui`,
    ),
    // xds.mdx
    xds: block({ update_max_per_second: num }, `${DOCS}/xds`),
  },
  `${DOCS}/general`,
);
