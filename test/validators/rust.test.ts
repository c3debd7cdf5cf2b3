import * as fs from 'node:fs';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { synthExample, tempDir } from '../helpers/cli';
import { hasTool, runTool, type ToolRun } from '../helpers/tools';

const REGISTRY = '/usr/share/cargo/registry';
/** Build against Debian's packaged crates (librust-*-dev), offline. */
const CARGO_FLAGS = ['--offline', '--config', 'source.crates-io.replace-with="debian"', '--config', `source.debian.directory="${REGISTRY}"`];

/** One target directory for every crate of this file, so the packaged dependencies compile once. */
let sharedTarget: string | undefined;

/**
 * Runs cargo on a crate with its own CARGO_HOME, so no configuration of the machine's user (a
 * registry mirror, a deprecated config file cargo warns about) takes part.
 */
function cargo(crate: string, args: readonly string[]): ToolRun {
  sharedTarget ??= path.join(tempDir(), 'cargo-target');
  return runTool('cargo', [...args, ...CARGO_FLAGS], { cwd: crate, env: { CARGO_HOME: path.join(crate, '.cargo-home'), CARGO_TARGET_DIR: sharedTarget } });
}

/** Warnings and errors the compiler reported about the crate's own code (JSON messages). */
function compilerFindings(r: ToolRun): string[] {
  return r.stdout
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as { reason: string; message?: { level: string; rendered: string } })
    .filter((m) => m.reason === 'compiler-message' && m.message && ['warning', 'error'].includes(m.message.level))
    .map((m) => m.message!.rendered);
}

function cargoAvailable(): boolean {
  const has = hasTool('cargo');
  if (has && !fs.existsSync(REGISTRY) && process.env.EPL_REQUIRE_TOOLS === '1') throw new Error(`${REGISTRY} is missing; .ci/run installs the librust-*-dev packages`);
  return has && fs.existsSync(REGISTRY);
}

describe('the generated Rust crate of examples/single-dc', () => {
  let crate: string;
  beforeAll(async () => {
    const out = await synthExample();
    crate = path.join(tempDir(), 'hello-world');
    fs.cpSync(path.join(out, 'apps/hello-world'), crate, { recursive: true });
  });

  it('builds and passes a test of version-tolerant JSON parsing, against Debian-packaged crates', () => {
    if (!cargoAvailable()) return;
    // A test module beside the generated code: older versions of test_vtype are read as the current one.
    fs.writeFileSync(
      path.join(crate, 'src', 'epl_check.rs'),
      `use crate::generated::*;

#[test]
fn reads_every_version_as_the_latest() {
    let v1 = bw_type_test_vtype_deserialize_json(br#"{"some_field": 7}"#).unwrap();
    assert_eq!(v1, BwTypeTestVtypeV5 { some_field: 7, other_field: 1.23, coordinates: None, is_nice: true });
    let v4 = bw_type_test_vtype_deserialize_json(br#"{"some_field": 1, "other_field": 2.5, "coordinates": {"x": 1.0, "y": 2.0}, "is_good": false, "nickname": "n"}"#).unwrap();
    assert_eq!(v4.is_nice, false);
    assert_eq!(v4.coordinates, Some(BwTypeTestVtypeV5_Coordinates { x: 1.0, y: 2.0 }));
    let latest = bw_type_test_vtype_serialize_json(&v4);
    assert_eq!(bw_type_test_vtype_deserialize_json(latest.as_bytes()).unwrap(), v4);
    assert!(bw_type_test_vtype_deserialize_json(br#"{"unrelated": true}"#).is_err());
}

// What the app job's Consul check and scraping rely on.
#[tokio::test]
async fn serves_health_and_metrics() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(epl_serve_platform_http(listener));
    for (path, expected) in [("/health", "HTTP/1.1 200 OK"), ("/metrics", "\nepl_app_up 1\n"), ("/other", "HTTP/1.1 404 Not Found")] {
        let mut s = tokio::net::TcpStream::connect(addr).await.unwrap();
        s.write_all(format!("GET {path} HTTP/1.1\r\nHost: app\r\n\r\n").as_bytes()).await.unwrap();
        let mut response = String::new();
        s.read_to_string(&mut response).await.unwrap();
        assert!(response.contains(expected), "{path}: {response}");
    }
}
`,
    );
    fs.appendFileSync(path.join(crate, 'src', 'main.rs'), '\n#[cfg(test)]\nmod epl_check;\n');
    // A build (not a check) leaves the dependencies compiled for the test run that follows.
    const build = cargo(crate, ['build', '--message-format=json']);
    expect(compilerFindings(build)).toEqual([]);
    expect(build.status, build.stderr).toBe(0);
    const test = cargo(crate, ['test']);
    expect(test.status, test.stderr + test.stdout).toBe(0);
    expect(test.stdout).toContain('test epl_check::reads_every_version_as_the_latest ... ok');
    expect(test.stdout).toContain('test epl_check::serves_health_and_metrics ... ok');
  }, 300_000);
});

describe('generated Rust for versioned types with renames, nesting, arrays and awkward names', () => {
  it('compiles and upgrades old documents correctly', async () => {
    if (!cargoAvailable()) return;
    const { App, t, VersionedType } = await import('../../constructs');
    const { computeVersionedType } = await import('../../synth/plan/versioned-types');
    const { renderVersionedType } = await import('../../synth/emit/rust/versioned-types');
    const app = new App({ projectName: 'p', adminEmail: 'a@b.cd' });
    const vt = new VersionedType(app, 'edge');
    vt.snapshot(1, { type: t.i64().at(0), s: t.struct({ x: t.i64().at(0) }).at(1), items: t.struct({ a: t.string().at(0) }).array().at(2) });
    vt.migration(2, (m) => m.rename('s.x', 's.z').add('note', t.string().at(3).default('q"\\\b')));
    vt.migration(3, (m) => m.rename('s', 'r'));
    vt.snapshot(3, {
      type: t.i64().at(0),
      r: t.struct({ z: t.i64().at(0) }).at(1),
      items: t.struct({ a: t.string().at(0) }).array().at(2),
      note: t.string().at(3).default('q"\\\b'),
    });
    // Float defaults as a JavaScript user may write them: '.5' is not a Rust literal.
    vt.migration(4, (m) => m.add('ratio', t.f64().at(4).default('.5' as never)).add('big', t.f64().at(5).default(1e21)).add('neg', t.f64().at(6).default(-2)));
    vt.snapshot(4, {
      type: t.i64().at(0),
      r: t.struct({ z: t.i64().at(0) }).at(1),
      items: t.struct({ a: t.string().at(0) }).array().at(2),
      note: t.string().at(3).default('q"\\\b'),
      ratio: t.f64().at(4).default('.5' as never),
      big: t.f64().at(5).default(1e21),
      neg: t.f64().at(6).default(-2),
    });
    const computed = computeVersionedType(vt);
    expect(computed.problems).toEqual([]);
    const crate = path.join(tempDir(), 'edge');
    fs.mkdirSync(path.join(crate, 'src'), { recursive: true });
    fs.writeFileSync(path.join(crate, 'Cargo.toml'), '[package]\nname = "edge"\nversion = "0.1.0"\nedition = "2021"\n\n[dependencies]\nserde = { version = "1", features = ["derive"] }\nserde_json = "1"\n');
    fs.writeFileSync(
      path.join(crate, 'src', 'lib.rs'),
      `#![allow(dead_code, non_camel_case_types)]
#[derive(Debug)]
pub enum JsonDeserializationError { UnknownType }
${renderVersionedType(computed)}

#[test]
fn upgrades_version_1() {
    let v = bw_type_edge_deserialize_json(br#"{"type": 1, "s": {"x": 5}, "items": [{"a": "k"}]}"#).unwrap();
    assert_eq!(v.r#type, 1);
    assert_eq!(v.r.z, 5);
    assert_eq!(v.items[0].a, "k");
    assert_eq!(v.note, "q\\"\\\\\\u{8}");
    assert_eq!((v.ratio, v.big, v.neg), (0.5, 1e21, -2.0));
    // a version-2 document is not mistaken for version 3 (unknown field 's'), nor 3 for 2
    let v2 = bw_type_edge_deserialize_json(br#"{"type": 2, "s": {"z": 6}, "items": [], "note": "n"}"#).unwrap();
    assert_eq!(v2.r.z, 6);
}
`,
    );
    const build = cargo(crate, ['test', '--no-run', '--message-format=json']);
    expect(compilerFindings(build)).toEqual([]);
    const r = cargo(crate, ['test']);
    expect(r.status, r.stderr + r.stdout).toBe(0);
    expect(r.stdout).toContain('test upgrades_version_1 ... ok');
  }, 300_000);
});
