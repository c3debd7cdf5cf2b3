import type { App } from './app';
import { EplConstruct } from './epl-construct';
import { AvailabilityMode } from './enums';
import { checkProps } from './props';

export interface RegionProps {
  /**
   * This region's DNS master serves the root zones of the platform's TLDs. Exactly one region
   * is the DNS master region.
   * @default false
   */
  readonly isDnsMaster?: boolean;
  /**
   * This region's DNS servers are secondaries of the master region's root zones.
   * @default false
   */
  readonly isDnsSlave?: boolean;
  /**
   * Whether the region spans one datacenter or several.
   * @default AvailabilityMode.SINGLE_DC
   */
  readonly availabilityMode?: AvailabilityMode;
}

/**
 * A region: the unit of scheduling. Consul, Nomad and Vault each form one cluster per region.
 * The id is the region name (kebab-case, at most 14 characters).
 */
export class Region extends EplConstruct {
  readonly regionName: string;
  readonly isDnsMaster: boolean;
  readonly isDnsSlave: boolean;
  readonly availabilityMode: AvailabilityMode;

  constructor(scope: App, name: string, props: RegionProps = {}) {
    super(scope, name);
    props = checkProps(this, 'RegionProps', props);
    this.regionName = name;
    this.isDnsMaster = props.isDnsMaster ?? false;
    this.isDnsSlave = props.isDnsSlave ?? false;
    this.availabilityMode = props.availabilityMode ?? AvailabilityMode.SINGLE_DC;
  }
}
