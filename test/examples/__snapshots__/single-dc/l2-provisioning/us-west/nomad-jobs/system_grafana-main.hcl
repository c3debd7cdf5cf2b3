job "grafana-main" {
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
  group "grafana" {
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
        static = 3000
        host_network = "lan"
      }
      port "promxy" {
        static = 3001
        host_network = "lan"
      }
    }
    service {
      name = "epl-grafana-main"
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
        path = "/api/health"
        interval = "10s"
        timeout = "2s"
      }
    }
    service {
      name = "epl-grafana-main-promxy"
      port = "promxy"
      provider = "consul"
      address = "${meta.private_ip}"
      tags = ["epl-mon-default"]
      meta = {
        metrics_path = "/metrics"
      }
      check {
        type = "http"
        port = "promxy"
        path = "/-/ready"
        interval = "10s"
        timeout = "2s"
      }
    }
    task "grafana" {
      driver = "docker"
      config {
        image = "grafana/grafana@sha256:39c849cebccccb22c0a5194f07c535669386190e029aa440ad535226974a5809"
        network_mode = "host"
        labels = [
          {
            epl_loki_cluster = "main"
          },
        ]
      }
      env = {
        GF_ANALYTICS_CHECK_FOR_PLUGIN_UPDATES = "false"
        GF_ANALYTICS_CHECK_FOR_UPDATES = "false"
        GF_ANALYTICS_REPORTING_ENABLED = "false"
        GF_DATABASE_HOST = "epl-pg-testdb.service.consul:5433"
        GF_DATABASE_NAME = "grafana"
        GF_DATABASE_SSL_MODE = "disable"
        GF_DATABASE_TYPE = "postgres"
        GF_DATABASE_USER = "grafana_rw"
        GF_LOG_MODE = "console"
        GF_PATHS_PROVISIONING = "/local/provisioning"
        GF_SECURITY_ADMIN_USER = "admin"
        GF_SERVER_HTTP_ADDR = "${meta.private_ip}"
        GF_SERVER_HTTP_PORT = "3000"
        GF_USERS_ALLOW_SIGN_UP = "false"
      }
      resources {
        cpu = 100
        memory = 256
        memory_max = 512
      }
      template {
        destination = "secrets/grafana.env"
        data = <<EOT
GF_DATABASE_PASSWORD={{ with secret "epl/data/system/grafana-main/config" }}{{ .Data.data.db_password }}{{ end }}
GF_SECURITY_ADMIN_PASSWORD={{ with secret "epl/data/system/grafana-main/config" }}{{ .Data.data.admin_password }}{{ end }}
EOT
        env = true
        perms = "0600"
      }
      template {
        destination = "local/provisioning/datasources/epl.yaml"
        data = <<EOT
apiVersion: 1
datasources:
  - name: Prometheus (all clusters)
    type: prometheus
    access: proxy
    uid: epl-promxy
    url: http://epl-grafana-main-promxy.service.consul:3001
    isDefault: true
    editable: false
    jsonData:
      httpMethod: POST
  - name: Prometheus default
    type: prometheus
    access: proxy
    uid: epl-prom-default
    url: http://epl-mon-default-prometheus.service.consul:9090
    isDefault: false
    editable: false
    jsonData:
      httpMethod: POST
  - name: VictoriaMetrics default
    type: prometheus
    access: proxy
    uid: epl-vm-default
    url: http://epl-mon-default-victoriametrics.service.consul:9091
    isDefault: false
    editable: false
    jsonData:
      httpMethod: POST
  - name: Loki main
    type: loki
    access: proxy
    uid: epl-loki-main
    url: http://epl-loki-main-reader.service.consul:3012
    isDefault: false
    editable: false
  - name: Tempo us-west
    type: tempo
    access: proxy
    uid: epl-tempo-us-west
    url: http://epl-tempo-us-west.service.consul:4310
    isDefault: false
    editable: false
EOT
      }
      vault {}
    }
    task "promxy" {
      driver = "docker"
      config {
        image = "giantswarm/promxy@sha256:9d53be3c6cad0a791bf5eee64103f7c402f20cd19ca9d5afe6208c11033e605f"
        network_mode = "host"
        args = [
          "--config=/local/promxy.yaml",
          "--bind-addr=${meta.private_ip}:3001",
          "--access-log-destination=none",
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
        memory_max = 256
      }
      template {
        destination = "local/promxy.yaml"
        data = <<EOT
promxy:
  server_groups:
    - static_configs:
        - targets:
            - 10.17.0.10:9090
            - 10.17.0.12:9090
      labels:
        epl_monitoring_cluster: default
      anti_affinity: 10s
      scheme: http
      ignore_error: true
EOT
        change_mode = "signal"
        change_signal = "SIGHUP"
      }
      lifecycle {
        hook = "prestart"
        sidecar = true
      }
    }
  }
}
