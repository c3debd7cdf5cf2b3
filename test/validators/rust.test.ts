import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { synthExample, tempDir } from '../helpers/cli';
import { hasTool } from '../helpers/tools';

const REGISTRY = '/usr/share/cargo/registry';
/** Build against Debian's packaged crates (librust-*-dev), offline. */
const CARGO_FLAGS = ['--offline', '--config', 'source.crates-io.replace-with="debian"', '--config', `source.debian.directory="${REGISTRY}"`];

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
    assert_eq!(v4.coordinates, Some(BwTypeTestVtypeV5Coordinates { x: 1.0, y: 2.0 }));
    let latest = bw_type_test_vtype_serialize_json(&v4);
    assert_eq!(bw_type_test_vtype_deserialize_json(latest.as_bytes()).unwrap(), v4);
    assert!(bw_type_test_vtype_deserialize_json(br#"{"unrelated": true}"#).is_err());
}
`,
    );
    fs.appendFileSync(path.join(crate, 'src', 'main.rs'), '\n#[cfg(test)]\nmod epl_check;\n');
    const check = spawnSync('cargo', ['check', ...CARGO_FLAGS], { cwd: crate, encoding: 'utf8' });
    expect(check.stderr).not.toMatch(/^(warning|error)/m);
    expect(check.status, check.stderr).toBe(0);
    const test = spawnSync('cargo', ['test', ...CARGO_FLAGS], { cwd: crate, encoding: 'utf8' });
    expect(test.status, test.stderr + test.stdout).toBe(0);
    expect(test.stdout).toContain('test epl_check::reads_every_version_as_the_latest ... ok');
  }, 300_000);
});
