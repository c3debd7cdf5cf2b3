/**
 * The DNS master-file format (RFC 1035 §5) as epl writes it: what a name may be, and how text
 * reaches a zone file. Rules check names with these; the zone writer escapes with them.
 */

/** A DNS label as used for hostnames: letters, digits, inner dashes, at most 63 characters. */
export const DNS_LABEL = /^(?=.{1,63}$)[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;

/** Labels epl gives the name servers of every zone (`ns1`, `ns2`, ...). */
export const NAME_SERVER_LABEL = /^ns\d+$/;

/** A host name: DNS labels joined by dots, at most 253 characters. */
export function isHostName(name: string): boolean {
  return name.length <= 253 && name.split('.').every((l) => /^(?=.{1,63}$)[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?$/.test(l));
}

/**
 * An email address an SOA record can carry: a dot-atom local part (RFC 5322, at most 63
 * characters: it becomes one DNS label) at a host name.
 */
export function isSoaEmail(email: string): boolean {
  const at = email.lastIndexOf('@');
  if (at <= 0) return false;
  const local = email.slice(0, at);
  return local.length <= 63 && /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/.test(local) && isHostName(email.slice(at + 1));
}

/** One character of a label in a zone file: `\X` for anything but letters, digits, `-` and `_`. */
function escapeLabelChar(ch: string): string {
  const code = ch.charCodeAt(0);
  if (/[A-Za-z0-9_-]/.test(ch)) return ch;
  if (code > 0x20 && code < 0x7f) return `\\${ch}`;
  return `\\${String(code).padStart(3, '0')}`;
}

/** `first.last@example.com` as an SOA RNAME: `first\.last.example.com.` (the local part is one label). */
export function soaMailbox(email: string): string {
  const at = email.lastIndexOf('@');
  const local = [...email.slice(0, at)].map(escapeLabelChar).join('');
  return `${local}.${email.slice(at + 1)}.`;
}

/**
 * A TXT value as zone-file character strings: each at most 255 bytes of UTF-8, in double quotes,
 * with `"` and `\` escaped and every byte outside printable ASCII written `\DDD`.
 */
export function txtStrings(value: string): string {
  const bytes = Buffer.from(value, 'utf8');
  const chunks: string[] = [];
  for (let i = 0; i < bytes.length || chunks.length === 0; i += 255) {
    let s = '';
    for (const b of bytes.subarray(i, i + 255)) {
      if (b === 0x22 || b === 0x5c) s += `\\${String.fromCharCode(b)}`;
      else if (b >= 0x20 && b < 0x7f) s += String.fromCharCode(b);
      else s += `\\${String(b).padStart(3, '0')}`;
    }
    chunks.push(`"${s}"`);
  }
  return chunks.join(' ');
}
