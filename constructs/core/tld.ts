import { App } from './app';
import { EplConstruct } from './epl-construct';

export interface TldProps {
  /**
   * Whether this is the admin TLD: internal names (`<host>.<region>.<tld>`) and admin sites live
   * under it.
   * @default - true when it is the app's only TLD
   */
  readonly admin?: boolean;
  /**
   * Obtain publicly trusted certificates for it automatically (ACME via its own DNS servers).
   * @default true
   */
  readonly automaticCertificates?: boolean;
  /**
   * Sign its zones with DNSSEC.
   * @default true
   */
  readonly dnssec?: boolean;
}

/**
 * A registered domain (`epl-infra.net`) the platform's DNS servers are authoritative for.
 * The id is the domain.
 */
export class Tld extends EplConstruct {
  readonly domain: string;
  readonly automaticCertificates: boolean;
  readonly dnssec: boolean;
  /** Whether `admin` was given explicitly (see {@link App}'s admin TLD). */
  readonly adminFlag: boolean | undefined;

  constructor(scope: App, domain: string, props: TldProps = {}) {
    super(scope, domain);
    this.domain = domain;
    this.automaticCertificates = props.automaticCertificates ?? true;
    this.dnssec = props.dnssec ?? true;
    this.adminFlag = props.admin;
  }
}
