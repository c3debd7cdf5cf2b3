import { Network } from '../../constructs/core/network';
import type { Region } from '../../constructs/core/region';
import type { Server } from '../../constructs/core/server';
import { formatIpv4 } from '../../lib/ip/ipv4';
import type { Model } from '../model/model';
import { dnsZonesOf } from '../plan/dns-zones';
import type { SecretRequest } from './requests';

const CA_DAYS = 3650;
const CERT_DAYS = 730;

/** Secret keys, in one place so emitters and the plan agree on names. */
export const secretKeys = {
  sshRoot: 'ssh_root_ed25519',
  nixCache: 'nix_cache_signing_key',
  adminPanelPassword: 'admin_panel_password',
  adminPanelHtpasswd: 'admin_panel_htpasswd',
  consulGossip: 'consul_gossip_key',
  consulCa: 'consul_tls_ca',
  consulServerCert: (s: Server) => `consul_tls_server_${s.hostname}`,
  consulToken: (r: Region, name: 'management' | 'agent' | 'default') => `consul_region_${r.regionName}_acl_${name}_token`,
  nomadGossip: 'nomad_gossip_key',
  nomadCa: 'nomad_tls_ca',
  nomadServerCert: (s: Server) => `nomad_tls_server_${s.hostname}`,
  nomadClientCert: (s: Server) => `nomad_tls_client_${s.hostname}`,
  nomadCliCert: 'nomad_tls_cli',
  vaultCa: 'vault_tls_ca',
  vaultCert: (s: Server) => `vault_tls_instance_${s.hostname}`,
  wireguard: (s: Server) => `wireguard_${s.hostname}_private_key`,
  wireguardAdmin: 'wireguard_admin_private_key',
  dnssec: (zone: string, role: 'ksk' | 'zsk') => `dnssec_${zone.replace(/\.$/, '')}_${role}`,
  zfsEncryption: (s: Server) => `zfs_encryption_key_${s.hostname}`,
} as const;

function lanIp(model: Model, s: Server): string[] {
  const lan = model.interfacesOf(s).find((i) => i.network === Network.LAN);
  return lan?.address ? [formatIpv4(lan.address.address)] : [];
}

/**
 * Every secret the platform needs, derived from the model. Pure: the values are made (or kept)
 * by `ensureSecrets`.
 */
export function neededSecrets(model: Model): SecretRequest[] {
  const out: SecretRequest[] = [];
  const all = model.servers;
  const add = (key: string, recipe: SecretRequest['recipe'], servers: readonly Server[] = []) => out.push({ key, recipe, servers });
  const tld = model.adminTld?.domain ?? 'invalid';

  add(secretKeys.sshRoot, { kind: 'ed25519' });
  add(secretKeys.nixCache, { kind: 'nix-cache', name: `${model.app.projectName}-cache-1` });
  add(secretKeys.adminPanelPassword, { kind: 'password' });
  add(secretKeys.adminPanelHtpasswd, { kind: 'htpasswd', user: 'admin', passwordKey: secretKeys.adminPanelPassword }, all.filter((s) => s.roles.ingress));

  add(secretKeys.consulGossip, { kind: 'random-base64', bytes: 32 }, all);
  add(secretKeys.consulCa, { kind: 'tls-ca', commonName: `${model.app.projectName} Consul CA`, validDays: CA_DAYS }, all);
  add(secretKeys.nomadGossip, { kind: 'random-base64', bytes: 32 }, all.filter((s) => s.roles.nomadMaster));
  add(secretKeys.nomadCa, { kind: 'tls-ca', commonName: `${model.app.projectName} Nomad CA`, validDays: CA_DAYS }, all);
  add(secretKeys.nomadCliCert, { kind: 'tls-cert', caKey: secretKeys.nomadCa, request: { commonName: 'cli.global.nomad', dnsNames: ['cli.global.nomad'], validDays: CERT_DAYS, usages: ['client'] } });
  add(secretKeys.vaultCa, { kind: 'tls-ca', commonName: `${model.app.projectName} Vault CA`, validDays: CA_DAYS }, all);
  add(secretKeys.wireguardAdmin, { kind: 'wireguard' });

  for (const region of model.regions) {
    const servers = model.serversInRegion(region);
    if (servers.length === 0) continue;
    const r = region.regionName;
    add(secretKeys.consulToken(region, 'management'), { kind: 'uuid' }, servers.filter((s) => s.roles.consulMaster));
    add(secretKeys.consulToken(region, 'agent'), { kind: 'uuid' }, servers);
    add(secretKeys.consulToken(region, 'default'), { kind: 'uuid' }, servers);
    for (const s of servers) {
      const ips = ['127.0.0.1', ...lanIp(model, s)];
      if (s.roles.consulMaster) {
        const name = `server.${r}.consul`;
        add(secretKeys.consulServerCert(s), { kind: 'tls-cert', caKey: secretKeys.consulCa, request: { commonName: name, dnsNames: [name, 'localhost'], ipAddresses: ips, validDays: CERT_DAYS } }, [s]);
      }
      if (s.roles.nomadMaster) {
        const name = `server.${r}.nomad`;
        add(secretKeys.nomadServerCert(s), { kind: 'tls-cert', caKey: secretKeys.nomadCa, request: { commonName: name, dnsNames: [name, 'localhost'], ipAddresses: ips, validDays: CERT_DAYS } }, [s]);
      }
      const client = `client.${r}.nomad`;
      add(secretKeys.nomadClientCert(s), { kind: 'tls-cert', caKey: secretKeys.nomadCa, request: { commonName: client, dnsNames: [client, 'localhost'], ipAddresses: ips, validDays: CERT_DAYS } }, [s]);
      if (s.roles.vaultInstance) {
        const fqdn = `${s.hostname}.${r}.${tld}`;
        add(secretKeys.vaultCert(s), { kind: 'tls-cert', caKey: secretKeys.vaultCa, request: { commonName: fqdn, dnsNames: [fqdn, `vault.service.consul`, 'localhost'], ipAddresses: ips, validDays: CERT_DAYS, usages: ['server'] } }, [s]);
      }
      if (s.roles.vpnGateway) add(secretKeys.wireguard(s), { kind: 'wireguard' }, [s]);
      if (model.volumes.some((v) => model.serverOf(v) === s && 'encryption' in v && v.encryption)) {
        add(secretKeys.zfsEncryption(s), { kind: 'random-hex', bytes: 32 }, [s]);
      }
    }
  }

  for (const zone of dnsZonesOf(model)) {
    if (!zone.signed) continue;
    add(secretKeys.dnssec(zone.name, 'ksk'), { kind: 'ed25519' }, zone.master ? [zone.master] : []);
    add(secretKeys.dnssec(zone.name, 'zsk'), { kind: 'ed25519' }, zone.master ? [zone.master] : []);
  }
  return out;
}
