import { describe, expect, it } from 'vitest';
import { App, Architecture, DockerImagePin, DockerImageSet } from '../../../constructs';
import { BUILTIN_PINS } from '../../../constructs/core/builtin-images';
import { findings } from '../../helpers/diagnostics';

const newApp = () => new App({ projectName: 'p', adminEmail: 'a@b.cd' });

describe('DockerImagePin', () => {
  it('returns the same built-in pin when asked twice, from any scope of the app', () => {
    const app = newApp();
    const first = DockerImagePin.builtin(app, 'pg_15.1');
    expect(DockerImagePin.builtin(app, 'pg_15.1')).toBe(first);
    expect(first.node.path).toBe('pg_15.1');
    expect(DockerImagePin.builtin(newApp(), 'pg_15.1')).not.toBe(first);
  });

  it('gives Docker the image of an architecture by digest', () => {
    const pin = DockerImagePin.builtin(newApp(), 'haproxy_default');
    expect(pin.set).toBe(DockerImageSet.HAPROXY);
    expect(pin.imageFor(Architecture.X86_64)).toBe('haproxy@sha256:ebdd23975d25d1fb360ee54f81af26ca9fff6fa05516d43980c99ee5a88ff56e');
    expect(pin.imageFor(Architecture.ARM64)).toBeUndefined();
  });

  it('ships a pin for every image set, Postgres in two versions', () => {
    const pins = Object.values(BUILTIN_PINS);
    expect(new Set(pins.map((p) => p.set))).toEqual(new Set(Object.values(DockerImageSet)));
    expect(pins.filter((p) => p.set === DockerImageSet.POSTGRES).map((p) => p.images[0]!.tag)).toEqual(['v2.1.4-pg15.1', 'v4.0.4-pg17.2']);
    expect(Object.keys(BUILTIN_PINS)).toHaveLength(19);
  });

  it('reports a pin of the user with a built-in pin\'s name instead of replacing it', () => {
    const app = newApp();
    const builtin = DockerImagePin.builtin(app, 'nginx_default');
    new DockerImagePin(app, 'nginx_default', { set: DockerImageSet.NGINX, images: [] });
    expect(DockerImagePin.builtin(app, 'nginx_default')).toBe(builtin);
    expect(findings(app).some((d) => d.path === 'nginx_default#2')).toBe(true);
  });

  it('reports a built-in name epl does not ship (plain JavaScript) as a diagnostic, not an exception', () => {
    const app = newApp();
    const pin = DockerImagePin.builtin(app, 'pg_16' as never);
    expect(pin.images).toEqual([]);
    const found = findings(app).filter((d) => d.path === 'pg_16');
    expect(found.map((d) => d.code)).toEqual(['props/wrong-type']);
    expect(found[0]!.message).toContain("'pg_16' is not a built-in pin");
  });
});
