job "docker-registry" {
  type = "service"
  namespace = "epl"
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
  group "registry" {
    count = 1
    constraint {
      attribute = "${attr.kernel.arch}"
      value = "x86_64"
    }
    constraint {
      attribute = "${meta.run_unassigned_workloads}"
      operator = ">"
      value = "0"
    }
    network {
      mode = "host"
      port "http" {
        static = 5000
        host_network = "lan"
      }
      port "metrics" {
        static = 5001
        host_network = "lan"
      }
    }
    service {
      name = "epl-docker-registry"
      port = "http"
      provider = "consul"
      address = "${meta.private_ip}"
      tags = []
      check {
        type = "http"
        port = "http"
        path = "/"
        interval = "10s"
        timeout = "2s"
      }
    }
    service {
      name = "epl-docker-registry-metrics"
      port = "metrics"
      provider = "consul"
      address = "${meta.private_ip}"
      tags = ["epl-mon-default"]
      meta = {
        metrics_path = "/metrics"
      }
      check {
        type = "http"
        port = "metrics"
        path = "/metrics"
        interval = "10s"
        timeout = "2s"
      }
    }
    task "registry" {
      driver = "docker"
      config {
        image = "registry@sha256:ce14a6258f37702ff3cd92232a6f5b81ace542d9f1631966999e9f7c1ee6ddba"
        network_mode = "host"
        args = ["/secrets/config.yml"]
        labels = [
          {
            epl_loki_cluster = "main"
          },
        ]
      }
      env = {
        REGISTRY_HTTP_ADDR = "${meta.private_ip}:5000"
        REGISTRY_HTTP_DEBUG_ADDR = "${meta.private_ip}:5001"
      }
      resources {
        cpu = 100
        memory = 128
        memory_max = 256
      }
      template {
        destination = "secrets/config.yml"
        data = <<EOT
version: 0.1
log:
  level: info
  formatter: text
  fields:
    service: registry
storage:
  s3:
    accesskey: docker-registry-us-west
    secretkey: {{ with secret "epl/data/epl/docker-registry/storage" }}{{ .Data.data.s3_secret_key | toJSON }}{{ end }}
    region: us-east-1
    regionendpoint: http://epl-minio-global.service.consul:9002
    bucket: docker
    secure: false
    v4auth: true
  cache:
    blobdescriptor: inmemory
  redirect:
    disable: true
  maintenance:
    uploadpurging:
      enabled: true
      age: 168h
      interval: 24h
      dryrun: false
http:
  headers:
    X-Content-Type-Options:
      - nosniff
  debug:
    prometheus:
      enabled: true
      path: /metrics
health:
  storagedriver:
    enabled: true
    interval: 10s
    threshold: 3
EOT
        perms = "0600"
      }
      template {
        destination = "secrets/registry.env"
        data = <<EOT
REGISTRY_HTTP_SECRET={{ with secret "epl/data/epl/docker-registry/storage" }}{{ .Data.data.http_secret }}{{ end }}
EOT
        env = true
        perms = "0600"
      }
      vault {}
    }
  }
}
