/** How a datacenter's machines come to exist. */
export enum DatacenterImplementation {
  /** Local libvirt VMs for development and tests; the hypervisor is the subnets' gateway. */
  TEST_VMS = 'testvms',
  /** Machines you install yourself in a plain datacenter network. */
  BARE_METAL = 'bm_simple',
}

/** CPU architecture of a server kind. */
export enum Architecture {
  X86_64 = 'x86_64',
  ARM64 = 'arm64',
}

/** Whether a region spans one datacenter or several. */
export enum AvailabilityMode {
  /** One datacenter: no spread rules apply. */
  SINGLE_DC = 'single_dc',
  /** Several datacenters: quorum members must be spread over them. */
  MULTI_DC = 'multi_dc',
}
