import { describe, expect, it } from 'vitest';
import { Architecture, DockerImagePin, DockerImageSet, PgDeployment, type DockerImage } from '../../../constructs';
import type { BuiltinPinName } from '../../../constructs/core/builtin-images';
import { BUILTIN_PINS } from '../../../constructs/core/builtin-images';
import type { ImageUse } from '../../../synth/components/component';
import { checkImageArchitectures, checkImageSets } from '../../../synth/rules/images/check-uses';
import type { Report } from '../../../synth/rules/rule';
import { expectDiagnostics, type Expected } from '../../helpers/diagnostics';
import { platform, type Platform } from '../../helpers/platform';

const DIGEST = 'sha256:' + 'ab'.repeat(32);

/** The standard platform with one pin of the user's, `mine`, holding `images`. */
function withPin(images: readonly DockerImage[], set = DockerImageSet.HAPROXY) {
  return platform({ extend: ({ app }) => void new DockerImagePin(app, 'mine', { set, images }) }).app;
}

describe('image pin rules', () => {
  it('passes the standard platform with every built-in pin', () => {
    const p = platform();
    for (const name of Object.keys(BUILTIN_PINS) as BuiltinPinName[]) DockerImagePin.builtin(p.app, name);
    expectDiagnostics(p.app, []);
  });

  it('passes a pin of two architectures from a private registry', () => {
    expectDiagnostics(
      withPin([
        { repository: 'registry.example.com:5000/team/haproxy', digest: DIGEST },
        { repository: 'localhost/haproxy_arm', digest: 'sha256:' + 'cd'.repeat(32), architecture: Architecture.ARM64, tag: '2.7.1' },
      ]),
      [],
    );
  });

  it('fails a digest without sha256:, of the wrong length or with other symbols', () => {
    expectDiagnostics(
      withPin([
        { repository: 'haproxy', digest: 'sha256z:' + 'ab'.repeat(32) },
        { repository: 'haproxy', digest: DIGEST + 'a', architecture: Architecture.ARM64 },
      ]),
      [
        { code: 'images/digest-format', path: 'mine', prop: ['images', 0, 'digest'] },
        { code: 'images/digest-format', path: 'mine', prop: ['images', 1, 'digest'] },
      ],
    );
    expectDiagnostics(withPin([{ repository: 'haproxy', digest: 'sha256:' + 'AB'.repeat(32) }]), [{ code: 'images/digest-format', path: 'mine', prop: ['images', 0, 'digest'] }]);
  });

  it('fails a repository that is not a Docker repository name', () => {
    const bad = ['Haproxy', 'haproxy:2.7.1', 'haproxy@' + DIGEST, '', 'a b', 'team//app', '-app', 'app-', 'registry.example.com:0/app', 'reg$istry.io/app', "x'; rm -rf /", 'a\nb'];
    const p = platform({ extend: ({ app }) => bad.forEach((repository, i) => new DockerImagePin(app, `bad-${i}`, { set: DockerImageSet.NGINX, images: [{ repository, digest: DIGEST }] })) });
    expectDiagnostics(
      p.app,
      bad.map((_, i) => ({ code: 'images/repository-format', path: `bad-${i}`, prop: ['images', 0, 'repository'] })),
    );
  });

  it('fails two images of one architecture', () => {
    expectDiagnostics(
      withPin([
        { repository: 'haproxy', digest: DIGEST },
        { repository: 'haproxy', digest: DIGEST, architecture: Architecture.X86_64 },
      ]),
      [{ code: 'images/one-image-per-architecture', path: 'mine', prop: ['images', 1] }],
    );
  });
});

/** Runs a use check and returns its findings as the rule `code` would report them. */
function usesFindings(code: string, check: (uses: readonly ImageUse[], report: Report) => void, uses: readonly ImageUse[]): Expected[] {
  const found: Expected[] = [];
  check(uses, (construct, _message, extra) => found.push({ code, path: construct.node.path, ...(extra?.prop ? { prop: extra.prop } : {}) }));
  return found;
}

/**
 * Image uses are what components contribute (synth/components/component.ts). These tests build
 * them by hand from real pins; the rules' wiring through planPlatform, with the Postgres component's uses,
 * is the last test of this file.
 */
describe('image use checks', () => {
  function setup(): Platform & { pg: DockerImagePin; haproxy: DockerImagePin; arm: DockerImagePin } {
    const p = platform();
    const arm = new DockerImagePin(p.app, 'haproxy_arm', { set: DockerImageSet.HAPROXY, images: [{ repository: 'haproxy', digest: DIGEST, architecture: Architecture.ARM64 }] });
    return { ...p, pg: DockerImagePin.builtin(p.app, 'pg_15.1'), haproxy: DockerImagePin.builtin(p.app, 'haproxy_default'), arm };
  }
  const use = (pin: DockerImagePin, set: DockerImageSet, origin: ImageUse['origin'], architecture = Architecture.X86_64): ImageUse => ({ pin, set, architecture, origin });

  it('passes pins of the expected set with an image for the architecture', () => {
    const { region, pg, haproxy, arm } = setup();
    const uses = [
      use(pg, DockerImageSet.POSTGRES, { construct: region, prop: ['dockerImagePg'] }),
      use(haproxy, DockerImageSet.HAPROXY, { construct: region }),
      use(arm, DockerImageSet.HAPROXY, { construct: region }, Architecture.ARM64),
    ];
    expect(usesFindings('images/use-expected-set', checkImageSets, uses)).toEqual([]);
    expect(usesFindings('images/use-architecture', checkImageArchitectures, uses)).toEqual([]);
  });

  it('fails a pin of another set, once per choosing prop', () => {
    const { region, dc, haproxy } = setup();
    const uses = [
      use(haproxy, DockerImageSet.POSTGRES, { construct: region, prop: ['dockerImagePg'] }),
      use(haproxy, DockerImageSet.POSTGRES, { construct: region, prop: ['dockerImagePg'] }),
      use(haproxy, DockerImageSet.POSTGRES, { construct: dc }),
    ];
    expect(usesFindings('images/use-expected-set', checkImageSets, uses)).toEqual([
      { code: 'images/use-expected-set', path: 'us-west', prop: ['dockerImagePg'] },
      { code: 'images/use-expected-set', path: 'us-west/dc1' },
    ]);
  });

  it('fails a pin without an image for the architecture', () => {
    const { region, pg, arm } = setup();
    const uses = [use(pg, DockerImageSet.POSTGRES, { construct: region, prop: ['dockerImagePg'] }, Architecture.ARM64), use(arm, DockerImageSet.HAPROXY, { construct: region, prop: ['haproxy'] })];
    expect(usesFindings('images/use-architecture', checkImageArchitectures, uses)).toEqual([
      { code: 'images/use-architecture', path: 'us-west', prop: ['dockerImagePg'] },
      { code: 'images/use-architecture', path: 'us-west', prop: ['haproxy'] },
    ]);
  });

  it('names the pin and what it has in the message', () => {
    const { region, arm } = setup();
    const messages: string[] = [];
    checkImageArchitectures([use(arm, DockerImageSet.HAPROXY, { construct: region })], (_c, m) => messages.push(m));
    checkImageSets([use(arm, DockerImageSet.NGINX, { construct: region })], (_c, m) => messages.push(m));
    expect(messages).toEqual([
      "pin 'haproxy_arm' has no x86_64 image (it has arm64), and the workload runs on x86_64 servers",
      "pin 'haproxy_arm' holds 'haproxy' images, but 'nginx' is needed here",
    ]);
  });
});

describe('image use rules over the components\' uses', () => {
  it('fail a Postgres deployment given a pin of another set, or one without an image for its architecture', () => {
    const p = platform({
      extend: (p) => {
        const volumes = ['server-a', 'server-b'].map((h) => p.servers[h]!.rootVolume('pg'));
        const armOnly = new DockerImagePin(p.app, 'pg_arm', { set: DockerImageSet.POSTGRES, images: [{ repository: 'example/patroni-pg', digest: DIGEST, architecture: Architecture.ARM64 }] });
        new PgDeployment(p.region, 'wrong-set', { instances: volumes, haproxyImage: DockerImagePin.builtin(p.app, 'nginx_default') });
        new PgDeployment(p.region, 'no-x86', { instances: ['server-c', 'server-d'].map((h) => p.servers[h]!.rootVolume('pg')), image: armOnly });
      },
    });
    expectDiagnostics(p.app, [
      { code: 'images/use-expected-set', path: 'us-west/wrong-set', prop: ['haproxyImage'] },
      { code: 'images/use-architecture', path: 'us-west/no-x86', prop: ['image'] },
    ]);
  });
});
