import { describe, expect, it } from 'vitest';
import { dockerRepositoryProblem, SHA256_DIGEST } from '../../../lib/formats/docker';

describe('Docker repository names', () => {
  it('accepts names Docker accepts', () => {
    for (const name of ['haproxy', 'cultleader777/patroni-pg', 'quay.io/prometheuscommunity/postgres-exporter', 'epl-docker-registry.service.consul:5000/wookie', 'localhost/a', 'Registry.Example.com/a/b/c', 'a__b', 'a.b_c--d']) {
      expect([name, dockerRepositoryProblem(name)]).toEqual([name, undefined]);
    }
  });

  it('rejects upper case, tags, digests, empty components and bad ports with a reason', () => {
    expect(dockerRepositoryProblem('Haproxy')).toMatch(/path component 'Haproxy'/);
    expect(dockerRepositoryProblem('haproxy:2.7.1')).toMatch(/holds a tag/);
    expect(dockerRepositoryProblem('grafana/loki:2.9.9')).toMatch(/holds a tag/);
    expect(dockerRepositoryProblem('nginx@sha256:' + '0'.repeat(64))).toMatch(/holds a digest/);
    expect(dockerRepositoryProblem('a//b')).toMatch(/path component ''/);
    expect(dockerRepositoryProblem('host.io:99999/a')).toMatch(/bad port/);
    expect(dockerRepositoryProblem('host.io:1:2/a')).toMatch(/not a host name/);
    expect(dockerRepositoryProblem('a'.repeat(256))).toMatch(/255/);
    expect(dockerRepositoryProblem('a_-b')).toMatch(/path component/);
  });

  it('matches sha256 digests only', () => {
    expect(SHA256_DIGEST.test('sha256:' + 'a'.repeat(64))).toBe(true);
    expect(SHA256_DIGEST.test('sha256:' + 'a'.repeat(63))).toBe(false);
    expect(SHA256_DIGEST.test('sha512:' + 'a'.repeat(64))).toBe(false);
  });
});
