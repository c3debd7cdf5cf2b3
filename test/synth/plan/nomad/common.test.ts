import { describe, expect, it } from 'vitest';
import { Architecture } from '../../../../constructs';
import { archConstraint } from '../../../../synth/plan/nomad/common';

describe('archConstraint', () => {
  it("matches what Nomad reports as attr.kernel.arch (uname -m), not epl's names", () => {
    expect(archConstraint(Architecture.X86_64)).toEqual({ attribute: '${attr.kernel.arch}', value: 'x86_64' });
    expect(archConstraint(Architecture.ARM64)).toEqual({ attribute: '${attr.kernel.arch}', value: 'aarch64' });
  });
});
