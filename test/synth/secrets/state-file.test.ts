import { describe, expect, it } from 'vitest';
import { parseSecretsState, renderSecretsState } from '../../../synth/secrets/state-file';

describe('the secrets state file', () => {
  it('keeps provisioning ids, in host order, through a round trip', () => {
    const state = { secrets: { 'global/a': 'x' }, rotate: [], provisioning: { 'server-b': { id: 2, digest: 'bb' }, 'server-a': { id: 7, digest: 'aa' } } };
    const text = renderSecretsState(state);
    expect(text.indexOf('server-a:')).toBeLessThan(text.indexOf('server-b:'));
    const parsed = parseSecretsState(text);
    expect(parsed.ok && parsed.state).toEqual({ secrets: { 'global/a': 'x' }, rotate: [], provisioning: { 'server-a': { id: 7, digest: 'aa' }, 'server-b': { id: 2, digest: 'bb' } } });
    expect(parsed.ok && parsed.edited).toBe(false);
  });

  it('writes no provisioning key when there are none', () => {
    expect(renderSecretsState({ secrets: {}, rotate: [], provisioning: {} })).not.toContain('provisioning');
  });

  it('calls provisioning ids of the wrong shape unreadable', () => {
    const text = renderSecretsState({ secrets: { 'global/a': 'x' }, rotate: [], provisioning: { 'server-a': { id: 1, digest: 'aa' } } }).replace('id: 1', 'id: one');
    const parsed = parseSecretsState(text);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.problem).toMatchObject({ kind: 'unreadable', detail: expect.stringContaining('provisioning') });
  });
});
