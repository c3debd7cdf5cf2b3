// Generated from the props interfaces of constructs/ by `npm run docs`. Do not edit; a test fails when it is stale.
import type { PropShapes } from './props';

/** The shape of every props interface, by name: what `checkProps` checks at run time. */
export const PROP_SHAPES: PropShapes = {
  AppProps: {
    "projectName": { kind: 'string', optional: false },
    "adminEmail": { kind: 'string', optional: false },
    "adminSshKeys": { kind: { array: 'string' }, optional: true },
    "serverLabels": { kind: { array: 'string' }, optional: true },
    "nixpkgs": { kind: { shape: "NixpkgsPin" }, optional: true },
    "experimentalArm64Support": { kind: 'boolean', optional: true },
  },
  BackendDeploymentProps: {
    "application": { kind: { instance: "BackendApplication" }, optional: false },
    "pgShards": { kind: { record: { instance: "PgDatabase" } }, optional: true },
    "count": { kind: 'number', optional: true },
    "namespace": { kind: 'string', optional: true },
  },
  DatacenterProps: {
    "networkCidr": { kind: 'string', optional: false },
    "implementation": { kind: { oneOf: ["testvms", "bm_simple"], name: "DatacenterImplementation" }, optional: false },
    "defaultServerKind": { kind: { instance: "ServerKind" }, optional: true },
    "defaultDiskKind": { kind: { instance: "DiskKind" }, optional: true },
    "diskIdsPolicy": { kind: { oneOf: ["auto", "require_serial", "require_devname"], name: "DiskIdsPolicy" }, optional: true },
    "allowSmallSubnets": { kind: 'boolean', optional: true },
    "nixpkgs": { kind: { shape: "NixpkgsPin" }, optional: true },
    "upstreamGateway": { kind: 'string', optional: true },
    "floatingGateways": { kind: { array: 'string' }, optional: true },
  },
  DiskKindProps: {
    "medium": { kind: { oneOf: ["hdd", "ssd", "nvme"], name: "DiskMedium" }, optional: true },
    "capacity": { kind: { instance: "Size" }, optional: true },
    "elastic": { kind: 'boolean', optional: true },
    "minCapacity": { kind: { instance: "Size" }, optional: true },
    "maxCapacity": { kind: { instance: "Size" }, optional: true },
    "hasExtraConfig": { kind: 'boolean', optional: true },
    "nonEligibleReason": { kind: 'string', optional: true },
  },
  DiskProps: {
    "kind": { kind: { instance: "DiskKind" }, optional: true },
    "root": { kind: 'boolean', optional: true },
    "xfsFormat": { kind: 'boolean', optional: true },
    "capacity": { kind: { instance: "Size" }, optional: true },
    "provisionedIops": { kind: 'number', optional: true },
    "provisionedThroughputMbps": { kind: 'number', optional: true },
  },
  DockerImage: {
    "repository": { kind: 'string', optional: false },
    "digest": { kind: 'string', optional: false },
    "architecture": { kind: { oneOf: ["x86_64", "arm64"], name: "Architecture" }, optional: true },
    "tag": { kind: 'string', optional: true },
  },
  DockerImagePinProps: {
    "set": { kind: { oneOf: ["postgres_wpatroni_wconsul", "haproxy", "postgres_exporter", "minio", "minio_mc", "nginx", "nats", "nats_exporter", "docker_registry", "prometheus", "alertmanager", "victoria_metrics", "grafana", "promxy", "grafana_loki", "grafana_tempo", "openresty", "clickhouse"], name: "DockerImageSet" }, optional: false },
    "images": { kind: { array: { shape: "DockerImage" } }, optional: false },
  },
  MxRecordValue: {
    "priority": { kind: 'number', optional: false },
    "value": { kind: 'string', optional: false },
  },
  NetworkInterfaceProps: {
    "name": { kind: 'string', optional: false },
    "network": { kind: { instance: "Network" }, optional: false },
    "address": { kind: 'string', optional: false },
    "ssh": { kind: 'boolean', optional: true },
  },
  NixpkgsPin: {
    "rev": { kind: 'string', optional: false },
    "sha256": { kind: 'string', optional: false },
  },
  PgDatasetProps: {
    "rows": { kind: { record: { array: { record: { anyOf: ['string', 'number', 'boolean'] } } } }, optional: false },
    "minTime": { kind: 'number', optional: true },
  },
  PgDeploymentProps: {
    "instances": { kind: { array: { instance: "ServerVolume" } }, optional: false },
    "synchronousReplication": { kind: 'boolean', optional: true },
    "namespace": { kind: 'string', optional: true },
    "instancePgPort": { kind: 'number', optional: true },
  },
  PgMatViewProps: {
    "refresh": { kind: { oneOf: ["manual", "hourly", "daily", "weekly"], name: "MatViewRefresh" }, optional: true },
    "tests": { kind: { array: { shape: "PgMatViewTest" } }, optional: false },
  },
  PgMatViewTest: {
    "dataset": { kind: { instance: "PgDataset" }, optional: false },
    "expectedData": { kind: { array: { record: { anyOf: [{ oneOf: [null] }, 'string', 'number', 'boolean'] } } }, optional: false },
  },
  PgMigrationProps: {
    "upgrade": { kind: 'string', optional: false },
    "downgrade": { kind: 'string', optional: false },
  },
  PgMutatorProps: {
    "sql": { kind: { instance: "SqlText" }, optional: false },
    "seqscanOk": { kind: 'boolean', optional: true },
    "tests": { kind: { array: { shape: "PgMutatorTest" } }, optional: false },
  },
  PgMutatorTest: {
    "dataset": { kind: { instance: "PgDataset" }, optional: false },
    "arguments": { kind: { record: { anyOf: ['string', 'number', 'boolean'] } }, optional: true },
    "resultingData": { kind: { record: { array: { record: { anyOf: ['string', 'number', 'boolean'] } } } }, optional: false },
  },
  PgQueryProps: {
    "sql": { kind: { instance: "SqlText" }, optional: false },
    "mutating": { kind: 'boolean', optional: true },
    "seqscanOk": { kind: 'boolean', optional: true },
    "optionalFields": { kind: { array: 'string' }, optional: true },
    "tests": { kind: { array: { shape: "PgQueryTest" } }, optional: false },
  },
  PgQueryTest: {
    "dataset": { kind: { instance: "PgDataset" }, optional: false },
    "arguments": { kind: { record: { anyOf: ['string', 'number', 'boolean'] } }, optional: true },
    "outputs": { kind: { array: { record: { anyOf: [{ oneOf: [null] }, 'string', 'number', 'boolean'] } } }, optional: false },
  },
  PgShardProps: {
    "schema": { kind: { instance: "PgSchema" }, optional: false },
    "queries": { kind: { array: { instance: "PgQuery" } }, optional: true },
    "mutators": { kind: { array: { instance: "PgMutator" } }, optional: true },
    "transactions": { kind: { array: { instance: "PgTransaction" } }, optional: true },
  },
  PgTransactionProps: {
    "steps": { kind: { array: { shape: "PgTransactionStep" } }, optional: false },
  },
  PgTransactionStep: {
    "statement": { kind: { anyOf: [{ instance: "PgQuery" }, { instance: "PgMutator" }] }, optional: false },
    "many": { kind: 'boolean', optional: true },
  },
  RegionProps: {
    "isDnsMaster": { kind: 'boolean', optional: true },
    "isDnsSlave": { kind: 'boolean', optional: true },
    "availabilityMode": { kind: { oneOf: ["single_dc", "multi_dc"], name: "AvailabilityMode" }, optional: true },
  },
  ServerKindProps: {
    "cores": { kind: 'number', optional: false },
    "memoryMiB": { kind: 'number', optional: false },
    "architecture": { kind: { oneOf: ["x86_64", "arm64"], name: "Architecture" }, optional: true },
    "nonEligibleReason": { kind: 'string', optional: true },
  },
  ServerProps: {
    "kind": { kind: { instance: "ServerKind" }, optional: true },
    "interfaces": { kind: { array: { shape: "NetworkInterfaceProps" } }, optional: false },
    "roles": { kind: { shape: "ServerRoles" }, optional: true },
    "labels": { kind: { record: 'string' }, optional: true },
    "runUnassignedWorkloads": { kind: 'boolean', optional: true },
    "publicIpv6Address": { kind: 'string', optional: true },
    "extraPackages": { kind: { array: 'string' }, optional: true },
  },
  ServerRoles: {
    "consulMaster": { kind: 'boolean', optional: true },
    "nomadMaster": { kind: 'boolean', optional: true },
    "vaultInstance": { kind: 'boolean', optional: true },
    "dnsMaster": { kind: 'boolean', optional: true },
    "dnsSlave": { kind: 'boolean', optional: true },
    "ingress": { kind: 'boolean', optional: true },
    "vpnGateway": { kind: 'boolean', optional: true },
    "router": { kind: 'boolean', optional: true },
  },
  TldProps: {
    "admin": { kind: 'boolean', optional: true },
    "automaticCertificates": { kind: 'boolean', optional: true },
    "dnssec": { kind: 'boolean', optional: true },
    "txtRecords": { kind: { record: { array: 'string' } }, optional: true },
    "mxRecords": { kind: { record: { array: { shape: "MxRecordValue" } } }, optional: true },
    "cnameRecords": { kind: { record: 'string' }, optional: true },
  },
  VdevProps: {
    "type": { kind: { oneOf: ["mirror", "raidz1", "raidz2", "raidz3"], name: "VdevType" }, optional: false },
    "disks": { kind: { array: { instance: "Disk" } }, optional: false },
  },
  XfsVolumeProps: {
    "disk": { kind: { instance: "Disk" }, optional: false },
    "usage": { kind: { oneOf: ["exclusive", "read_only", "one_writer_many_readers", "multiple_writers"], name: "VolumeUsage" }, optional: true },
  },
  ZfsVolumeProps: {
    "usage": { kind: { oneOf: ["exclusive", "read_only", "one_writer_many_readers", "multiple_writers"], name: "VolumeUsage" }, optional: true },
    "recordSize": { kind: { oneOf: ["4k", "8k", "16k", "32k", "64k", "128k", "256k", "512k", "1M"], name: "ZfsRecordSize" }, optional: true },
    "compression": { kind: 'boolean', optional: true },
    "encryption": { kind: 'boolean', optional: true },
  },
  ZpoolProps: {
    "vdevs": { kind: { array: { shape: "VdevProps" } }, optional: false },
    "spares": { kind: { array: { instance: "Disk" } }, optional: true },
    "cache": { kind: { array: { instance: "Disk" } }, optional: true },
    "log": { kind: { array: { instance: "Disk" } }, optional: true },
    "redundant": { kind: 'boolean', optional: true },
  },
};
