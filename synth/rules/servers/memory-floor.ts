/**
 * The least memory a server needs: 1 GiB the system itself uses (systemd, Consul, Nomad, Docker,
 * agents; measured about 770 MiB in the reference) plus 512 MiB left for workloads. The
 * reference's numbers (`node_eligibility_calculation`).
 */
export const SYSTEM_RESERVED_MEMORY_MIB = 1024;
export const MIN_WORKLOAD_MEMORY_MIB = 512;
export const MIN_SERVER_MEMORY_MIB = SYSTEM_RESERVED_MEMORY_MIB + MIN_WORKLOAD_MEMORY_MIB;
