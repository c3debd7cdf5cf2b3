import { Architecture } from '../../../constructs/core/enums';
import { defineRule } from '../rule';
import { MIN_SERVER_MEMORY_MIB, MIN_WORKLOAD_MEMORY_MIB, SYSTEM_RESERVED_MEMORY_MIB } from './memory-floor';

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

export const serverKindMemoryTooSmall = defineRule({
  code: 'servers/server-kind-memory-too-small',
  severity: 'error',
  title: `A server's kind has at least ${MIN_SERVER_MEMORY_MIB} MiB of memory`,
  doc: `Every server runs the platform's own services in about ${SYSTEM_RESERVED_MEMORY_MIB} MiB; with less than ${MIN_WORKLOAD_MEMORY_MIB} MiB left over it cannot host any workload, and the kernel kills system services under load. Use a kind with at least ${MIN_SERVER_MEMORY_MIB} MiB (\`memoryMiB\`). Kinds no server uses are not checked.`,
  reference: ['NodeKindCannotBeUsedInEdenPlatform'],
  check(model, report) {
    for (const s of model.servers) {
      const kind = s.effectiveKind;
      // Below 128 MiB, or not a whole number, `servers/invalid-server-kind-memory` says it already.
      if (!kind || !Number.isInteger(kind.memoryMiB) || kind.memoryMiB < 128 || kind.memoryMiB >= MIN_SERVER_MEMORY_MIB) continue;
      report(s, `server '${s.hostname}' uses kind '${kind.kindName}' with ${kind.memoryMiB} MiB of memory; a server needs at least ${MIN_SERVER_MEMORY_MIB} MiB (${SYSTEM_RESERVED_MEMORY_MIB} MiB for the system + ${MIN_WORKLOAD_MEMORY_MIB} MiB for workloads)`, {
        prop: ['kind'],
        related: [{ construct: kind, prop: ['memoryMiB'], message: `memory of '${kind.kindName}'` }],
      });
    }
  },
});

export const arm64NotEnabled = defineRule({
  code: 'servers/arm64-not-enabled',
  severity: 'error',
  title: 'Servers are arm64 only when the App opts in',
  doc: "epl's configurations and pinned images are tested on x86_64. An arm64 server kind is accepted only with `experimentalArm64Support: true` on the App, so that a kind taken from a catalogue does not change the architecture by accident.",
  reference: ['Arm64ServerKindsAreNotSupportedYet'],
  check(model, report) {
    if (model.app.experimentalArm64Support) return;
    for (const s of model.servers) {
      const kind = s.effectiveKind;
      if (kind?.architecture !== Architecture.ARM64) continue;
      report(s, `server '${s.hostname}' uses arm64 kind '${kind.kindName}'; set experimentalArm64Support on the App to allow arm64 servers`, {
        prop: ['kind'],
        related: [{ construct: kind, prop: ['architecture'], message: `architecture of '${kind.kindName}'` }],
      });
    }
  },
});
