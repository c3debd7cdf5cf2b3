job "app-test-hello-world" {
  type = "service"
  namespace = "apps"
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
  group "app" {
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
        static = 7347
        host_network = "lan"
      }
    }
    service {
      name = "epl-app-test-hello-world"
      port = "http"
      provider = "consul"
      address = "${meta.private_ip}"
      tags = ["epl-metrics"]
      meta = {
        metrics_path = "/metrics"
      }
      check {
        type = "http"
        port = "http"
        path = "/health"
        interval = "10s"
        timeout = "2s"
      }
    }
    task "app" {
      driver = "docker"
      config {
        image = "@@EPL_APP_IMAGE_x86_64:hello-world@@"
        network_mode = "host"
      }
      env = {
        EPL_DEPLOYMENT_NAME = "test-hello-world"
        EPL_HTTP_SOCKET = "${meta.private_ip}:7347"
      }
      resources {
        cpu = 100
        memory = 64
        memory_max = 128
      }
      template {
        destination = "secrets/pg.env"
        data = <<EOT
EPL_PG_DEFAULT_URL={{ with secret "epl/data/apps/app-test-hello-world/pg-default" }}{{ .Data.data.url }}{{ end }}
EPL_PG_DEFAULT_RO_URL={{ with secret "epl/data/apps/app-test-hello-world/pg-default" }}{{ .Data.data.ro_url }}{{ end }}
EOT
        env = true
        change_mode = "restart"
        perms = "0600"
      }
      vault {}
    }
  }
}
