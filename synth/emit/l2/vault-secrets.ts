import type { ConsulToken, VaultSecret, VaultValue } from '../../components/component';
import { compareCodePoints } from '../../../lib/text/order';
import { shq } from '../../../lib/shell/quote';
import type { Model } from '../../model/model';
import { VAULT_KV_MOUNT } from '../bootstrap/vault-setup';
import { changesFooter, httpScriptHeader } from './script-header';
import { GENERIC_STEPS, type RegionL2 } from './region-plan';

type Ref = { readonly path: string; readonly field: string };
const key = (r: Ref) => `${r.path}\n${r.field}`;
/** KV paths go into URLs unquoted. */
const KV_PATH = /^[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)*$/;

/** Every planned secret path with its fields, a Consul token's SecretID being a generated uuid. */
function mergedSecrets(secrets: readonly VaultSecret[], tokens: readonly ConsulToken[]): Map<string, Map<string, VaultValue>> {
  const out = new Map<string, Map<string, VaultValue>>();
  const add = (path: string, field: string, value: VaultValue) => {
    if (!KV_PATH.test(path)) throw new Error(`epl bug: Vault secret path ${JSON.stringify(path)} is not a KV path`);
    let fields = out.get(path);
    if (!fields) out.set(path, (fields = new Map()));
    const had = fields.get(field);
    if (had && JSON.stringify(had) !== JSON.stringify(value)) throw new Error(`epl bug: two different values planned for ${path} field ${field}`);
    fields.set(field, value);
  };
  for (const s of secrets) for (const [field, value] of Object.entries(s.fields)) add(s.path, field, value);
  for (const t of tokens) add(t.vaultPath, t.field, { generate: 'uuid' });
  return out;
}

function refsOf(v: VaultValue): Ref[] {
  if ('copy' in v) return [v.copy];
  if ('compose' in v) return v.compose.filter((p): p is Ref => typeof p !== 'string');
  return [];
}

/** Derived fields in an order where each comes after the derived fields it reads. */
function derivationOrder(all: Map<string, Map<string, VaultValue>>): Array<Ref & { value: VaultValue }> {
  const order: Array<Ref & { value: VaultValue }> = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (r: Ref, from?: Ref) => {
    const value = all.get(r.path)?.get(r.field);
    if (!value) throw new Error(`epl bug: ${from ? `${from.path} field ${from.field}` : 'a secret'} reads ${r.path} field ${r.field}, which no component plans`);
    if ('generate' in value || 'custom' in value) return;
    const s = state.get(key(r));
    if (s === 'done') return;
    if (s === 'visiting') throw new Error(`epl bug: Vault secret ${r.path} field ${r.field} is derived from itself`);
    state.set(key(r), 'visiting');
    for (const dep of refsOf(value)) visit(dep, r);
    state.set(key(r), 'done');
    order.push({ ...r, value });
  };
  for (const path of [...all.keys()].sort(compareCodePoints)) for (const field of all.get(path)!.keys()) visit({ path, field });
  return order;
}

/**
 * `scripts/provision-vault-secrets.sh` (stage 10): every planned secret of the region in Vault's
 * `epl` KV (version 2) mount, and every Consul token a workload needs. Reads each secret first;
 * generates only the fields it lacks (a generated value is never replaced); derives copies and
 * compositions from the values then known (after the user's own secrets, taken from the bootstrap
 * bundle); writes a secret only when it changed, with
 * check-and-set on the version read, so a second run writes nothing. A Consul token's SecretID is
 * a generated field of its Vault secret, written before the token is made, so no token ever
 * exists whose secret Vault does not keep.
 */
export function renderVaultSecretsScript(model: Model, l2: RegionL2): string {
  const all = mergedSecrets(l2.vaultSecrets, l2.consulTokens);
  const paths = [...all.keys()].sort(compareCodePoints);
  const index = new Map(paths.map((p, i) => [p, i]));
  const m = VAULT_KV_MOUNT;
  const slurp = new Set<number>();
  const src = (r: Ref) => {
    const i = index.get(r.path)!;
    slurp.add(i);
    return `($s${i}[0][${JSON.stringify(r.field)}] // error(${JSON.stringify(`${m}/${r.path} has no field ${r.field}`)}))`;
  };
  const lines = [
    ...httpScriptHeader({
      model,
      region: l2.region,
      name: GENERIC_STEPS.vaultSecrets.name,
      about: [
        `The secrets of the region's workloads in Vault (${m}/…) and their Consul tokens. Generates only what is`,
        'missing (never replacing a value Vault has), derives the rest, writes only what changed.',
      ],
      apis: l2.consulTokens.length ? ['consul', 'vault'] : ['vault'],
    }),
    VAULT_SECRET_FUNCTIONS,
  ];
  if (paths.length === 0) {
    lines.push('# No workload of this region keeps a secret in Vault.', 'echo "no secrets to provision"', '');
    return lines.join('\n');
  }
  lines.push(`wait_for 'Vault to be unsealed' vault "$vault_url/v1/sys/seal-status" '.sealed == false'`, '', '# --- What Vault has.');
  for (const p of paths) lines.push(`read_secret ${index.get(p)} ${shq(p)}`);
  lines.push('', '# --- Generated fields Vault lacks.');
  for (const p of paths) {
    for (const [field, v] of all.get(p)!) if ('generate' in v) lines.push(`generate ${index.get(p)} ${v.generate} ${shq(field)} ${shq(p)}`);
  }
  const own = paths.flatMap((p) => [...all.get(p)!].flatMap(([field, v]) => ('custom' in v ? [{ p, field, key: v.custom }] : [])));
  if (own.length) lines.push('', "# --- Your own secrets, from the bootstrap bundle (the secrets file's custom/… values).");
  for (const o of own) lines.push(`own_secret ${index.get(o.p)} ${shq(o.field)} ${shq(o.key)} ${shq(o.p)}`);
  const derived = derivationOrder(all);
  if (derived.length) lines.push('', '# --- Derived fields, each after the fields it reads.');
  for (const d of derived) {
    slurp.clear();
    const expr = 'copy' in d.value ? src(d.value.copy) : `([${(d.value as Extract<VaultValue, { compose: unknown }>).compose.map((part) => (typeof part === 'string' ? JSON.stringify(part) : src(part))).join(', ')}] | join(""))`;
    const binds = [...slurp].sort((a, b) => a - b).map((i) => `--slurpfile s${i} "$work/new-${i}.json" `).join('');
    lines.push(`jq ${binds}--arg f ${shq(d.field)} ${shq(`.[$f] = ${expr}`)} "$work/new-${index.get(d.path)}.json" > "$work/next"`, `mv "$work/next" "$work/new-${index.get(d.path)}.json"`);
  }
  lines.push('', '# --- Writes, only where something changed.');
  for (const p of paths) lines.push(`write_secret ${index.get(p)} ${shq(p)}`);
  for (const t of l2.consulTokens) {
    lines.push(
      '',
      `# --- Consul token ${t.name}: its policy, then the token whose SecretID Vault keeps at ${m}/${t.vaultPath} (${t.field}).`,
      `jq -n ${shq(`{Name: ${JSON.stringify(t.name)}, Description: ${JSON.stringify(`epl: ${t.name}`)}, Rules: ${JSON.stringify(t.rules)}}`)} > "$work/body"`,
      `ensure consul ${shq(`Consul policy ${t.name}`)} ${shq(`/v1/acl/policy/name/${encodeURIComponent(t.name)}`)} '{Name, Description, Rules}' PUT /v1/acl/policy PUT '/v1/acl/policy/{ID}' '.ID'`,
      `consul_token ${index.get(t.vaultPath)} ${shq(t.field)} ${shq(t.name)}`,
    );
  }
  lines.push(...changesFooter(`vault secrets of region ${l2.region.regionName}`));
  return lines.join('\n');
}

const VAULT_SECRET_FUNCTIONS = `
# read_secret N PATH: what Vault has at ${VAULT_KV_MOUNT}/PATH into $work/cur-N.json (fields) and
# $work/ver-N (its version, for check-and-set; 0 when there is none); $work/new-N.json starts as a copy.
read_secret() {
  status="$(call vault GET "$vault_url/v1/${VAULT_KV_MOUNT}/data/$2")"
  case "$status" in
    200) jq '.data.data // {}' "$work/response" > "$work/cur-$1.json" ;;
    404) echo '{}' > "$work/cur-$1.json" ;;
    *) fail "read ${VAULT_KV_MOUNT}/$2" "$status" ;;
  esac
  # A deleted latest version answers 404 with its metadata: check-and-set needs its number.
  jq -r '.data.metadata.version // 0' "$work/response" > "$work/ver-$1" 2>/dev/null || echo 0 > "$work/ver-$1"
  cp "$work/cur-$1.json" "$work/new-$1.json"
}

# generate N KIND FIELD PATH: a new value for FIELD unless the secret has one (password: 32
# letters and digits; uuid). The value goes from a file to jq, never through a command line.
generate() {
  if jq -e --arg f "$3" '.[$f] != null' "$work/new-$1.json" >/dev/null; then return 0; fi
  case "$2" in
    password) LC_ALL=C tr -dc 'A-Za-z0-9' < /dev/urandom | head -c 32 > "$work/value" ;;
    uuid) tr -d '\\n' < /proc/sys/kernel/random/uuid > "$work/value" ;;
  esac
  jq --arg f "$3" --rawfile v "$work/value" '.[$f] = $v' "$work/new-$1.json" > "$work/next"
  mv "$work/next" "$work/new-$1.json"
  rm -f "$work/value"
  echo "${VAULT_KV_MOUNT}/$4: generated $3"
}

# own_secret N FIELD KEY PATH: FIELD is the user's secret KEY (custom/<name>), the file KEY of the
# bootstrap bundle ($EPL_L2_TOKEN_DIR, set by provision.sh) without its last newline. The secrets
# file is the truth: a changed value replaces what Vault has.
own_secret() {
  if [ -z "\${EPL_L2_TOKEN_DIR:-}" ] || [ ! -f "$EPL_L2_TOKEN_DIR/$3" ]; then
    echo "$prog: ${VAULT_KV_MOUNT}/$4 field $2 needs your secret $3, which the bootstrap bundle lacks: set it with epl secrets set $3, synthesize and run again" >&2
    exit 1
  fi
  jq --arg f "$2" --rawfile v "$EPL_L2_TOKEN_DIR/$3" '.[$f] = ($v | rtrimstr("\\n"))' "$work/new-$1.json" > "$work/next"
  mv "$work/next" "$work/new-$1.json"
}

# write_secret N PATH: writes $work/new-N.json when it differs from what was read, naming the
# fields that changed (never their values).
write_secret() {
  if jq -e -n --slurpfile a "$work/cur-$1.json" --slurpfile b "$work/new-$1.json" '$a[0] == $b[0]' >/dev/null; then return 0; fi
  jq --slurpfile v "$work/ver-$1" '{options: {cas: $v[0]}, data: .}' "$work/new-$1.json" > "$work/body"
  status="$(call vault POST "$vault_url/v1/${VAULT_KV_MOUNT}/data/$2" "$work/body")"
  case "$status" in
    2??) ;;
    *) fail "write ${VAULT_KV_MOUNT}/$2" "$status" ;;
  esac
  rm -f "$work/body"
  changes=$((changes + 1))
  echo "wrote ${VAULT_KV_MOUNT}/$2 ($(jq -r -n --slurpfile a "$work/cur-$1.json" --slurpfile b "$work/new-$1.json" '[$b[0] | keys[] | select($b[0][.] != $a[0][.])] | join(", ")'))"
  cp "$work/new-$1.json" "$work/cur-$1.json"
}

# consul_token N FIELD NAME: the Consul token whose SecretID is FIELD of secret N, with the policy
# NAME. Looked up by its own secret (any token may read itself), created with that SecretID when
# Consul does not know it, updated when its policies or description differ.
consul_token() {
  jq -j --arg f "$2" '.[$f]' "$work/new-$1.json" > "$work/token"
  { printf 'X-Consul-Token: '; cat "$work/token"; echo; } > "$work/consul-self.h"
  jq -n --rawfile s "$work/token" --arg n "$3" '{SecretID: $s, Description: ("epl: " + $n), Policies: [{Name: $n}]}' > "$work/body"
  rm -f "$work/token"
  status="$(call consul-self GET "$consul_url/v1/acl/token/self")"
  rm -f "$work/consul-self.h"
  if [ "$status" = 200 ]; then
    if jq -e -n --slurpfile cur "$work/response" --slurpfile want "$work/body" '($cur[0] | {Description, Policies: [.Policies[]? | {Name}]}) == ($want[0] | {Description, Policies})' >/dev/null; then
      rm -f "$work/body"
      return 0
    fi
    accessor="$(jq -r '.AccessorID' "$work/response")"
    status="$(call consul PUT "$consul_url/v1/acl/token/$accessor" "$work/body")"
    verb=updated
  elif [ "$status" = 403 ] || [ "$status" = 404 ]; then
    status="$(call consul PUT "$consul_url/v1/acl/token" "$work/body")"
    verb=created
  else
    fail "look up Consul token $3" "$status"
  fi
  rm -f "$work/body"
  case "$status" in
    2??) changes=$((changes + 1)); echo "$verb Consul token $3" ;;
    *) fail "$verb Consul token $3" "$status" ;;
  esac
}
`;
