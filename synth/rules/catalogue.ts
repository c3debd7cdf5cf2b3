import { ENTRY_DIAGNOSTICS } from '../entry-diagnostics';
import { PG_CHECKS } from '../verify/pg/checks';
import { ALERT_CHECKS } from '../verify/alerts/checks';
import { SECRET_DIAGNOSTICS, SECRET_WARNINGS } from '../secrets/diagnostics';
import { CONSTRUCTION_DIAGNOSTICS } from '../construction-diagnostics';
import type { Rule } from './rule';
import { sortedBy } from '../../lib/text/order';

/**
 * Reference errors that cannot happen in epl because the API does not let the mistake be
 * written, with the reason. Listed in the catalogue so every reference error of the covered
 * sections is accounted for.
 */
export const PREVENTED_BY_API: ReadonlyArray<{ readonly reference: string; readonly why: string }> = [
  { reference: 'InvalidNetworkIpV4Subnet', why: 'networks are the fixed values `Network.LAN`, `Network.VPN`, `Network.INTERNET` and `Network.DCROUTER`; their ranges are not user input' },
  { reference: 'NetworkSubnetIsNotTruncated', why: 'applies to datacenter CIDRs only (`net/datacenter-cidr-not-canonical`); network ranges are fixed' },
  { reference: 'NetworkLanDisallowedSubnetValue', why: 'the lan range is fixed at 10.0.0.0/8' },
  { reference: 'NetworkVpnDisallowedSubnetValue', why: 'the vpn range is fixed at 172.21.0.0/16' },
  { reference: 'NetworkDcrouterDisallowedSubnetValue', why: 'the dcrouter range is fixed at 10.0.0.0/8' },
  { reference: 'SubnetOverlapAcrossNetworks', why: 'the fixed network ranges do not overlap (lan and dcrouter share 10.0.0.0/8 by design)' },
  { reference: 'InvalidServerSubinterfaceBelongsToSameParentNetwork', why: 'sub-interfaces (`eth0:1`) are not supported; `net/invalid-interface-name` rejects them' },
  { reference: 'MoreThanOneDatacenterButNoVpnNetworkToConnectThem', why: 'the vpn network is the fixed value `Network.VPN` and always exists; that every datacenter joins it is `vpn/datacenter-gateway-count` with `vpn/gateway-without-vpn-interface`' },
  { reference: 'UnsupportedEdenPlatformServerArchitecture', why: 'a server kind\'s architecture is the `Architecture` enum (x86_64 or arm64); another value is a `props/wrong-type` error' },
  { reference: 'EnvironmentMustHaveExactlyOneGlobalSettingsRow', why: 'global settings are the props of the single `App`' },
  { reference: 'ServerZpoolVdevsIdSequenceDoesntStartWith1', why: 'vdevs are an array; their numbers are their positions' },
  { reference: 'ServerZpoolVdevsIdsAreNotSequential', why: 'vdevs are an array; their numbers are their positions' },
  { reference: 'DnsMiscCnameRecordTooManyValues', why: 'a CNAME has exactly one target (`cnameRecords: { sub: target }`); several CNAMEs at one name are invalid DNS' },
  { reference: 'PgTransactionWithoutMutatorsMustBeMarkedAsReadOnly', why: "a transaction's read-only flag is derived from its steps" },
  { reference: 'PgTransactionReadOnlyTransactionHasMutators', why: "a transaction's read-only flag is derived from its steps" },
  { reference: 'PgWhitespaceForbiddenInQueryArguments', why: 'arguments are typed values in the `sql` template, not text' },
  { reference: 'PgUnsupportedArgumentType', why: 'argument types are the `arg.*` builders' },
  { reference: 'PgArgumentTypeUnspecifiedAtLeastOnce', why: 'every argument is written with its type' },
  { reference: 'PgQueryParsingError', why: 'queries are `sql` templates, not parsed text' },
  { reference: 'PgCantDeserializeTestDataset', why: 'datasets, arguments and expected rows are typed objects, not YAML' },
  { reference: 'PgCantParseTestArguments', why: 'datasets, arguments and expected rows are typed objects, not YAML' },
  { reference: 'PgCantParseTestOutputs', why: 'datasets, arguments and expected rows are typed objects, not YAML' },
  { reference: 'PgResultingDatasetForMutatorTestIsUndefined', why: '`resultingData` is a required prop of a mutator test' },
  { reference: 'PgCantDeserializeMutatorResultingData', why: 'datasets, arguments and expected rows are typed objects, not YAML' },
  { reference: 'BwTypeSnapshotSyntaxError', why: 'snapshots are built with `t.*` builders, not parsed text' },
  { reference: 'BwTypeSnapshotDuplicateFields', why: 'snapshot fields are keys of an object literal, which cannot repeat' },
  { reference: 'ApplicationPgWiringInvalidFormat', why: 'wiring is an object of shard names to database objects, not text' },
  { reference: 'ApplicationPgWiringTargetDbDeploymentDoesntExist', why: 'wiring targets are database objects' },
  { reference: 'ApplicationPgWiringApplicationShardDefinedMultipleTimes', why: 'wiring is an object; a key cannot repeat' },
  { reference: 'ApplicationStreamsWiringInvalidFormat', why: '`streams` is an object of app stream names to NatsStream objects, not text' },
  { reference: 'ApplicationStreamWiringTargetStreamDoesntExist', why: 'stream wiring targets are NatsStream objects' },
  { reference: 'ApplicationStreamWiringApplicationStreamDefinedMultipleTimes', why: '`streams` is an object; a key cannot repeat' },
  { reference: 'ApplicationBucketWiringInvalidFormat', why: '`buckets` is an object of app bucket names to MinioBucket objects, not text' },
  { reference: 'ApplicationBucketWiringTargetBucketDoesntExist', why: 'bucket wiring targets are MinioBucket objects' },
  { reference: 'ApplicationBucketWiringApplicationBucketDefinedMultipleTimes', why: '`buckets` is an object; a key cannot repeat' },
  { reference: 'ServerKindSpecifiedOnServerDoesntExist', why: 'a server kind is an object reference; only a missing kind remains (`servers/no-server-kind`)' },
];

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** Renders docs/errors.md: every rule's code, severity, title and explanation. */
export function renderErrorCatalogue(rules: readonly Rule[]): string {
  const byDomain = new Map<string, Rule[]>();
  for (const rule of rules) {
    const domain = rule.code.split('/')[0]!;
    byDomain.set(domain, [...(byDomain.get(domain) ?? []), rule]);
  }
  const out: string[] = [
    '# Error catalogue',
    '',
    '<!-- Generated from synth/rules by `npm run docs`. Do not edit; a test fails when it is stale. -->',
    '',
    `epl checks ${rules.length} rules on every \`epl synth\` and \`epl validate\`. Each finding names its code, the`,
    'construct path and the line of your code that created the construct (or wrote the prop).',
    'Warnings can be acknowledged on a construct and everything below it:',
    '',
    '```ts',
    "app.acknowledgeWarning('meta/no-admin-ssh-keys', 'test VMs are reached with the generated key');",
    '```',
    '',
    '| code | severity | rule |',
    '|---|---|---|',
    ...rules.map((r) => `| [\`${r.code}\`](#${r.code.replace(/\//g, '').replace(/[^a-z0-9-]/g, '')}) | ${r.severity} | ${escapeCell(r.title)} |`),
    '',
    `After the rules pass, ${Object.keys(PG_CHECKS).length} more checks run every Postgres schema against a real database (PGlite, embedded; see [postgres.md](postgres.md)):`,
    '',
    '| code | severity | check |',
    '|---|---|---|',
    ...Object.values(PG_CHECKS).map((c) => `| [\`${c.code}\`](#${c.code.replace(/\//g, '').replace(/[^a-z0-9-]/g, '')}) | error | ${escapeCell(c.title)} |`),
    '',
    `Then ${Object.keys(ALERT_CHECKS).length} checks run the alerts and their trigger tests with promtool (see [alerts.md](alerts.md)):`,
    '',
    '| code | severity | check |',
    '|---|---|---|',
    ...Object.values(ALERT_CHECKS).map((c) => `| [\`${c.code}\`](#${c.code.replace(/\//g, '').replace(/[^a-z0-9-]/g, '')}-promtool) | ${c === ALERT_CHECKS.promtoolMissing ? 'warning' : 'error'} | ${escapeCell(c.title)} |`),
    '',
  ];
  for (const [domain, list] of sortedBy(byDomain, ([domain]) => domain)) {
    out.push(`## ${domain}`, '');
    for (const r of sortedBy(list, (r) => r.code)) {
      out.push(`### ${r.code}`, '', `**${r.severity}** — ${r.title}.`, '', r.doc, '');
      if (r.reference?.length) out.push(`Reference: ${r.reference.map((x) => `\`${x}\``).join(', ')}.`, '');
    }
  }
  out.push('## pg (against a database)', '');
  for (const c of sortedBy(Object.values(PG_CHECKS), (c) => c.code)) {
    out.push(`### ${c.code}`, '', `**error** — ${c.title}.`, '', c.doc, '');
    if (c.reference?.length) out.push(`Reference: ${c.reference.map((x) => `\`${x}\``).join(', ')}.`, '');
  }
  out.push('## alerts (promtool)', '');
  for (const c of sortedBy(Object.values(ALERT_CHECKS), (c) => c.code)) {
    out.push(`### ${c.code} (promtool)`, '', `**${c === ALERT_CHECKS.promtoolMissing ? 'warning (error with EPL_REQUIRE_TOOLS=1)' : 'error'}** — ${c.title}.`, '', c.doc, '');
    if ('reference' in c && c.reference?.length) out.push(`Reference: ${c.reference.map((x) => `\`${x}\``).join(', ')}.`, '');
  }
  out.push('## entry', '', 'Problems with the entry file itself, reported before any rule runs:', '');
  for (const e of Object.values(ENTRY_DIAGNOSTICS)) out.push(`### ${e.code}`, '', `**error** — ${e.title}.`, '', e.doc, '');
  out.push('## props', '', 'Mistakes in how the construct tree was built, found as constructs are made. A prop of the wrong type, a missing prop or a construct in the wrong scope stops the rules from running (they would trip over the same mistake); unknown props and duplicate ids do not:', '');
  for (const e of Object.values(CONSTRUCTION_DIAGNOSTICS)) out.push(`### ${e.code}`, '', `**error** — ${e.title}.`, '', e.doc, '');
  out.push('## ts', '', '### ts/TS<number>', '', '**error** — The entry type-checks.', '', 'synth and validate type-check the entry and the files of yours it imports with the TypeScript compiler (your tsconfig.json, when there is one) and report each type error with the compiler\'s code, e.g. `ts/TS2322` for a value of the wrong type or `ts/TS2353` for an unknown prop ("Did you mean ..."). `--no-typecheck` skips the check; results are cached by content hash.', '');
  out.push('## secrets', '', 'Problems with the secrets state (the secrets file and the keys the output was made with):', '');
  for (const e of Object.values(SECRET_DIAGNOSTICS)) out.push(`### ${e.code}`, '', `**${SECRET_WARNINGS.has(e.code) ? 'warning' : 'error'}** — ${e.title}.`, '', e.doc, '');
  out.push('## Prevented by the API', '', 'These errors of the reference platform cannot be written in epl:', '', '| reference error | why |', '|---|---|');
  for (const p of PREVENTED_BY_API) out.push(`| \`${p.reference}\` | ${escapeCell(p.why)} |`);
  out.push('');
  return out.join('\n');
}
