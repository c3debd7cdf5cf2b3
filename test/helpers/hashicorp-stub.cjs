#!/usr/bin/env node
/*
 * A stand-in for `curl` that answers like the Consul, Nomad and Vault HTTP APIs the bootstrap
 * uses (Debian packages none of the three, so the real daemons cannot run in CI). It keeps their
 * state in the JSON file $STUB_STATE, records every request in $STUB_LOG, and refuses what the
 * real APIs refuse for the calls made: a missing or wrong token, an unknown policy in a token,
 * a duplicate name, a sealed Vault, an unknown unseal key. It also fails when a value listed in
 * $STUB_SECRETS (one per line) appears on its command line: tokens must travel in files.
 *
 * Behaviour follows the documented API: developer.hashicorp.com/consul/api-docs/acl (policies,
 * tokens, auth methods, binding rules), /nomad/api-docs/acl/bootstrap and /acl/tokens,
 * /vault/api-docs/system/{init,unseal,seal-status,leader,auth,mounts,policies} and
 * /vault/api-docs/auth/jwt. For L2 provisioning also: /consul/api-docs/acl/tokens#read-self-token
 * (a token reads itself by its SecretID), /nomad/api-docs/namespaces, /nomad/api-docs/jobs
 * (parse, plan, register) and /vault/api-docs/secret/kv/kv-v2 (read and create/update a secret,
 * with check-and-set), /consul/api-docs/health#list-service-instances-for-service (the instances
 * of a service, `passing` ones only when asked), and Grafana's API over plain HTTP (grafana-stub.cjs).
 */
const fs = require('node:fs');
const crypto = require('node:crypto');

const argv = process.argv.slice(2);
for (const secret of (process.env.STUB_SECRETS ? fs.readFileSync(process.env.STUB_SECRETS, 'utf8') : '').split('\n').filter(Boolean)) {
  if (argv.some((a) => a.includes(secret))) {
    process.stderr.write('stub: a secret on the command line\n');
    process.exit(99);
  }
}

const opt = { headers: {}, method: 'GET' };
for (let i = 0; i < argv.length; i++) {
  const a = argv[i];
  if (a === '-sS') continue;
  else if (a === '--max-time') i++;
  else if (a === '--cacert') opt.cacert = argv[++i];
  else if (a === '-H') {
    const h = argv[++i];
    const text = h.startsWith('@') ? fs.readFileSync(h.slice(1), 'utf8') : h;
    for (const line of text.split('\n').filter(Boolean)) {
      const [k, ...v] = line.split(':');
      opt.headers[k.trim().toLowerCase()] = v.join(':').trim();
    }
  } else if (a === '-o') opt.out = argv[++i];
  else if (a === '-w') opt.write = argv[++i];
  else if (a === '-X') opt.method = argv[++i];
  else if (a === '--data-binary') opt.body = fs.readFileSync(argv[++i].replace(/^@/, ''), 'utf8');
  else if (/^https?:\/\//.test(a)) opt.url = new URL(a);
  else {
    process.stderr.write(`stub: unexpected argument ${a}\n`);
    process.exit(98);
  }
}

// Scripts of one L2 stage run at the same time: one request at a time, as a server would serialize them.
const lockPath = `${process.env.STUB_STATE}.lock`;
for (let tries = 0; ; tries++) {
  try {
    fs.mkdirSync(lockPath);
    break;
  } catch (e) {
    if (e.code !== 'EEXIST' || tries > 3000) throw e;
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
  }
}
process.on('exit', () => fs.rmSync(lockPath, { recursive: true, force: true }));
const state = JSON.parse(fs.readFileSync(process.env.STUB_STATE, 'utf8'));
const expectedCa = JSON.parse(process.env.STUB_CAS);
const port = opt.url.port;
// Consul, Nomad and Vault answer over TLS only; Grafana over plain HTTP (curl ignores --cacert there).
const service = opt.url.protocol === 'http:' ? 'grafana' : port === '8501' ? 'consul' : port === '4646' ? 'nomad' : port === '8200' ? 'vault' : undefined;
if (service !== 'grafana' && (!service || opt.cacert !== expectedCa[service] || !fs.existsSync(opt.cacert))) {
  process.stderr.write(`curl: (60) SSL certificate problem for ${opt.url}\n`);
  process.stdout.write('000');
  process.exit(60);
}
const body = opt.body === undefined ? undefined : JSON.parse(opt.body);
const path = opt.url.pathname;
fs.appendFileSync(process.env.STUB_LOG, `${opt.method} ${service} ${opt.url.host}${path}${opt.url.search}\n`);

const uuid = () => crypto.randomUUID();
function answer(status, json) {
  fs.writeFileSync(opt.out, json === undefined ? '' : typeof json === 'string' && status >= 400 ? json : JSON.stringify(json));
  fs.writeFileSync(process.env.STUB_STATE, JSON.stringify(state, null, 1));
  process.stdout.write(String(status));
  process.exit(0);
}
const m = (re) => re.exec(path);

function consul() {
  const c = state.consul;
  if (path === '/v1/status/leader') return answer(200, '10.17.0.10:8300');
  // Any token may read itself; an unknown one is "ACL not found".
  const own = Object.values(c.tokens).find((t) => t.SecretID === opt.headers['x-consul-token']);
  if (path === '/v1/acl/token/self' && own) return answer(200, { ...own, Local: false, CreateIndex: 7 });
  if (opt.headers['x-consul-token'] !== c.management) return answer(403, 'ACL not found');
  if (path === '/v1/acl/token/self') return answer(200, { AccessorID: 'mgmt', SecretID: c.management, Policies: [{ Name: 'global-management' }] });
  let x;
  if ((x = m(/^\/v1\/health\/service\/([^/]+)$/))) {
    const all = c.services?.[x[1]] ?? [];
    return answer(200, opt.url.searchParams.get('passing') === 'true' ? all.filter((e) => e.Checks.every((k) => k.Status === 'passing')) : all);
  }
  if ((x = m(/^\/v1\/acl\/policy\/name\/(.+)$/))) {
    const p = Object.values(c.policies).find((p) => p.Name === x[1]);
    return p ? answer(200, { ...p, Datacenters: null, Hash: 'x', CreateIndex: 5, ModifyIndex: 5 }) : answer(403, 'ACL not found');
  }
  if (path === '/v1/acl/policy' && opt.method === 'PUT') {
    if (Object.values(c.policies).some((p) => p.Name === body.Name)) return answer(500, `Invalid Policy: A Policy with Name "${body.Name}" already exists`);
    const ID = uuid();
    c.policies[ID] = { ID, Name: body.Name, Description: body.Description, Rules: body.Rules };
    return answer(200, c.policies[ID]);
  }
  if ((x = m(/^\/v1\/acl\/policy\/(.+)$/)) && opt.method === 'PUT') {
    if (!c.policies[x[1]]) return answer(403, 'ACL not found');
    c.policies[x[1]] = { ID: x[1], Name: body.Name, Description: body.Description, Rules: body.Rules };
    return answer(200, c.policies[x[1]]);
  }
  const policiesOf = () => {
    const out = [];
    for (const p of body.Policies ?? []) {
      const found = Object.values(c.policies).find((q) => q.Name === p.Name);
      if (!found) return undefined;
      out.push({ ID: found.ID, Name: found.Name });
    }
    return out;
  };
  if ((x = m(/^\/v1\/acl\/token(?:\/(.+))?$/)) && x[1] !== 'self') {
    if (opt.method === 'GET') return c.tokens[x[1]] ? answer(200, { ...c.tokens[x[1]], Local: false, CreateIndex: 7 }) : answer(403, 'ACL not found');
    const Policies = policiesOf();
    if (!Policies) return answer(400, 'No such ACL policy');
    if (!x[1] && c.tokens[body.AccessorID]) return answer(500, 'Invalid Token: AccessorID is already in use');
    if (!x[1] && Object.values(c.tokens).some((t) => t.SecretID === body.SecretID)) return answer(500, 'Invalid Token: SecretID is already in use');
    if (x[1] && body.SecretID && c.tokens[x[1]] && body.SecretID !== c.tokens[x[1]].SecretID) return answer(400, 'Cannot modify the SecretID of a token');
    if (x[1] && !c.tokens[x[1]]) return answer(403, 'ACL not found');
    const AccessorID = x[1] ?? body.AccessorID ?? uuid();
    c.tokens[AccessorID] = { AccessorID, SecretID: body.SecretID, Description: body.Description, Policies };
    return answer(200, c.tokens[AccessorID]);
  }
  if ((x = m(/^\/v1\/acl\/auth-method(?:\/(.+))?$/))) {
    if (opt.method === 'GET') return c.authMethods[x[1]] ? answer(200, { ...c.authMethods[x[1]], MaxTokenTTL: '0s', TokenLocality: '', CreateIndex: 9 }) : answer(404, 'Requested auth method not found');
    if (!x[1] && c.authMethods[body.Name]) return answer(500, 'Invalid Auth Method: existing method with the same name');
    c.authMethods[body.Name] = { Name: body.Name, Type: body.Type, Description: body.Description, Config: { ...body.Config, OIDCScopes: null } };
    return answer(200, c.authMethods[body.Name]);
  }
  if (path === '/v1/acl/binding-rules') return answer(200, c.bindingRules.filter((r) => r.AuthMethod === opt.url.searchParams.get('authmethod')));
  if ((x = m(/^\/v1\/acl\/binding-rule(?:\/(.+))?$/)) && opt.method === 'PUT') {
    if (!c.authMethods[body.AuthMethod]) return answer(400, 'Invalid Binding Rule: unknown auth method');
    const rule = { ID: x[1] ?? uuid(), ...body };
    c.bindingRules = [...c.bindingRules.filter((r) => r.ID !== rule.ID), rule];
    return answer(200, rule);
  }
  return answer(404, `stub: no ${opt.method} ${path}`);
}

function nomad() {
  const n = state.nomad;
  if (path === '/v1/status/leader') return answer(200, '10.17.0.10:4647');
  if (path === '/v1/acl/token/self') return n.bootstrap && opt.headers['x-nomad-token'] === n.bootstrap ? answer(200, { Type: 'management' }) : answer(403, 'Permission denied');
  if (path === '/v1/acl/bootstrap' && opt.method === 'POST') {
    if (n.bootstrap) return answer(400, 'ACL bootstrap already done (reset index: 12)');
    n.bootstrap = body.BootstrapSecret ?? uuid();
    return answer(200, { SecretID: n.bootstrap, Type: 'management' });
  }
  if (!n.bootstrap || opt.headers['x-nomad-token'] !== n.bootstrap) return answer(403, 'Permission denied');
  n.namespaces ??= { default: { Name: 'default', Description: 'Default shared namespace' } };
  n.jobs ??= {};
  let x;
  if ((x = m(/^\/v1\/namespace\/([^/]+)$/))) {
    if (opt.method === 'GET') return n.namespaces[x[1]] ? answer(200, { ...n.namespaces[x[1]], Quota: '', Meta: null, Capabilities: null, CreateIndex: 3, ModifyIndex: 3 }) : answer(404, 'namespace not found');
    if (body.Name !== x[1]) return answer(400, 'Namespace name does not match the path');
    n.namespaces[x[1]] = { Name: body.Name, Description: body.Description ?? '' };
    return answer(200);
  }
  // The stub "parses" the few facts it needs (job id, namespace, type) and keeps the HCL as the
  // job's substance, so a changed file is a changed job. Nomad refuses HCL it cannot parse.
  if (path === '/v1/jobs/parse' && opt.method === 'POST') {
    const hcl = body.JobHCL ?? '';
    const id = /^job\s+"([^"]+)"\s*\{/m.exec(hcl);
    if (!id || hcl.split('{').length !== hcl.split('}').length) return answer(400, 'error parsing: invalid HCL');
    const ns = /^\s*namespace\s*=\s*"([^"]+)"/m.exec(hcl)?.[1] ?? 'default';
    const type = /^\s*type\s*=\s*"([^"]+)"/m.exec(hcl)?.[1] ?? 'service';
    return answer(200, { ID: id[1], Name: id[1], Namespace: ns, Type: type, Priority: 50, Meta: { source_sha256: crypto.createHash('sha256').update(hcl).digest('hex') } });
  }
  const known = (job) => {
    if (!n.namespaces[job.Namespace]) return `job "${job.ID}" is in nonexistent namespace "${job.Namespace}"`;
    return undefined;
  };
  if ((x = m(/^\/v1\/job\/([^/]+)\/plan$/)) && opt.method === 'POST') {
    if (body.Job.ID !== x[1]) return answer(400, 'Job ID does not match');
    const bad = known(body.Job);
    if (bad) return answer(400, bad);
    const had = n.jobs[`${body.Job.Namespace}/${x[1]}`];
    const Type = !had ? 'Added' : JSON.stringify(had.job) === JSON.stringify(body.Job) ? 'None' : 'Edited';
    return answer(200, { Diff: { ID: x[1], Type }, JobModifyIndex: had?.index ?? 0 });
  }
  if (path === '/v1/jobs' && (opt.method === 'POST' || opt.method === 'PUT')) {
    const bad = known(body.Job);
    if (bad) return answer(400, bad);
    const k = `${body.Job.Namespace}/${body.Job.ID}`;
    const had = n.jobs[k];
    n.jobs[k] = { job: body.Job, version: had ? had.version + (JSON.stringify(had.job) === JSON.stringify(body.Job) ? 0 : 1) : 0, index: (had?.index ?? 10) + 1 };
    return answer(200, { EvalID: uuid(), EvalCreateIndex: n.jobs[k].index, JobModifyIndex: n.jobs[k].index, Warnings: '' });
  }
  return answer(404, `stub: no ${opt.method} ${path}`);
}

function vault() {
  const v = state.vault;
  const inst = v.instances[opt.url.hostname];
  if (!inst) {
    process.stderr.write(`curl: (7) Failed to connect to ${opt.url.host}\n`);
    process.stdout.write('000');
    process.exit(7);
  }
  if (path === '/v1/sys/init') {
    if (opt.method === 'GET') return answer(200, { initialized: v.keys.length > 0 });
    if (v.keys.length) return answer(400, { errors: ['Vault is already initialized'] });
    v.keys = Array.from({ length: body.secret_shares }, () => crypto.randomBytes(33).toString('base64'));
    v.threshold = body.secret_threshold;
    v.root = `hvs.${crypto.randomBytes(12).toString('hex')}`;
    return answer(200, { keys: v.keys.map((k) => Buffer.from(k, 'base64').toString('hex')), keys_base64: v.keys, root_token: v.root });
  }
  const seal = () => ({ type: 'shamir', initialized: v.keys.length > 0, sealed: inst.sealed, t: v.threshold, n: v.keys.length, progress: inst.given.length });
  if (path === '/v1/sys/seal-status') return answer(200, seal());
  if (path === '/v1/sys/unseal') {
    if (body.reset) inst.given = [];
    else if (!v.keys.includes(body.key)) return answer(400, { errors: ['invalid key'] });
    else if (!inst.given.includes(body.key)) inst.given.push(body.key);
    if (inst.given.length >= v.threshold) {
      inst.sealed = false;
      inst.given = [];
    }
    return answer(200, seal());
  }
  if (inst.sealed) return answer(503, { errors: ['Vault is sealed'] });
  if (path === '/v1/sys/leader') return answer(200, { ha_enabled: true, is_self: true, leader_address: `https://${opt.url.host}` });
  if (opt.headers['x-vault-token'] !== v.root) return answer(403, { errors: ['permission denied'] });
  let x;
  if (path === '/v1/sys/auth') return answer(200, { ...v.auth, data: v.auth });
  if ((x = m(/^\/v1\/sys\/auth\/(.+)$/))) {
    if (v.auth[`${x[1]}/`]) return answer(400, { errors: ['path is already in use'] });
    v.auth[`${x[1]}/`] = { type: body.type, accessor: `auth_${body.type}_${crypto.randomBytes(4).toString('hex')}`, config: {} };
    return answer(204);
  }
  if (path === '/v1/sys/mounts') return answer(200, { ...v.mounts, data: v.mounts });
  if ((x = m(/^\/v1\/sys\/mounts\/(.+)$/))) {
    if (v.mounts[`${x[1]}/`]) return answer(400, { errors: ['path is already in use'] });
    v.mounts[`${x[1]}/`] = { type: body.type, options: body.options ?? null };
    return answer(204);
  }
  if ((x = m(/^\/v1\/auth\/([^/]+)\/config$/))) {
    if (!v.auth[`${x[1]}/`]) return answer(404, { errors: [] });
    if (opt.method === 'GET') return answer(200, { data: { bound_issuer: '', jwks_url: '', jwks_ca_pem: '', jwt_supported_algs: [], default_role: '', ...v.jwtConfig } });
    if (!body.jwks_url || !body.jwks_ca_pem.includes('BEGIN CERTIFICATE')) return answer(400, { errors: ['bad config'] });
    v.jwtConfig = body;
    return answer(204);
  }
  if ((x = m(/^\/v1\/auth\/([^/]+)\/role\/(.+)$/))) {
    if (opt.method === 'GET') return v.roles[x[2]] ? answer(200, { data: { ...v.roles[x[2]], token_ttl: 0, token_max_ttl: 0, bound_claims: null } }) : answer(404, { errors: [] });
    v.roles[x[2]] = body;
    return answer(204);
  }
  if ((x = m(/^\/v1\/sys\/policies\/acl\/(.+)$/))) {
    if (opt.method === 'GET') return v.policies[x[1]] !== undefined ? answer(200, { data: { name: x[1], policy: v.policies[x[1]] } }) : answer(404, { errors: [] });
    v.policies[x[1]] = body.policy;
    return answer(204);
  }
  if ((x = m(/^\/v1\/([^/]+)\/data\/(.+)$/))) {
    const mount = v.mounts[`${x[1]}/`];
    if (!mount) return answer(404, { errors: [`no handler for route "${x[1]}/data/${x[2]}". route entry not found.`] });
    if (mount.type !== 'kv' || mount.options?.version !== '2') return answer(404, { errors: ['not a KV version 2 mount'] });
    v.kv ??= {};
    const all = (v.kv[x[1]] ??= {});
    const cur = all[x[2]];
    if (opt.method === 'GET') {
      if (!cur) return answer(404, { errors: [] });
      return answer(200, { data: { data: cur.data, metadata: { version: cur.version, created_time: '2026-11-01T00:00:00Z', deletion_time: '', destroyed: false, custom_metadata: null } } });
    }
    if (opt.method === 'POST' || opt.method === 'PUT') {
      if (typeof body.data !== 'object' || body.data === null) return answer(400, { errors: ['no data provided'] });
      const cas = body.options?.cas;
      if (cas !== undefined && cas !== (cur?.version ?? 0)) return answer(400, { errors: ['check-and-set parameter did not match the current version'] });
      all[x[2]] = { data: body.data, version: (cur?.version ?? 0) + 1 };
      return answer(200, { data: { version: all[x[2]].version, created_time: '2026-11-01T00:00:00Z', deletion_time: '', destroyed: false } });
    }
  }
  return answer(404, { errors: [`stub: no ${opt.method} ${path}`] });
}

const grafana = () => require('./grafana-stub.cjs')({ opt, state, body, path, answer });
({ consul, nomad, vault, grafana })[service]();
