job "pg-testdb" {
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
  group "pg-1" {
    count = 1
    shutdown_delay = "0s"
    constraint {
      attribute = "${attr.kernel.arch}"
      value = "x86_64"
    }
    constraint {
      attribute = "${meta.lock_epl-pg-testdb}"
      operator = ">"
      value = "0"
    }
    constraint {
      attribute = "${node.unique.name}"
      value = "server-a"
    }
    network {
      mode = "host"
      port "pg" {
        static = 5432
        host_network = "lan"
      }
      port "pg_master" {
        static = 5433
        host_network = "lan"
      }
      port "pg_replica" {
        static = 5434
        host_network = "lan"
      }
      port "patroni" {
        static = 5435
        host_network = "lan"
      }
      port "haproxy_metrics" {
        static = 5436
        host_network = "lan"
      }
      port "pg_exporter" {
        static = 5437
        host_network = "lan"
      }
    }
    volume "data" {
      type = "host"
      source = "pgtest1"
      read_only = false
    }
    service {
      name = "epl-pg-testdb-hap-exp"
      port = "haproxy_metrics"
      provider = "consul"
      address = "${meta.private_ip}"
      tags = ["epl-mon-default"]
      meta = {
        metrics_path = "/metrics"
      }
      check {
        type = "http"
        port = "haproxy_metrics"
        path = "/metrics"
        interval = "10s"
        timeout = "2s"
      }
    }
    service {
      name = "epl-pg-testdb-pg-exp"
      port = "pg_exporter"
      provider = "consul"
      address = "${meta.private_ip}"
      tags = ["epl-mon-default"]
      meta = {
        metrics_path = "/metrics"
      }
      check {
        type = "http"
        port = "pg_exporter"
        path = "/metrics"
        interval = "10s"
        timeout = "2s"
      }
    }
    task "patroni" {
      driver = "docker"
      config {
        image = "cultleader777/patroni-pg@sha256:9bddbbbe30e2eb6030158ecc1e9375e26105f557aa45df4ce66c7abde698db0c"
        network_mode = "host"
        entrypoint = ["patroni"]
        args = ["/secrets/patroni.yml"]
        labels = [
          {
            epl_loki_cluster = "main"
          },
        ]
      }
      resources {
        cpu = 100
        memory = 512
        memory_max = 1088
      }
      template {
        destination = "secrets/patroni.yml"
        data = <<EOT
bootstrap:
  dcs:
    loop_wait: 10
    maximum_lag_on_failover: 1048576
    postgresql:
      parameters:
        hot_standby: "on"
        max_connections: 400
        password_encryption: scram-sha-256
        wal_level: replica
        wal_log_hints: "on"
      use_pg_rewind: true
      use_slots: true
    retry_timeout: 10
    synchronous_mode: true
    ttl: 30
  initdb:
    - encoding: UTF8
    - locale: C.UTF-8
    - data-checksums
  pg_hba:
    - local all all peer
    - host replication replicator 127.0.0.1/32 scram-sha-256
    - host replication replicator 10.0.0.0/8 scram-sha-256
    - host all all 127.0.0.1/32 scram-sha-256
    - host all all 10.0.0.0/8 scram-sha-256
consul:
  register_service: true
  token: {{ with secret "epl/data/system/pg-testdb/admin" }}{{ .Data.data.consul_token | toJSON }}{{ end }}
  url: http://127.0.0.1:8500
name: pg-1
namespace: /service/
postgresql:
  authentication:
    replication:
      password: {{ with secret "epl/data/system/pg-testdb/admin" }}{{ .Data.data.replication_password | toJSON }}{{ end }}
      username: replicator
    rewind:
      password: {{ with secret "epl/data/system/pg-testdb/admin" }}{{ .Data.data.rewind_password | toJSON }}{{ end }}
      username: rewind_user
    superuser:
      password: {{ with secret "epl/data/system/pg-testdb/admin" }}{{ .Data.data.superuser_password | toJSON }}{{ end }}
      username: postgres
  connect_address: 10.17.0.10:5432
  data_dir: /data/pgdata
  listen: 127.0.0.1,10.17.0.10:5432
  parameters:
    maintenance_work_mem: 128MB
    password_encryption: scram-sha-256
    shared_buffers: 256MB
    work_mem: 16MB
  pg_hba:
    - local all all peer
    - host replication replicator 127.0.0.1/32 scram-sha-256
    - host replication replicator 10.0.0.0/8 scram-sha-256
    - host all all 127.0.0.1/32 scram-sha-256
    - host all all 10.0.0.0/8 scram-sha-256
  pgpass: /tmp/pgpass
  use_pg_rewind: true
restapi:
  authentication:
    password: {{ with secret "epl/data/system/pg-testdb/admin" }}{{ .Data.data.patroni_api_password | toJSON }}{{ end }}
    username: patroni
  connect_address: 10.17.0.10:5435
  listen: 10.17.0.10:5435
scope: epl-pg-testdb
tags:
  clonefrom: false
  failover_priority: 100
  nofailover: false
  noloadbalance: false
  nosync: false
watchdog:
  mode: "off"
EOT
        change_mode = "signal"
        change_signal = "SIGHUP"
      }
      volume_mount {
        volume = "data"
        destination = "/data"
      }
      vault {}
    }
    task "haproxy" {
      driver = "docker"
      config {
        image = "haproxy@sha256:ebdd23975d25d1fb360ee54f81af26ca9fff6fa05516d43980c99ee5a88ff56e"
        network_mode = "host"
        args = ["-W", "-db", "-f", "/local/haproxy.cfg"]
        labels = [
          {
            epl_loki_cluster = "main"
          },
        ]
      }
      resources {
        cpu = 100
        memory = 64
        memory_max = 128
      }
      template {
        destination = "local/haproxy.cfg"
        data = <<EOT
# HAProxy of pg-1 of Postgres deployment testdb (generated by epl)
global
  maxconn 900
  log stdout format raw local0

defaults
  mode tcp
  log global
  retries 2
  timeout connect 4s
  timeout client 30m
  timeout server 30m
  timeout check 5s

frontend metrics
  mode http
  bind 10.17.0.10:5436
  http-request use-service prometheus-exporter if { path /metrics }
  stats enable
  stats uri /stats
  stats refresh 10s

listen master
  bind 10.17.0.10:5433
  option httpchk
  http-check send meth GET uri /primary
  http-check expect status 200
  default-server inter 3s fall 3 rise 2 on-marked-down shutdown-sessions check port 5435
  server pg-1 10.17.0.10:5432 maxconn 400
  server pg-2 10.17.0.11:5432 maxconn 400
  server pg-3 10.17.0.12:5432 maxconn 400

listen replicas
  bind 10.17.0.10:5434
  balance roundrobin
  option httpchk
  http-check send meth GET uri /replica
  http-check expect status 200
  default-server inter 3s fall 3 rise 2 on-marked-down shutdown-sessions check port 5435
  server pg-1 10.17.0.10:5432 maxconn 400
  server pg-2 10.17.0.11:5432 maxconn 400
  server pg-3 10.17.0.12:5432 maxconn 400
EOT
        change_mode = "signal"
        change_signal = "SIGUSR2"
      }
    }
    task "postgres-exporter" {
      driver = "docker"
      config {
        image = "quay.io/prometheuscommunity/postgres-exporter@sha256:f34d50a64a4d558ad118ffc73be45a359ac8f30b8daba4b241458bcb9f94e254"
        network_mode = "host"
        args = ["--web.listen-address=10.17.0.10:5437"]
        labels = [
          {
            epl_loki_cluster = "main"
          },
        ]
      }
      resources {
        cpu = 100
        memory = 64
        memory_max = 128
      }
      template {
        destination = "secrets/exporter.env"
        data = <<EOT
DATA_SOURCE_NAME=postgresql://postgres_exporter:{{ with secret "epl/data/system/pg-testdb/admin" }}{{ .Data.data.exporter_password | urlquery }}{{ end }}@10.17.0.10:5432/postgres?sslmode=disable
EOT
        env = true
      }
      vault {}
    }
  }
  group "pg-2" {
    count = 1
    shutdown_delay = "60s"
    constraint {
      attribute = "${attr.kernel.arch}"
      value = "x86_64"
    }
    constraint {
      attribute = "${meta.lock_epl-pg-testdb}"
      operator = ">"
      value = "0"
    }
    constraint {
      attribute = "${node.unique.name}"
      value = "server-b"
    }
    network {
      mode = "host"
      port "pg" {
        static = 5432
        host_network = "lan"
      }
      port "pg_master" {
        static = 5433
        host_network = "lan"
      }
      port "pg_replica" {
        static = 5434
        host_network = "lan"
      }
      port "patroni" {
        static = 5435
        host_network = "lan"
      }
      port "haproxy_metrics" {
        static = 5436
        host_network = "lan"
      }
      port "pg_exporter" {
        static = 5437
        host_network = "lan"
      }
    }
    volume "data" {
      type = "host"
      source = "pgtest1"
      read_only = false
    }
    service {
      name = "epl-pg-testdb-hap-exp"
      port = "haproxy_metrics"
      provider = "consul"
      address = "${meta.private_ip}"
      tags = ["epl-mon-default"]
      meta = {
        metrics_path = "/metrics"
      }
      check {
        type = "http"
        port = "haproxy_metrics"
        path = "/metrics"
        interval = "10s"
        timeout = "2s"
      }
    }
    service {
      name = "epl-pg-testdb-pg-exp"
      port = "pg_exporter"
      provider = "consul"
      address = "${meta.private_ip}"
      tags = ["epl-mon-default"]
      meta = {
        metrics_path = "/metrics"
      }
      check {
        type = "http"
        port = "pg_exporter"
        path = "/metrics"
        interval = "10s"
        timeout = "2s"
      }
    }
    task "patroni" {
      driver = "docker"
      config {
        image = "cultleader777/patroni-pg@sha256:9bddbbbe30e2eb6030158ecc1e9375e26105f557aa45df4ce66c7abde698db0c"
        network_mode = "host"
        entrypoint = ["patroni"]
        args = ["/secrets/patroni.yml"]
        labels = [
          {
            epl_loki_cluster = "main"
          },
        ]
      }
      resources {
        cpu = 100
        memory = 512
        memory_max = 1088
      }
      template {
        destination = "secrets/patroni.yml"
        data = <<EOT
bootstrap:
  dcs:
    loop_wait: 10
    maximum_lag_on_failover: 1048576
    postgresql:
      parameters:
        hot_standby: "on"
        max_connections: 400
        password_encryption: scram-sha-256
        wal_level: replica
        wal_log_hints: "on"
      use_pg_rewind: true
      use_slots: true
    retry_timeout: 10
    synchronous_mode: true
    ttl: 30
  initdb:
    - encoding: UTF8
    - locale: C.UTF-8
    - data-checksums
  pg_hba:
    - local all all peer
    - host replication replicator 127.0.0.1/32 scram-sha-256
    - host replication replicator 10.0.0.0/8 scram-sha-256
    - host all all 127.0.0.1/32 scram-sha-256
    - host all all 10.0.0.0/8 scram-sha-256
consul:
  register_service: true
  token: {{ with secret "epl/data/system/pg-testdb/admin" }}{{ .Data.data.consul_token | toJSON }}{{ end }}
  url: http://127.0.0.1:8500
name: pg-2
namespace: /service/
postgresql:
  authentication:
    replication:
      password: {{ with secret "epl/data/system/pg-testdb/admin" }}{{ .Data.data.replication_password | toJSON }}{{ end }}
      username: replicator
    rewind:
      password: {{ with secret "epl/data/system/pg-testdb/admin" }}{{ .Data.data.rewind_password | toJSON }}{{ end }}
      username: rewind_user
    superuser:
      password: {{ with secret "epl/data/system/pg-testdb/admin" }}{{ .Data.data.superuser_password | toJSON }}{{ end }}
      username: postgres
  connect_address: 10.17.0.11:5432
  data_dir: /data/pgdata
  listen: 127.0.0.1,10.17.0.11:5432
  parameters:
    maintenance_work_mem: 128MB
    password_encryption: scram-sha-256
    shared_buffers: 256MB
    work_mem: 16MB
  pg_hba:
    - local all all peer
    - host replication replicator 127.0.0.1/32 scram-sha-256
    - host replication replicator 10.0.0.0/8 scram-sha-256
    - host all all 127.0.0.1/32 scram-sha-256
    - host all all 10.0.0.0/8 scram-sha-256
  pgpass: /tmp/pgpass
  use_pg_rewind: true
restapi:
  authentication:
    password: {{ with secret "epl/data/system/pg-testdb/admin" }}{{ .Data.data.patroni_api_password | toJSON }}{{ end }}
    username: patroni
  connect_address: 10.17.0.11:5435
  listen: 10.17.0.11:5435
scope: epl-pg-testdb
tags:
  clonefrom: false
  failover_priority: 100
  nofailover: false
  noloadbalance: false
  nosync: false
watchdog:
  mode: "off"
EOT
        change_mode = "signal"
        change_signal = "SIGHUP"
      }
      volume_mount {
        volume = "data"
        destination = "/data"
      }
      vault {}
    }
    task "haproxy" {
      driver = "docker"
      config {
        image = "haproxy@sha256:ebdd23975d25d1fb360ee54f81af26ca9fff6fa05516d43980c99ee5a88ff56e"
        network_mode = "host"
        args = ["-W", "-db", "-f", "/local/haproxy.cfg"]
        labels = [
          {
            epl_loki_cluster = "main"
          },
        ]
      }
      resources {
        cpu = 100
        memory = 64
        memory_max = 128
      }
      template {
        destination = "local/haproxy.cfg"
        data = <<EOT
# HAProxy of pg-2 of Postgres deployment testdb (generated by epl)
global
  maxconn 900
  log stdout format raw local0

defaults
  mode tcp
  log global
  retries 2
  timeout connect 4s
  timeout client 30m
  timeout server 30m
  timeout check 5s

frontend metrics
  mode http
  bind 10.17.0.11:5436
  http-request use-service prometheus-exporter if { path /metrics }
  stats enable
  stats uri /stats
  stats refresh 10s

listen master
  bind 10.17.0.11:5433
  option httpchk
  http-check send meth GET uri /primary
  http-check expect status 200
  default-server inter 3s fall 3 rise 2 on-marked-down shutdown-sessions check port 5435
  server pg-1 10.17.0.10:5432 maxconn 400
  server pg-2 10.17.0.11:5432 maxconn 400
  server pg-3 10.17.0.12:5432 maxconn 400

listen replicas
  bind 10.17.0.11:5434
  balance roundrobin
  option httpchk
  http-check send meth GET uri /replica
  http-check expect status 200
  default-server inter 3s fall 3 rise 2 on-marked-down shutdown-sessions check port 5435
  server pg-1 10.17.0.10:5432 maxconn 400
  server pg-2 10.17.0.11:5432 maxconn 400
  server pg-3 10.17.0.12:5432 maxconn 400
EOT
        change_mode = "signal"
        change_signal = "SIGUSR2"
      }
    }
    task "postgres-exporter" {
      driver = "docker"
      config {
        image = "quay.io/prometheuscommunity/postgres-exporter@sha256:f34d50a64a4d558ad118ffc73be45a359ac8f30b8daba4b241458bcb9f94e254"
        network_mode = "host"
        args = ["--web.listen-address=10.17.0.11:5437"]
        labels = [
          {
            epl_loki_cluster = "main"
          },
        ]
      }
      resources {
        cpu = 100
        memory = 64
        memory_max = 128
      }
      template {
        destination = "secrets/exporter.env"
        data = <<EOT
DATA_SOURCE_NAME=postgresql://postgres_exporter:{{ with secret "epl/data/system/pg-testdb/admin" }}{{ .Data.data.exporter_password | urlquery }}{{ end }}@10.17.0.11:5432/postgres?sslmode=disable
EOT
        env = true
      }
      vault {}
    }
  }
  group "pg-3" {
    count = 1
    shutdown_delay = "120s"
    constraint {
      attribute = "${attr.kernel.arch}"
      value = "x86_64"
    }
    constraint {
      attribute = "${meta.lock_epl-pg-testdb}"
      operator = ">"
      value = "0"
    }
    constraint {
      attribute = "${node.unique.name}"
      value = "server-c"
    }
    network {
      mode = "host"
      port "pg" {
        static = 5432
        host_network = "lan"
      }
      port "pg_master" {
        static = 5433
        host_network = "lan"
      }
      port "pg_replica" {
        static = 5434
        host_network = "lan"
      }
      port "patroni" {
        static = 5435
        host_network = "lan"
      }
      port "haproxy_metrics" {
        static = 5436
        host_network = "lan"
      }
      port "pg_exporter" {
        static = 5437
        host_network = "lan"
      }
    }
    volume "data" {
      type = "host"
      source = "pgtest1"
      read_only = false
    }
    service {
      name = "epl-pg-testdb-hap-exp"
      port = "haproxy_metrics"
      provider = "consul"
      address = "${meta.private_ip}"
      tags = ["epl-mon-default"]
      meta = {
        metrics_path = "/metrics"
      }
      check {
        type = "http"
        port = "haproxy_metrics"
        path = "/metrics"
        interval = "10s"
        timeout = "2s"
      }
    }
    service {
      name = "epl-pg-testdb-pg-exp"
      port = "pg_exporter"
      provider = "consul"
      address = "${meta.private_ip}"
      tags = ["epl-mon-default"]
      meta = {
        metrics_path = "/metrics"
      }
      check {
        type = "http"
        port = "pg_exporter"
        path = "/metrics"
        interval = "10s"
        timeout = "2s"
      }
    }
    task "patroni" {
      driver = "docker"
      config {
        image = "cultleader777/patroni-pg@sha256:9bddbbbe30e2eb6030158ecc1e9375e26105f557aa45df4ce66c7abde698db0c"
        network_mode = "host"
        entrypoint = ["patroni"]
        args = ["/secrets/patroni.yml"]
        labels = [
          {
            epl_loki_cluster = "main"
          },
        ]
      }
      resources {
        cpu = 100
        memory = 512
        memory_max = 1088
      }
      template {
        destination = "secrets/patroni.yml"
        data = <<EOT
bootstrap:
  dcs:
    loop_wait: 10
    maximum_lag_on_failover: 1048576
    postgresql:
      parameters:
        hot_standby: "on"
        max_connections: 400
        password_encryption: scram-sha-256
        wal_level: replica
        wal_log_hints: "on"
      use_pg_rewind: true
      use_slots: true
    retry_timeout: 10
    synchronous_mode: true
    ttl: 30
  initdb:
    - encoding: UTF8
    - locale: C.UTF-8
    - data-checksums
  pg_hba:
    - local all all peer
    - host replication replicator 127.0.0.1/32 scram-sha-256
    - host replication replicator 10.0.0.0/8 scram-sha-256
    - host all all 127.0.0.1/32 scram-sha-256
    - host all all 10.0.0.0/8 scram-sha-256
consul:
  register_service: true
  token: {{ with secret "epl/data/system/pg-testdb/admin" }}{{ .Data.data.consul_token | toJSON }}{{ end }}
  url: http://127.0.0.1:8500
name: pg-3
namespace: /service/
postgresql:
  authentication:
    replication:
      password: {{ with secret "epl/data/system/pg-testdb/admin" }}{{ .Data.data.replication_password | toJSON }}{{ end }}
      username: replicator
    rewind:
      password: {{ with secret "epl/data/system/pg-testdb/admin" }}{{ .Data.data.rewind_password | toJSON }}{{ end }}
      username: rewind_user
    superuser:
      password: {{ with secret "epl/data/system/pg-testdb/admin" }}{{ .Data.data.superuser_password | toJSON }}{{ end }}
      username: postgres
  connect_address: 10.17.0.12:5432
  data_dir: /data/pgdata
  listen: 127.0.0.1,10.17.0.12:5432
  parameters:
    maintenance_work_mem: 128MB
    password_encryption: scram-sha-256
    shared_buffers: 256MB
    work_mem: 16MB
  pg_hba:
    - local all all peer
    - host replication replicator 127.0.0.1/32 scram-sha-256
    - host replication replicator 10.0.0.0/8 scram-sha-256
    - host all all 127.0.0.1/32 scram-sha-256
    - host all all 10.0.0.0/8 scram-sha-256
  pgpass: /tmp/pgpass
  use_pg_rewind: true
restapi:
  authentication:
    password: {{ with secret "epl/data/system/pg-testdb/admin" }}{{ .Data.data.patroni_api_password | toJSON }}{{ end }}
    username: patroni
  connect_address: 10.17.0.12:5435
  listen: 10.17.0.12:5435
scope: epl-pg-testdb
tags:
  clonefrom: false
  failover_priority: 100
  nofailover: false
  noloadbalance: false
  nosync: false
watchdog:
  mode: "off"
EOT
        change_mode = "signal"
        change_signal = "SIGHUP"
      }
      volume_mount {
        volume = "data"
        destination = "/data"
      }
      vault {}
    }
    task "haproxy" {
      driver = "docker"
      config {
        image = "haproxy@sha256:ebdd23975d25d1fb360ee54f81af26ca9fff6fa05516d43980c99ee5a88ff56e"
        network_mode = "host"
        args = ["-W", "-db", "-f", "/local/haproxy.cfg"]
        labels = [
          {
            epl_loki_cluster = "main"
          },
        ]
      }
      resources {
        cpu = 100
        memory = 64
        memory_max = 128
      }
      template {
        destination = "local/haproxy.cfg"
        data = <<EOT
# HAProxy of pg-3 of Postgres deployment testdb (generated by epl)
global
  maxconn 900
  log stdout format raw local0

defaults
  mode tcp
  log global
  retries 2
  timeout connect 4s
  timeout client 30m
  timeout server 30m
  timeout check 5s

frontend metrics
  mode http
  bind 10.17.0.12:5436
  http-request use-service prometheus-exporter if { path /metrics }
  stats enable
  stats uri /stats
  stats refresh 10s

listen master
  bind 10.17.0.12:5433
  option httpchk
  http-check send meth GET uri /primary
  http-check expect status 200
  default-server inter 3s fall 3 rise 2 on-marked-down shutdown-sessions check port 5435
  server pg-1 10.17.0.10:5432 maxconn 400
  server pg-2 10.17.0.11:5432 maxconn 400
  server pg-3 10.17.0.12:5432 maxconn 400

listen replicas
  bind 10.17.0.12:5434
  balance roundrobin
  option httpchk
  http-check send meth GET uri /replica
  http-check expect status 200
  default-server inter 3s fall 3 rise 2 on-marked-down shutdown-sessions check port 5435
  server pg-1 10.17.0.10:5432 maxconn 400
  server pg-2 10.17.0.11:5432 maxconn 400
  server pg-3 10.17.0.12:5432 maxconn 400
EOT
        change_mode = "signal"
        change_signal = "SIGUSR2"
      }
    }
    task "postgres-exporter" {
      driver = "docker"
      config {
        image = "quay.io/prometheuscommunity/postgres-exporter@sha256:f34d50a64a4d558ad118ffc73be45a359ac8f30b8daba4b241458bcb9f94e254"
        network_mode = "host"
        args = ["--web.listen-address=10.17.0.12:5437"]
        labels = [
          {
            epl_loki_cluster = "main"
          },
        ]
      }
      resources {
        cpu = 100
        memory = 64
        memory_max = 128
      }
      template {
        destination = "secrets/exporter.env"
        data = <<EOT
DATA_SOURCE_NAME=postgresql://postgres_exporter:{{ with secret "epl/data/system/pg-testdb/admin" }}{{ .Data.data.exporter_password | urlquery }}{{ end }}@10.17.0.12:5432/postgres?sslmode=disable
EOT
        env = true
      }
      vault {}
    }
  }
}
