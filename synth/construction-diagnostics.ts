import type { IConstruct } from 'constructs';
import type { App } from '../constructs/core/app';
import { EplConstruct } from '../constructs/core/epl-construct';
import { propProblemsOf, type PropProblem } from '../constructs/core/props';
import type { Diagnostic } from '../lib/diagnostics/types';
import { describeThrown } from '../lib/diagnostics/thrown';

/** Codes of the diagnostics about how constructs were made (before any rule runs). */
export const CONSTRUCTION_DIAGNOSTICS = {
  unknownProp: {
    code: 'props/unknown-prop',
    title: 'Every prop is one the construct knows',
    doc: "A prop the construct's props interface does not have is most often a typo (`consulMastr`), which would otherwise be silently ignored. The message suggests the prop you probably meant. TypeScript reports these too; in JavaScript this check is the only one.",
  },
  wrongType: {
    code: 'props/wrong-type',
    title: 'Every prop has the type its interface says',
    doc: 'A value of another kind than the prop takes — a string where a `Network` is expected (`Network.LAN`), a number where a `Size` is (`Size.gibibytes(100)`), a string for a `ServerKind` object — would break checks and outputs later, so it is reported where it was written.',
  },
  missingProp: {
    code: 'props/missing-prop',
    title: 'Every required prop is given',
    doc: 'The props interface marks the prop as required (no `?`); give it.',
  },
  duplicateId: {
    code: 'props/duplicate-id',
    title: 'Ids are unique within a scope',
    doc: 'Two constructs in one scope have the same id (two regions named `us-west`, two servers with one hostname in a datacenter). Both places are reported; every other finding is still reported too.',
  },
  wrongScope: {
    code: 'props/wrong-scope',
    title: 'Constructs are created inside the scope they belong to',
    doc: 'A Server belongs inside a Datacenter, a Datacenter inside a Region, a deployment inside a Region. Constructs of your own may sit in between (a construct grouping servers inside a datacenter), but the scope must be there.',
  },
  tooDeep: {
    code: 'props/too-deep',
    title: 'The platform does not nest deeper than epl can check',
    doc: 'Checking or rendering the platform ran out of stack: something nests thousands of levels deep (the structs of a versioned type, say). Flatten it.',
  },
  userValidation: {
    code: 'user/validation',
    title: 'Validations added with node.addValidation pass',
    doc: "Messages returned by validations you added to a construct (`construct.node.addValidation({ validate: () => [...] })`) are reported as errors at that construct, with epl's own findings.",
  },
} as const;

/** Mistakes that leave a tree rules cannot check (values they would read are missing or of another kind). */
export const BLOCKING_CONSTRUCTION_CODES: ReadonlySet<string> = new Set([
  CONSTRUCTION_DIAGNOSTICS.wrongType.code,
  CONSTRUCTION_DIAGNOSTICS.missingProp.code,
  CONSTRUCTION_DIAGNOSTICS.wrongScope.code,
]);

const CODE_OF: Readonly<Record<PropProblem['kind'], string>> = {
  unknown: CONSTRUCTION_DIAGNOSTICS.unknownProp.code,
  'wrong-type': CONSTRUCTION_DIAGNOSTICS.wrongType.code,
  missing: CONSTRUCTION_DIAGNOSTICS.missingProp.code,
  'duplicate-id': CONSTRUCTION_DIAGNOSTICS.duplicateId.code,
  'wrong-scope': CONSTRUCTION_DIAGNOSTICS.wrongScope.code,
};

function where(c: IConstruct) {
  return { path: c.node.path, ...(EplConstruct.isEplConstruct(c) && c.creationLocation ? { location: c.creationLocation } : {}) };
}

/**
 * Mistakes in how the tree was built: props that do not match their types, ids taken twice,
 * constructs in scopes they cannot be in (recorded by the constructs as they were made).
 */
export function constructionDiagnostics(app: App): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const c of app.node.findAll()) {
    for (const p of propProblemsOf(c)) {
      const related = p.related && EplConstruct.isEplConstruct(p.related) ? [{ message: 'first defined here', ...where(p.related) }] : undefined;
      out.push({ code: CODE_OF[p.kind], severity: 'error', message: p.message, ...where(c), ...(p.prop.length ? { prop: p.prop } : {}), ...(related ? { related } : {}) });
      if (p.kind === 'duplicate-id' && p.related && EplConstruct.isEplConstruct(p.related)) {
        out.push({ code: CODE_OF[p.kind], severity: 'error', message: `${p.message}; defined again at another line`, ...where(p.related), related: [{ message: 'defined again here', ...where(c) }] });
      }
    }
  }
  return out;
}

/** Messages of the validations users added with `node.addValidation`, as diagnostics. */
export function userValidationDiagnostics(app: App): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const c of app.node.findAll()) {
    let messages: string[];
    try {
      messages = c.node.validate();
    } catch (e) {
      messages = [`a validation threw: ${describeThrown(e).message}`];
    }
    for (const m of messages) out.push({ code: CONSTRUCTION_DIAGNOSTICS.userValidation.code, severity: 'error', message: String(m), ...where(c) });
  }
  return out;
}

/** The diagnostic for a platform nested too deeply to check. */
export function tooDeepDiagnostic(): Diagnostic {
  return { code: CONSTRUCTION_DIAGNOSTICS.tooDeep.code, severity: 'error', message: 'checking the platform ran out of stack: something nests too deeply (the structs of a versioned type, say); flatten it', path: '' };
}

/** Whether `e` is V8 running out of stack. */
export function isStackOverflow(e: unknown): boolean {
  return e instanceof RangeError && /call stack/i.test(e.message);
}

/**
 * Runs `fn`; a stack overflow in it (a tree nested thousands of levels deep) becomes a diagnostic
 * instead of a crash. Anything else thrown is a bug in epl and goes on.
 */
export async function guardDepth<T>(fn: () => Promise<T>, onOverflow: (d: Diagnostic) => T): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (!isStackOverflow(e)) throw e;
    return onOverflow(tooDeepDiagnostic());
  }
}
