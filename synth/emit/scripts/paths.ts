/** Where BIND keeps zone files and DNSSEC keys on DNS servers. */
export const BIND_DIR = '/var/lib/named';
