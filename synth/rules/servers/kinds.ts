import { defineRule } from '../rule';

export const noServerKind = defineRule({
  code: 'servers/no-server-kind',
  severity: 'error',
  title: 'Every server has a kind',
  doc: 'The kind gives cores, memory and architecture, which placement needs. Give the server a `kind`, or its datacenter a `defaultServerKind`.',
  reference: ['ServerKindSpecifiedOnServerDoesntExist'],
  check(model, report) {
    for (const s of model.servers) {
      if (!s.effectiveKind) report(s, `server '${s.hostname}' has no kind and datacenter '${s.datacenter.dcName}' has no defaultServerKind`, { prop: ['kind'] });
    }
  },
});

export const serverKindNotEligible = defineRule({
  code: 'servers/server-kind-not-eligible',
  severity: 'error',
  title: 'Servers do not use a kind marked not eligible',
  doc: 'Some machine kinds cannot run the platform (too little memory, an unsupported CPU); such kinds carry a reason.',
  reference: ['NodeKindCannotBeUsedInEdenPlatform'],
  check(model, report) {
    for (const s of model.servers) {
      const kind = s.effectiveKind;
      if (kind?.nonEligibleReason) report(s, `server '${s.hostname}' uses kind '${kind.kindName}', which cannot be used: ${kind.nonEligibleReason}`, { prop: ['kind'] });
    }
  },
});

export const invalidServerKindCores = defineRule({
  code: 'servers/invalid-server-kind-cores',
  severity: 'error',
  title: 'A server kind has 1 to 1024 cores',
  doc: 'Core counts are whole numbers from 1 to 1024.',
  check(model, report) {
    for (const k of model.serverKinds) {
      if (!Number.isInteger(k.cores) || k.cores < 1 || k.cores > 1024) report(k, `server kind '${k.kindName}' has ${k.cores} cores, expected a whole number from 1 to 1024`, { prop: ['cores'] });
    }
  },
});

export const invalidServerKindMemory = defineRule({
  code: 'servers/invalid-server-kind-memory',
  severity: 'error',
  title: 'A server kind has 128 MiB to 64 TiB of memory',
  doc: 'Memory is given in MiB, as a whole number from 128 (128 MiB) to 67108864 (64 TiB).',
  check(model, report) {
    for (const k of model.serverKinds) {
      if (!Number.isInteger(k.memoryMiB) || k.memoryMiB < 128 || k.memoryMiB > 64 * 1024 * 1024) {
        report(k, `server kind '${k.kindName}' has ${k.memoryMiB} MiB of memory, expected a whole number from 128 to 67108864`, { prop: ['memoryMiB'] });
      }
    }
  },
});
