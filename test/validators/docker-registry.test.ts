import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import app from '../../examples/single-dc/epl';
import { DockerRegistry } from '../../constructs';
import { buildModel } from '../../synth/model/build-model';
import { planPlatform } from '../../synth/plan/platform';
import { renderNomadJob } from '../../synth/emit/nomad/job-hcl';
import { nomadJobFileName, appImagePlaceholder } from '../../synth/plan/nomad/job';
import { IMAGE_NIX, PUSH_STEP, BUILD_STEP, registryConfigYml } from '../../synth/components/docker-registry';
import { REGISTRY_ADDRESS } from '../../synth/components/docker-registry/names';
import { freePorts } from '../helpers/ports';
import { hasTool, nixEnv, runTool } from '../helpers/tools';
import { parseHcl } from '../helpers/hcl';
import { PLACEHOLDER_MARK } from '../../synth/emit/l2';

/**
 * The region registry and the image push of examples/single-dc against the real tools: Debian's
 * docker-registry (the distribution registry the `registry` image runs) serves the generated
 * config.yml, and the generated stage-50 script pushes a hand-made image to it with skopeo.
 */

const model = buildModel(app);
const plan = planPlatform(model);
const registry = model.ofType(DockerRegistry)[0]!;
const step = (name: string) => plan.l2Steps.find((s) => s.name === name)!.script;
const appJobs = plan.jobs.filter((j) => j.stage === 'app' && j.job.region === 'us-west');
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'epl-registry-'));

/** The config template with every Vault read replaced by a test value (quoted as `toJSON` does). */
function renderConfig(text: string): string {
  const out = text.replace(/\{\{ with secret "epl\/data\/epl\/docker-registry\/storage" \}\}\{\{ \.Data\.data\.([a-z0-9_]+) \| toJSON \}\}\{\{ end \}\}/g, (_, field: string) => JSON.stringify(`test-${field}-"quoted"\\:#{}`));
  expect(out).not.toContain('{{');
  return out;
}

/** The environment of the tools: this one without the CA override the AWS SDK in the registry refuses. */
function toolEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, LC_ALL: 'C.UTF-8', ...extra };
  delete env.AWS_CA_BUNDLE;
  return env;
}

interface Running {
  readonly address: string;
  readonly debug: string;
  readonly child: ChildProcess;
  readonly log: () => string;
}
const started: ChildProcess[] = [];

/** `docker-registry serve config` on two free loopback ports, once it answers `/`. */
async function serve(config: string, name: string): Promise<Running> {
  const file = path.join(root, `${name}.yml`);
  fs.writeFileSync(file, config);
  const [port, debugPort] = await freePorts(2);
  const address = `127.0.0.1:${port}`;
  const debug = `127.0.0.1:${debugPort}`;
  let output = '';
  const child = spawn('docker-registry', ['serve', file], {
    env: toolEnv({ REGISTRY_HTTP_ADDR: address, REGISTRY_HTTP_DEBUG_ADDR: debug, REGISTRY_HTTP_SECRET: 'test-http-secret' }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push(child);
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) break;
    const ok = await fetch(`http://${address}/`).then((r) => r.status === 200, () => false);
    if (ok) return { address, debug, child, log: () => output };
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`docker-registry did not start: ${output}`);
}

afterAll(() => {
  for (const c of started) if (c.exitCode === null) c.kill('SIGTERM');
});

const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');

/**
 * A one-layer image as a docker-archive (what dockerTools.buildLayeredImage builds, uncompressed):
 * an OCI layout written here (layer tarball, config, manifest), converted by skopeo.
 */
function buildArchive(name: string, content: string): string {
  const dir = path.join(root, name);
  const blobs = path.join(dir, 'oci', 'blobs', 'sha256');
  fs.mkdirSync(path.join(dir, 'layer'), { recursive: true });
  fs.mkdirSync(blobs, { recursive: true });
  fs.writeFileSync(path.join(dir, 'layer', 'hello.txt'), content);
  const tar = runTool('tar', ['--sort=name', '--mtime=@0', '--owner=0', '--group=0', '--numeric-owner', '-cf', path.join(dir, 'layer.tar'), '-C', path.join(dir, 'layer'), '.']);
  expect(tar.status, tar.stderr).toBe(0);
  const blob = (data: Buffer | string) => {
    const digest = sha256(data);
    fs.writeFileSync(path.join(blobs, digest), data);
    return { digest: `sha256:${digest}`, size: Buffer.byteLength(data) };
  };
  const layer = blob(fs.readFileSync(path.join(dir, 'layer.tar')));
  const config = blob(JSON.stringify({ architecture: 'amd64', os: 'linux', config: { Entrypoint: ['/hello'] }, rootfs: { type: 'layers', diff_ids: [layer.digest] } }));
  const manifest = blob(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', ...config },
      layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar', ...layer }],
    }),
  );
  fs.writeFileSync(path.join(dir, 'oci', 'oci-layout'), JSON.stringify({ imageLayoutVersion: '1.0.0' }));
  fs.writeFileSync(path.join(dir, 'oci', 'index.json'), JSON.stringify({ schemaVersion: 2, manifests: [{ mediaType: 'application/vnd.oci.image.manifest.v1+json', ...manifest, annotations: { 'org.opencontainers.image.ref.name': 'build' } }] }));
  const policy = path.join(root, 'policy.json');
  fs.writeFileSync(policy, JSON.stringify({ default: [{ type: 'insecureAcceptAnything' }] }));
  const archive = path.join(dir, 'hello-world.tar');
  const copy = runTool('skopeo', ['--policy', policy, 'copy', '--quiet', `oci:${path.join(dir, 'oci')}:build`, `docker-archive:${archive}:epl-app/hello-world:build`], { env: toolEnv() as Record<string, string> });
  expect(copy.status, copy.stderr).toBe(0);
  return archive;
}

describe('docker registry of examples/single-dc', () => {
  it('image.nix parses (nix-instantiate --parse; nixpkgs is not here to evaluate it)', () => {
    if (!hasTool('nix-instantiate')) return;
    const file = path.join(root, 'image.nix');
    fs.writeFileSync(file, IMAGE_NIX);
    const r = runTool('nix-instantiate', ['--parse', file], { env: nixEnv() });
    expect(r.errors, r.stderr).toEqual([]);
    expect(r.status, r.stderr).toBe(0);
    // The argument turned into paths is the same syntax the build evaluates: `/. + "/abs"`.
    const e = runTool('nix-instantiate', ['--eval', '--expr', 'toString (/. + "/srv/apps/hello-world")'], { env: nixEnv() });
    expect(e.stdout.trim()).toBe('"/srv/apps/hello-world"');
  });

  it('the stage-40 build and stage-50 push scripts pass shellcheck', () => {
    if (!hasTool('shellcheck')) return;
    for (const name of [BUILD_STEP, PUSH_STEP]) {
      const file = path.join(root, `${name}.sh`);
      fs.writeFileSync(file, step(name));
      const r = runTool('shellcheck', ['--severity=style', file]);
      expect(r.stdout, name).toBe('');
      expect(r.status, name).toBe(0);
    }
  });

  it('docker-registry starts with the generated config and its S3 storage without reaching MinIO, and serves metrics', async () => {
    if (!hasTool('docker-registry')) return;
    const config = parse(renderConfig(registryConfigYml(registry)));
    expect(config.storage.s3).toMatchObject({ accesskey: 'docker-registry-us-west', bucket: 'docker', regionendpoint: 'http://epl-minio-global.service.consul:9002', secure: false });
    expect(config.storage.s3.secretkey).toBe('test-s3_secret_key-"quoted"\\:#{}');
    // Nothing listens there: the registry needs its bucket only for requests that touch storage.
    config.storage.s3.regionendpoint = `http://127.0.0.1:${(await freePorts(1))[0]}`;
    const reg = await serve(stringify(config), 's3');
    expect((await fetch(`http://${reg.address}/v2/`)).status).toBe(200);
    const metrics = await fetch(`http://${reg.debug}/metrics`);
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toMatch(/^go_goroutines /m);
    expect(reg.log()).toContain('backend redirection disabled');
    expect(reg.log()).not.toMatch(/level=(error|fatal|panic)/);
    reg.child.kill('SIGTERM');
  });

  describe('stage 50 against the registry with its storage on the filesystem', () => {
    let reg: Running;
    let l2: string;
    let images: string;
    const jobFile = () => path.join(l2, 'nomad-jobs', nomadJobFileName(appJobs[0]!.job));
    const record = () => path.join(images, 'hello-world', 'image-x86_64.pushed');
    const push = () => {
      const r = runTool('sh', [path.join(l2, 'scripts', `${PUSH_STEP}.sh`)], {
        env: toolEnv({ EPL_TEST_REGISTRY_ADDRESS: reg.address, EPL_APP_IMAGES_DIR: images, EPL_L2_WAIT_TRIES: '5' }) as Record<string, string>,
      });
      expect(r.status, r.stderr).toBe(0);
      return r.stdout;
    };
    const manifestDigest = async (tag: string) => {
      const r = await fetch(`http://${reg.address}/v2/epl-app/hello-world/manifests/${tag}`, {
        method: 'HEAD',
        headers: { Accept: 'application/vnd.docker.distribution.manifest.v2+json, application/vnd.oci.image.manifest.v1+json' },
      });
      expect(r.status).toBe(200);
      return r.headers.get('docker-content-digest');
    };

    beforeAll(async () => {
      if (!hasTool('docker-registry') || !hasTool('skopeo')) return;
      const config = parse(renderConfig(registryConfigYml(registry)));
      // The generated config with its storage swapped for a directory; the rest as generated.
      config.storage = { ...config.storage, filesystem: { rootdirectory: path.join(root, 'storage') } };
      delete config.storage.s3;
      reg = await serve(stringify(config), 'filesystem');
      l2 = path.join(root, 'l2');
      images = path.join(root, 'images');
      fs.mkdirSync(path.join(l2, 'scripts'), { recursive: true });
      fs.mkdirSync(path.join(l2, 'nomad-jobs'), { recursive: true });
      fs.mkdirSync(path.join(images, 'hello-world'), { recursive: true });
      fs.writeFileSync(path.join(l2, 'scripts', `${PUSH_STEP}.sh`), step(PUSH_STEP), { mode: 0o755 });
      for (const j of appJobs) fs.writeFileSync(path.join(l2, 'nomad-jobs', nomadJobFileName(j.job)), renderNomadJob(j.job));
      // Stage 40's out-link: the image, as nix-build leaves it.
      fs.symlinkSync(buildArchive('one', 'hello, world\n'), path.join(images, 'hello-world', 'image-x86_64'));
    }, 60_000);

    it('pushes the image, records the digest the registry has and puts it into the job file; a second run changes nothing', async () => {
      if (!hasTool('docker-registry') || !hasTool('skopeo')) return;
      expect(appJobs.map((j) => nomadJobFileName(j.job))).toEqual(['apps_app-test-hello-world.hcl']);
      expect(fs.readFileSync(jobFile(), 'utf8')).toContain(`image = "${appImagePlaceholder('x86_64', 'hello-world')}"`);
      const first = push();
      expect(first).toMatch(/pushed epl-app\/hello-world:x86_64-[0-9a-f]{32} as sha256:[0-9a-f]{64}\n/);
      const [tag, digest] = fs.readFileSync(record(), 'utf8').trim().split(' ');
      expect(tag).toBe(`x86_64-${sha256(fs.readFileSync(path.join(images, 'hello-world', 'image-x86_64'))).slice(0, 32)}`);
      expect(await manifestDigest(tag!)).toBe(digest);
      const job = fs.readFileSync(jobFile(), 'utf8');
      // Stage 60 schedules a job file only without the mark (schedule-jobs.ts PLACEHOLDER_MARK).
      expect(job).not.toContain(PLACEHOLDER_MARK);
      expect(job).toContain(`image = "${REGISTRY_ADDRESS}/epl-app/hello-world@${digest}"`);
      const parsed = (await parseHcl(job)) as { job: Record<string, [{ group: Record<string, [{ task: Record<string, [{ config: [{ image: string }] }]> }]> }]> };
      expect(parsed.job['app-test-hello-world']![0].group.app![0].task.app![0].config[0].image).toBe(`${REGISTRY_ADDRESS}/epl-app/hello-world@${digest}`);

      const before = { job, record: fs.readFileSync(record(), 'utf8') };
      expect(push()).toBe('dr-push-epl-apps: nothing to change\n');
      expect({ job: fs.readFileSync(jobFile(), 'utf8'), record: fs.readFileSync(record(), 'utf8') }).toEqual(before);
      // Without the record the image is pushed again, to the same digest: the job file stays.
      fs.rmSync(record());
      expect(push()).toContain(`as ${digest}\n`);
      expect({ job: fs.readFileSync(jobFile(), 'utf8'), record: fs.readFileSync(record(), 'utf8') }).toEqual(before);
    }, 60_000);

    it('replaces the digest an earlier run wrote when the image changed', async () => {
      if (!hasTool('docker-registry') || !hasTool('skopeo')) return;
      const old = fs.readFileSync(record(), 'utf8').trim().split(' ')[1]!;
      fs.rmSync(path.join(images, 'hello-world', 'image-x86_64'));
      fs.symlinkSync(buildArchive('two', 'hello again\n'), path.join(images, 'hello-world', 'image-x86_64'));
      expect(push()).toMatch(/apps_app-test-hello-world.hcl now runs /);
      const [tag, digest] = fs.readFileSync(record(), 'utf8').trim().split(' ');
      expect(digest).not.toBe(old);
      expect(await manifestDigest(tag!)).toBe(digest);
      const job = fs.readFileSync(jobFile(), 'utf8');
      expect(job).toContain(`image = "${REGISTRY_ADDRESS}/epl-app/hello-world@${digest}"`);
      expect(job).not.toContain(old);
      expect(push()).toBe('dr-push-epl-apps: nothing to change\n');
    }, 60_000);
  });
});
