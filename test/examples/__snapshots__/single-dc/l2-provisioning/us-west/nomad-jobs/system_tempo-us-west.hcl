job "tempo-us-west" {
  type = "service"
  namespace = "system"
  region = "us-west"
  datacenters = ["dc1"]
  update {
    max_parallel = 1
    health_check = "checks"
    min_healthy_time = "30s"
    healthy_deadline = "300s"
    progress_deadline = "600s"
    stagger = "30s"
    auto_revert = false
  }
  group "tempo" {
    count = 2
    shutdown_delay = "5s"
    constraint {
      attribute = "${attr.kernel.arch}"
      value = "x86_64"
    }
    constraint {
      attribute = "${meta.run_unassigned_workloads}"
      operator = ">"
      value = "0"
    }
    constraint {
      operator = "distinct_hosts"
      value = "true"
    }
    network {
      mode = "host"
      port "http" {
        static = 4310
        host_network = "lan"
      }
      port "grpc" {
        static = 4311
        host_network = "lan"
      }
      port "memberlist" {
        static = 4312
        host_network = "lan"
      }
      port "otlp_http" {
        static = 4313
        host_network = "lan"
      }
      port "otlp_grpc" {
        static = 4314
        host_network = "lan"
      }
    }
    service {
      name = "epl-tempo-us-west"
      port = "http"
      provider = "consul"
      address = "${meta.private_ip}"
      tags = ["epl-mon-default"]
      meta = {
        metrics_path = "/metrics"
      }
      check {
        type = "http"
        port = "http"
        path = "/ready"
        interval = "10s"
        timeout = "2s"
      }
    }
    service {
      name = "epl-tempo-us-west-otlp"
      port = "otlp_http"
      provider = "consul"
      address = "${meta.private_ip}"
      tags = []
      check {
        type = "tcp"
        port = "otlp_http"
        interval = "10s"
        timeout = "2s"
      }
    }
    service {
      name = "epl-tempo-us-west-memberlist"
      port = "memberlist"
      provider = "consul"
      address = "${meta.private_ip}"
      tags = []
      check {
        type = "tcp"
        port = "memberlist"
        interval = "10s"
        timeout = "2s"
      }
    }
    task "tempo" {
      driver = "docker"
      config {
        image = "grafana/tempo@sha256:4443be217c396b065ee34845534199c36fdba4dc619cb96550e228d73fba6e69"
        network_mode = "host"
        args = ["-config.file=/secrets/tempo.yaml"]
        labels = [
          {
            epl_loki_cluster = "main"
          },
        ]
      }
      resources {
        cpu = 100
        memory = 128
        memory_max = 512
      }
      template {
        destination = "secrets/tempo.yaml"
        data = <<EOT
target: scalable-single-binary
server:
  http_listen_address: {{ env "meta.private_ip" }}
  http_listen_port: 4310
  grpc_listen_address: {{ env "meta.private_ip" }}
  grpc_listen_port: 4311
  log_level: info
distributor:
  ring:
    kvstore:
      store: memberlist
    instance_addr: {{ env "meta.private_ip" }}
  receivers:
    otlp:
      protocols:
        http:
          endpoint: {{ env "meta.private_ip" }}:4313
        grpc:
          endpoint: {{ env "meta.private_ip" }}:4314
ingester:
  lifecycler:
    address: {{ env "meta.private_ip" }}
    ring:
      kvstore:
        store: memberlist
      replication_factor: 1
querier:
  frontend_worker:
    frontend_address: {{ env "meta.private_ip" }}:4311
compactor:
  ring:
    kvstore:
      store: memberlist
    instance_addr: {{ env "meta.private_ip" }}
  compaction:
    block_retention: 720h
metrics_generator:
  ring:
    kvstore:
      store: memberlist
    instance_addr: {{ env "meta.private_ip" }}
  registry:
    external_labels:
      tempo_cluster: us-west
  storage:
    path: /var/tempo/generator/wal
    remote_write:
      - url: http://10.17.0.10:9091/api/v1/write
      - url: http://10.17.0.12:9091/api/v1/write
storage:
  trace:
    backend: s3
    wal:
      path: /var/tempo/wal
    s3:
      bucket: tempo
      endpoint: epl-minio-global.service.consul:9002
      region: us-east-1
      access_key: tempo-us-west
      secret_key: {{ with secret "epl/data/system/tempo-us-west/config" }}{{ .Data.data.s3_secret_key | toJSON }}{{ end }}
      insecure: true
      forcepathstyle: true
overrides:
  defaults:
    metrics_generator:
      processors:
        - service-graphs
        - span-metrics
memberlist:
  bind_addr:
    - {{ env "meta.private_ip" }}
  bind_port: 4312
  advertise_addr: {{ env "meta.private_ip" }}
  advertise_port: 4312
  join_members:
    - dns+epl-tempo-us-west-memberlist.service.consul:4312
  rejoin_interval: 1m
usage_report:
  reporting_enabled: false
EOT
        perms = "0600"
        uid = 10001
        gid = 10001
      }
      vault {}
    }
  }
}
