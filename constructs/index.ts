/** epl's public API: the constructs a platform is described with. */
export { App, type AppProps } from './core/app';
export { EplConstruct } from './core/epl-construct';
export { Tld, type TldProps, type MxRecordValue } from './core/tld';
export { Region, type RegionProps } from './core/region';
export { Datacenter, type DatacenterProps } from './core/datacenter';
export { DEFAULT_NIXPKGS, type NixpkgsPin } from './core/nixpkgs';
export { ServerKind, type ServerKindProps } from './core/server-kind';
export { Server, type ServerProps, type ServerRoles, type NetworkInterfaceProps, type ResolvedServerRoles } from './core/server';
export { Network } from './core/network';
export { nixRaw, NixRaw, type NixosConfig, type NixosValue } from './core/nixos-config';
export { Architecture, AvailabilityMode, DatacenterImplementation } from './core/enums';
export { Size } from './core/size';
export { DockerImagePin, type DockerImagePinProps } from './core/docker-image-pin';
export { DockerImageSet, type DockerImage } from './core/docker-image';
export type { BuiltinPinName } from './core/builtin-images';
export { DiskKind, type DiskKindProps } from './storage/disk-kind';
export { Disk, type DiskProps } from './storage/disk';
export { Zpool, type ZpoolProps, type VdevProps } from './storage/zpool';
export { ServerVolume, ZfsVolume, RootVolume, ZfsDataset, XfsVolume, type ZfsVolumeProps, type XfsVolumeProps } from './storage/volumes';
export { DiskMedium, DiskIdsPolicy, VdevType, VolumeUsage, ZfsRecordSize } from './storage/enums';
export { VersionedType, TypeSnapshot, TypeMigration, MigrationBuilder, type MigrationStep } from './apps/versioned-type';
export { t, Field, type FieldType } from './apps/field-types';
export { sql, arg, SqlText, PgArg, type PgArgType } from './apps/sql';
export {
  PgSchema,
  PgMigration,
  PgDataset,
  PgQuery,
  PgMutator,
  PgTransaction,
  PgMatView,
  MatViewRefresh,
  type PgMatViewProps,
  type PgMatViewTest,
  type PgMigrationProps,
  type PgDatasetProps,
  type PgQueryProps,
  type PgQueryTest,
  type PgMutatorProps,
  type PgMutatorTest,
  type PgTransactionProps,
  type PgTransactionStep,
  type SqlValue,
  type TableRows,
} from './apps/pg-schema';
export { PgDeployment, PgDatabase, type PgDeploymentProps, type PgInstance } from './apps/pg-deployment';
export { BackendApplication, BackendDeployment, PgShard, type PgShardProps, type BackendDeploymentProps } from './apps/backend-application';
export { AppStream, StreamRole, type AppStreamProps } from './apps/app-stream';
export { AppBucket } from './apps/app-bucket';
export { MinioCluster, MinioBucket, BucketAccess, type MinioClusterProps, type MinioBucketProps, type BucketGrant } from './services/minio-cluster';
export { NatsCluster, NatsStream, type NatsClusterProps, type NatsStreamProps } from './services/nats-cluster';
export { DockerRegistry, type DockerRegistryProps } from './services/docker-registry';
export { AlertGroup, Alert, type AlertProps, type AlertTest, type AlertTestSeries } from './services/alerts';
export { baseAlerts } from './services/base-alerts';
export { TelegramBot, TelegramChannel, WebhookReceiver, type TelegramBotProps, type TelegramChannelProps, type WebhookReceiverProps, type TelegramTarget, type AlertRouting } from './services/notifications';
export { MonitoringCluster, type MonitoringClusterProps } from './services/monitoring-cluster';
export { LokiCluster, type LokiClusterProps } from './services/loki-cluster';
export { TempoCluster, type TempoClusterProps } from './services/tempo-cluster';
export { Grafana, type GrafanaProps } from './services/grafana';
