import { Network } from '../../constructs/core/network';
import type { Server } from '../../constructs/core/server';
import { formatIpv4 } from '../../lib/ip/ipv4';
import type { Model } from '../model/model';
import { dnsZonesOf } from '../plan/dns-zones';
import { ospfSpeakers, planFrr } from '../plan/routing';
import { routedSubnets } from '../plan/floating-gateways';
import { secretFileNames as f } from '../plan/server-files';
import { secretKeys } from './keys';
import type { SecretRequest } from './requests';


const CA_DAYS = 3650;
const CERT_DAYS = 730;

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
  const add = (key: string, recipe: SecretRequest['recipe'], servers: readonly Server[] = [], placement: Pick<SecretRequest, 'file' | 'owner' | 'lasting'> = {}) =>
    out.push({ key, recipe, servers, ...placement });
  const tld = model.adminTld?.domain ?? 'invalid';
  const project = model.app.projectName;
  const ca = (name: string): SecretRequest['recipe'] => ({ kind: 'tls-ca', commonName: `${project} ${name} CA`, validDays: CA_DAYS });

  add(secretKeys.sshRoot, { kind: 'ed25519' }, [], { lasting: true });
  add(secretKeys.nixCache, { kind: 'nix-cache', name: `${project}-cache-1` }, [], { lasting: true });
  add(secretKeys.adminPanelPassword, { kind: 'password' });
  add(secretKeys.adminPanelHtpasswd, { kind: 'htpasswd', user: 'admin', passwordKey: secretKeys.adminPanelPassword }, all.filter((s) => s.roles.ingress), { file: f.adminPanelHtpasswd });

  add(secretKeys.consulGossip, { kind: 'random-base64', bytes: 32 }, all, { lasting: true });
  add(secretKeys.consulCa, ca('Consul'), all, { file: f.consulCa, owner: 'consul', lasting: true });
  add(secretKeys.nomadGossip, { kind: 'random-base64', bytes: 32 }, all.filter((s) => s.roles.nomadMaster), { lasting: true });
  add(secretKeys.nomadCa, ca('Nomad'), all, { file: f.nomadCa, lasting: true });
  add(secretKeys.nomadCliCert, { kind: 'tls-cert', caKey: secretKeys.nomadCa, request: { commonName: 'cli.global.nomad', dnsNames: ['cli.global.nomad'], validDays: CERT_DAYS, usages: ['client'] } });
  add(secretKeys.vaultCa, ca('Vault'), all, { file: f.vaultCa, owner: 'vault', lasting: true });
  add(secretKeys.wireguardAdmin, { kind: 'wireguard' }, [], { lasting: true });

  for (const region of model.regions) {
    const servers = model.serversInRegion(region);
    if (servers.length === 0) continue;
    const r = region.regionName;
    add(secretKeys.consulToken(region, 'management'), { kind: 'uuid' }, servers.filter((s) => s.roles.consulMaster), { lasting: true });
    add(secretKeys.consulToken(region, 'agent'), { kind: 'uuid' }, servers, { lasting: true });
    add(secretKeys.consulToken(region, 'default'), { kind: 'uuid' }, servers, { lasting: true });
    add(secretKeys.consulToken(region, 'nomad-server'), { kind: 'uuid' }, servers.filter((s) => s.roles.nomadMaster), { lasting: true });
    add(secretKeys.consulToken(region, 'nomad-client'), { kind: 'uuid' }, servers.filter((s) => !s.roles.nomadMaster), { lasting: true });
    add(secretKeys.consulToken(region, 'vault'), { kind: 'uuid' }, servers.filter((s) => s.roles.vaultInstance), { lasting: true });
    add(secretKeys.nomadBootstrapToken(region), { kind: 'uuid' }, [], { lasting: true });
    for (const s of servers) {
      const ips = ['127.0.0.1', ...lanIp(model, s)];
      const cert = (caKey: string, commonName: string, dnsNames: string[], usages?: Array<'server' | 'client'>): SecretRequest['recipe'] => ({
        kind: 'tls-cert',
        caKey,
        request: { commonName, dnsNames, ipAddresses: ips, validDays: CERT_DAYS, ...(usages ? { usages } : {}) },
      });
      // Servers use theirs for RPC and HTTPS; clients get RPC certificates from the servers
      // (auto-encrypt), so theirs serves HTTPS alone, to local clients that trust the CA.
      const consulName = `${s.roles.consulMaster ? 'server' : 'client'}.${r}.consul`;
      add(secretKeys.consulServerCert(s), cert(secretKeys.consulCa, consulName, [consulName, 'localhost']), [s], { file: f.consulTls, owner: 'consul' });
      if (s.roles.nomadMaster) {
        const name = `server.${r}.nomad`;
        add(secretKeys.nomadServerCert(s), cert(secretKeys.nomadCa, name, [name, 'localhost']), [s], { file: f.nomadServerTls });
      }
      const client = `client.${r}.nomad`;
      add(secretKeys.nomadClientCert(s), cert(secretKeys.nomadCa, client, [client, 'localhost']), [s], { file: f.nomadClientTls });
      if (s.roles.vaultInstance) {
        const fqdn = `${s.hostname}.${r}.${tld}`;
        add(secretKeys.vaultCert(s), cert(secretKeys.vaultCa, fqdn, [fqdn, 'vault.service.consul', 'localhost'], ['server']), [s], { file: f.vaultTls, owner: 'vault' });
      }
      if (s.roles.vpnGateway) add(secretKeys.wireguard(s), { kind: 'wireguard' }, [s], { file: f.wireguardKey, lasting: true });
      if (model.volumes.some((v) => model.serverOf(v) === s && 'encryption' in v && v.encryption)) {
        add(secretKeys.zfsEncryption(s), { kind: 'random-hex', bytes: 32 }, [s], { file: f.zfsEncryptionKey, lasting: true });
      }
    }
  }

  // FRR: one OSPF key per datacenter whose routers speak OSPF, and the seed of the BGP passwords
  // (both are rendered into frr.conf, in the servers' secret bundles).
  for (const dc of model.datacenters) {
    const speakers = ospfSpeakers(model, dc);
    if (speakers.length > 0) add(secretKeys.ospfKey(dc), { kind: 'random-hex', bytes: 8 }, speakers);
  }
  const bgpSpeakers = all.filter((s) => planFrr(model, s)?.bgp);
  if (bgpSpeakers.length > 0) add(secretKeys.bgpPeeringSeed, { kind: 'random-hex', bytes: 32 }, bgpSpeakers);
  // VRRP's simple password authentication carries at most 8 characters (RFC 2338); keepalived
  // would cut a longer one. It keeps routers of different subnets or platforms that share a
  // network segment from taking part in each other's elections, not an attacker off the wire.
  for (const dc of model.datacenters) {
    const routers = [...new Set(routedSubnets(model).filter((r) => r.datacenter === dc).flatMap((r) => r.routers))];
    if (routers.length > 0) add(secretKeys.vrrpPassword(dc), { kind: 'password', length: 8 }, routers);
  }

  // The zone's DNS master gets the keys as BIND key files (see the DNS emitter).
  for (const zone of dnsZonesOf(model)) {
    if (!zone.signed) continue;
    add(secretKeys.dnssec(zone.name, 'ksk'), { kind: 'ed25519' }, zone.master ? [zone.master] : [], { lasting: true });
    add(secretKeys.dnssec(zone.name, 'zsk'), { kind: 'ed25519' }, zone.master ? [zone.master] : [], { lasting: true });
  }
  return out;
}
