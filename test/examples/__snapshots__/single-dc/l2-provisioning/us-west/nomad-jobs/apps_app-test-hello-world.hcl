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
      tags = ["epl-mon-default"]
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
        labels = [
          {
            epl_loki_cluster = "main"
          },
        ]
      }
      env = {
        EPL_DEPLOYMENT_NAME = "test-hello-world"
        EPL_HTTP_SOCKET = "${meta.private_ip}:7347"
        EPL_NATS_CONN_SIMPLE_MSG_STREAM = "nats://epl-nats-main-nats.service.consul:4222"
        EPL_NATS_CONN_SOME_TEST_STREAM_CONSUMER = "nats://epl-nats-main-nats.service.consul:4222"
        EPL_NATS_CONN_SOME_TEST_STREAM_PRODUCER = "nats://epl-nats-main-nats.service.consul:4222"
        EPL_NATS_STREAM_SIMPLE_MSG_STREAM = "chdb_a_sink"
        EPL_NATS_STREAM_SOME_TEST_STREAM_CONSUMER = "some_test_stream"
        EPL_NATS_STREAM_SOME_TEST_STREAM_PRODUCER = "some_output_stream"
        EPL_S3_STORAGE_BUCKET = "app1"
        EPL_S3_STORAGE_URI = "http://epl-minio-global.service.consul:9002"
        EPL_S3_STORAGE_USER = "app-test-hello-world"
        OTEL_EXPORTER_OTLP_ENDPOINT = "http://epl-tempo-us-west-otlp.service.consul:4313"
        OTEL_SERVICE_NAME = "test-hello-world"
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
      template {
        destination = "secrets/s3.env"
        data = <<EOT
EPL_S3_STORAGE_PASSWORD={{ with secret "epl/data/apps/app-test-hello-world/s3-storage" }}{{ .Data.data.password }}{{ end }}
EOT
        env = true
        change_mode = "restart"
        perms = "0600"
      }
      vault {}
    }
  }
}
