import { dnssecKey } from '../../../lib/crypto/dnssec';
import type { FileTree } from '../../../lib/files/file-tree';
import type { DnsZone } from '../../plan/dns-zones';
import type { EmitContext } from '../context';
import { secretKeys } from '../../secrets/keys';
import { renderZoneFile } from './zone-file';

/** DS records that a zone publishes for its signed children. */
export function childDsRecords(zone: DnsZone, zones: readonly DnsZone[], secrets: Readonly<Record<string, string>>): string[] {
  const signed = new Set(zones.filter((z) => z.signed).map((z) => z.name));
  return zone.children.filter((child) => signed.has(child)).map((child) => {
    const ksk = dnssecKey(child, 257, secrets[secretKeys.dnssec(child, 'ksk')]!);
    // The DS owner is relative to the parent zone.
    return ksk.ds.replace(`${child}.`, child.slice(0, -(zone.name.length + 1)));
  });
}

/** Adds `dns/<zone>.zone` for every zone and `dns/ds-records.txt` for the registrar. */
export function emitDns({ model, zones, secrets }: EmitContext, out: FileTree): void {
  for (const zone of zones) out.add(`dns/${zone.name}.zone`, renderZoneFile(model, zone, childDsRecords(zone, zones, secrets)));
  const tlds = zones.filter((z) => z.signed && model.tlds.some((t) => t.domain === z.name));
  if (tlds.length > 0) {
    const lines = [
      '; DS records to publish at the registrar of each TLD, so resolvers can validate its DNSSEC signatures.',
      ...tlds.map((z) => dnssecKey(z.name, 257, secrets[secretKeys.dnssec(z.name, 'ksk')]!).ds),
    ];
    out.add('dns/ds-records.txt', lines.join('\n') + '\n');
  }
}
