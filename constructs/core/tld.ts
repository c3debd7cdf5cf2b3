import { App } from './app';
import { EplConstruct } from './epl-construct';
import { checkProps } from './props';

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
  /**
   * Extra TXT records, by subdomain (`'@'` for the domain itself): `{ '@': ['v=spf1 mx -all'] }`.
   * @default - none
   */
  readonly txtRecords?: Readonly<Record<string, readonly string[]>>;
  /**
   * Extra MX records, by subdomain: `{ '@': [{ priority: 10, value: 'mail.example.com.' }] }`.
   * @default - none
   */
  readonly mxRecords?: Readonly<Record<string, ReadonlyArray<MxRecordValue>>>;
  /**
   * Extra CNAME records, by subdomain (not the apex): `{ docs: 'example.github.io.' }`.
   * @default - none
   */
  readonly cnameRecords?: Readonly<Record<string, string>>;
}

/** One mail exchanger of an MX record. */
export interface MxRecordValue {
  /** Lower is preferred; 0 to 100. */
  readonly priority: number;
  /** Host name of the mail server; end it with '.' when it has two or more dots. */
  readonly value: string;
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
  readonly txtRecords: Readonly<Record<string, readonly string[]>>;
  readonly mxRecords: Readonly<Record<string, ReadonlyArray<MxRecordValue>>>;
  readonly cnameRecords: Readonly<Record<string, string>>;

  constructor(scope: App, domain: string, props: TldProps = {}) {
    super(scope, domain);
    props = checkProps(this, 'TldProps', props);
    this.domain = domain;
    this.automaticCertificates = props.automaticCertificates ?? true;
    this.dnssec = props.dnssec ?? true;
    this.adminFlag = props.admin;
    this.txtRecords = { ...(props.txtRecords ?? {}) };
    this.mxRecords = { ...(props.mxRecords ?? {}) };
    this.cnameRecords = { ...(props.cnameRecords ?? {}) };
  }
}
