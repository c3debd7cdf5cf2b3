job "loki-main" {
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
  group "writer" {
    count = 3
    shutdown_delay = "5s"
    constraint {
      attribute = "${attr.kernel.arch}"
      value = "x86_64"
    }
    constraint {
      attribute = "${meta.label_loki_writer}"
      value = "true"
    }
    constraint {
      operator = "distinct_hosts"
      value = "true"
    }
    network {
      mode = "host"
      port "http" {
        static = 3010
        host_network = "lan"
      }
      port "grpc" {
        static = 3011
        host_network = "lan"
      }
    }
    service {
      name = "epl-loki-main-writer"
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
    task "loki" {
      driver = "docker"
      config {
        image = "grafana/loki@sha256:22caa5cdd21d227145acf3cca49db63898152ba470744e2b6962eed7c3469f9e"
        network_mode = "host"
        args = [
          "-config.file=/secrets/config.yml",
          "-target=write",
          "-legacy-read-mode=false",
          "-server.http-listen-address=${meta.private_ip}",
          "-server.http-listen-port=3010",
          "-server.grpc-listen-address=${meta.private_ip}",
          "-server.grpc-listen-port=3011",
        ]
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
        destination = "secrets/config.yml"
        data = <<EOT
auth_enabled: false
server:
  log_level: info
common:
  path_prefix: /loki
  replication_factor: 3
  instance_addr: {{ env "meta.private_ip" }}
  ring:
    kvstore:
      store: consul
      prefix: epl-loki/main/
      consul:
        host: 127.0.0.1:8500
        acl_token: {{ with secret "epl/data/system/loki-main/config" }}{{ .Data.data.consul_token | toJSON }}{{ end }}
  compactor_address: http://epl-loki-main-backend.service.consul:3014
  storage:
    s3:
      endpoint: epl-minio-global.service.consul:9002
      bucketnames: loki
      region: us-east-1
      access_key_id: loki-main
      secret_access_key: {{ with secret "epl/data/system/loki-main/config" }}{{ .Data.data.s3_secret_key | toJSON }}{{ end }}
      insecure: true
      s3forcepathstyle: true
schema_config:
  configs:
    - from: 2024-01-01
      store: tsdb
      object_store: s3
      schema: v12
      index:
        prefix: index_
        period: 24h
storage_config:
  tsdb_shipper:
    shared_store: s3
index_gateway:
  mode: ring
compactor:
  working_directory: /loki/compactor
  shared_store: s3
  compaction_interval: 10m
  retention_enabled: true
  retention_delete_delay: 2h
  delete_request_store: s3
limits_config:
  retention_period: 720h
  max_query_lookback: 720h
  reject_old_samples: true
  reject_old_samples_max_age: 168h
analytics:
  reporting_enabled: false
EOT
        perms = "0600"
        uid = 10001
        gid = 10001
      }
      vault {}
    }
  }
  group "reader" {
    count = 2
    shutdown_delay = "5s"
    constraint {
      attribute = "${attr.kernel.arch}"
      value = "x86_64"
    }
    constraint {
      attribute = "${meta.label_loki_reader}"
      value = "true"
    }
    constraint {
      operator = "distinct_hosts"
      value = "true"
    }
    network {
      mode = "host"
      port "http" {
        static = 3012
        host_network = "lan"
      }
      port "grpc" {
        static = 3013
        host_network = "lan"
      }
    }
    service {
      name = "epl-loki-main-reader"
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
    task "loki" {
      driver = "docker"
      config {
        image = "grafana/loki@sha256:22caa5cdd21d227145acf3cca49db63898152ba470744e2b6962eed7c3469f9e"
        network_mode = "host"
        args = [
          "-config.file=/secrets/config.yml",
          "-target=read",
          "-legacy-read-mode=false",
          "-server.http-listen-address=${meta.private_ip}",
          "-server.http-listen-port=3012",
          "-server.grpc-listen-address=${meta.private_ip}",
          "-server.grpc-listen-port=3013",
        ]
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
        destination = "secrets/config.yml"
        data = <<EOT
auth_enabled: false
server:
  log_level: info
common:
  path_prefix: /loki
  replication_factor: 3
  instance_addr: {{ env "meta.private_ip" }}
  ring:
    kvstore:
      store: consul
      prefix: epl-loki/main/
      consul:
        host: 127.0.0.1:8500
        acl_token: {{ with secret "epl/data/system/loki-main/config" }}{{ .Data.data.consul_token | toJSON }}{{ end }}
  compactor_address: http://epl-loki-main-backend.service.consul:3014
  storage:
    s3:
      endpoint: epl-minio-global.service.consul:9002
      bucketnames: loki
      region: us-east-1
      access_key_id: loki-main
      secret_access_key: {{ with secret "epl/data/system/loki-main/config" }}{{ .Data.data.s3_secret_key | toJSON }}{{ end }}
      insecure: true
      s3forcepathstyle: true
schema_config:
  configs:
    - from: 2024-01-01
      store: tsdb
      object_store: s3
      schema: v12
      index:
        prefix: index_
        period: 24h
storage_config:
  tsdb_shipper:
    shared_store: s3
index_gateway:
  mode: ring
compactor:
  working_directory: /loki/compactor
  shared_store: s3
  compaction_interval: 10m
  retention_enabled: true
  retention_delete_delay: 2h
  delete_request_store: s3
limits_config:
  retention_period: 720h
  max_query_lookback: 720h
  reject_old_samples: true
  reject_old_samples_max_age: 168h
analytics:
  reporting_enabled: false
EOT
        perms = "0600"
        uid = 10001
        gid = 10001
      }
      vault {}
    }
  }
  group "backend" {
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
        static = 3014
        host_network = "lan"
      }
      port "grpc" {
        static = 3015
        host_network = "lan"
      }
    }
    service {
      name = "epl-loki-main-backend"
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
    task "loki" {
      driver = "docker"
      config {
        image = "grafana/loki@sha256:22caa5cdd21d227145acf3cca49db63898152ba470744e2b6962eed7c3469f9e"
        network_mode = "host"
        args = [
          "-config.file=/secrets/config.yml",
          "-target=backend",
          "-legacy-read-mode=false",
          "-server.http-listen-address=${meta.private_ip}",
          "-server.http-listen-port=3014",
          "-server.grpc-listen-address=${meta.private_ip}",
          "-server.grpc-listen-port=3015",
        ]
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
        destination = "secrets/config.yml"
        data = <<EOT
auth_enabled: false
server:
  log_level: info
common:
  path_prefix: /loki
  replication_factor: 3
  instance_addr: {{ env "meta.private_ip" }}
  ring:
    kvstore:
      store: consul
      prefix: epl-loki/main/
      consul:
        host: 127.0.0.1:8500
        acl_token: {{ with secret "epl/data/system/loki-main/config" }}{{ .Data.data.consul_token | toJSON }}{{ end }}
  compactor_address: http://epl-loki-main-backend.service.consul:3014
  storage:
    s3:
      endpoint: epl-minio-global.service.consul:9002
      bucketnames: loki
      region: us-east-1
      access_key_id: loki-main
      secret_access_key: {{ with secret "epl/data/system/loki-main/config" }}{{ .Data.data.s3_secret_key | toJSON }}{{ end }}
      insecure: true
      s3forcepathstyle: true
schema_config:
  configs:
    - from: 2024-01-01
      store: tsdb
      object_store: s3
      schema: v12
      index:
        prefix: index_
        period: 24h
storage_config:
  tsdb_shipper:
    shared_store: s3
index_gateway:
  mode: ring
compactor:
  working_directory: /loki/compactor
  shared_store: s3
  compaction_interval: 10m
  retention_enabled: true
  retention_delete_delay: 2h
  delete_request_store: s3
limits_config:
  retention_period: 720h
  max_query_lookback: 720h
  reject_old_samples: true
  reject_old_samples_max_age: 168h
analytics:
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
