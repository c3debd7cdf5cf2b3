import type { TempoCluster } from '../../../constructs/services/tempo-cluster';
import type { Model } from '../../model/model';
import type { NomadConstraint, NomadJob } from '../../plan/nomad/job';
import { archConstraint, datacentersOf, DISTINCT_HOSTS, labelConstraints, ROLLING_UPDATE, UNASSIGNED_CONSTRAINT } from '../../plan/nomad/common';
import { scrapedBy } from '../monitoring/names';
import { TEMPO_CONFIG_FILE, tempoConfigYml } from './config';
import { tempoJobName, tempoMemberlistServiceName, tempoOtlpServiceName, tempoPorts, tempoServiceName } from './names';

/** The most memory an instance may use when its server has room, as a multiple of what it reserves: queries and block flushes burst far above the steady state. */
export const TEMPO_MEMORY_MAX_FACTOR = 4;

/** The user grafana/tempo's image runs as. */
const IMAGE_USER = 10001;

/** Port labels of the group, as tasks see them (`NOMAD_PORT_<label>`). */
export const TEMPO_PORT_LABELS = { http: 'http', grpc: 'grpc', memberlist: 'memberlist', otlpHttp: 'otlp_http', otlpGrpc: 'otlp_grpc' } as const;

/** Where the instances may run: the cluster's labels, or the servers for unassigned workloads; never two on one server (they share static ports). */
function constraints(c: TempoCluster): NomadConstraint[] {
  return [archConstraint(c.workloadArchitecture), ...(c.placement ? labelConstraints(c.placement) : [UNASSIGNED_CONSTRAINT]), DISTINCT_HOSTS];
}

/**
 * The cluster's job: one stateless group of `instances` Tempo instances, each on its own server,
 * traces in the MinIO bucket and rings gossiped between the instances. The HTTP service is scraped
 * by the cluster's monitoring cluster; the OTLP service is where applications send traces; the
 * memberlist service is how instances find each other.
 */
export function tempoJob(model: Model, c: TempoCluster): NomadJob {
  const p = tempoPorts(c);
  const L = TEMPO_PORT_LABELS;
  return {
    name: tempoJobName(c),
    namespace: c.namespace,
    region: c.region.regionName,
    datacenters: datacentersOf(model, c.region),
    type: 'service',
    update: ROLLING_UPDATE,
    groups: [
      {
        name: 'tempo',
        count: c.instances,
        constraints: constraints(c),
        ports: [
          { label: L.http, static: p.http },
          { label: L.grpc, static: p.grpc },
          { label: L.memberlist, static: p.memberlist },
          { label: L.otlpHttp, static: p.otlpHttp },
          { label: L.otlpGrpc, static: p.otlpGrpc },
        ],
        volumes: [],
        services: [
          {
            name: tempoServiceName(c),
            port: L.http,
            ...scrapedBy(model, c.region, '/metrics', c.monitoringCluster),
            // Ready once the instance has joined its rings.
            checks: [{ type: 'http', port: L.http, path: '/ready' }],
          },
          // Applications send OTLP over HTTP here (OTEL_EXPORTER_OTLP_ENDPOINT); gRPC is the next port.
          { name: tempoOtlpServiceName(c), port: L.otlpHttp, tags: [], checks: [{ type: 'tcp', port: L.otlpHttp }] },
          { name: tempoMemberlistServiceName(c), port: L.memberlist, tags: [], checks: [{ type: 'tcp', port: L.memberlist }] },
        ],
        // Consul drops the instance before it stops, so traces and queries go elsewhere first.
        shutdownDelay: '5s',
        tasks: [
          {
            name: 'tempo',
            image: c.image.imageFor(c.workloadArchitecture) ?? '',
            args: [`-config.file=/${TEMPO_CONFIG_FILE}`],
            memoryMb: c.memoryMb,
            memoryMaxMb: c.memoryMb * TEMPO_MEMORY_MAX_FACTOR,
            // The image runs as 10001, which must read its private config (the bucket password).
            templates: [{ destination: TEMPO_CONFIG_FILE, data: tempoConfigYml(model, c), perms: '0600', uid: IMAGE_USER, gid: IMAGE_USER }],
            volumeMounts: [],
            vault: true,
          },
        ],
      },
    ],
  };
}
