/*
 * The Grafana part of test/helpers/hashicorp-stub.cjs (which hands it every plain-HTTP request):
 * the few calls of Grafana's HTTP API that L2 provisioning makes, as documented for Grafana 9.5
 * (grafana.com/docs/grafana/v9.5/developers/http_api/dashboard/ and /other/#health-api).
 *
 * State ($STUB_STATE, key `grafana`): `instances` (the "host:port" that answer; any other is
 * refused, as by a Grafana that is not running), `adminPassword` (Basic auth as `admin`),
 * `dashboards` (by uid, as Grafana returns them) and `posts` (what each POST /api/dashboards/db
 * received, for the tests to check).
 */
const ALLOWED = new Set(['dashboard', 'folderId', 'folderUid', 'message', 'overwrite']);

module.exports = function grafana({ opt, state, body, path, answer }) {
  const g = state.grafana;
  if (!g || !g.instances.includes(opt.url.host)) {
    process.stderr.write(`curl: (7) Failed to connect to ${opt.url.hostname} port ${opt.url.port}: Connection refused\n`);
    process.stdout.write('000');
    process.exit(7);
  }
  if (path === '/api/health' && opt.method === 'GET') return answer(200, { commit: 'stub', database: g.database ?? 'ok', version: '9.5.0' });
  const auth = /^Basic (.+)$/.exec(opt.headers.authorization ?? '');
  if (!auth) return answer(401, { message: 'Unauthorized' });
  const [user, ...rest] = Buffer.from(auth[1], 'base64').toString('utf8').split(':');
  if (user !== 'admin' || rest.join(':') !== g.adminPassword) return answer(401, { message: 'invalid username or password', messageId: 'password-auth.failed', statusCode: 401 });
  g.dashboards ??= {};
  g.posts ??= [];
  let x;
  if ((x = /^\/api\/dashboards\/uid\/([^/]+)$/.exec(path)) && opt.method === 'GET') {
    const d = g.dashboards[x[1]];
    if (!d) return answer(404, { message: 'Dashboard not found' });
    return answer(200, { dashboard: d, meta: { type: 'db', canSave: true, canEdit: true, slug: slug(d.title), url: `/d/${d.uid}/${slug(d.title)}`, version: d.version, folderId: 0, folderUid: '', folderTitle: 'General', provisioned: false } });
  }
  if (path === '/api/dashboards/db' && opt.method === 'POST') {
    // Grafana binds the body as JSON only with this content type.
    if (!/^application\/json\b/.test(opt.headers['content-type'] ?? '')) return answer(400, { message: 'bad request data' });
    const bad = shapeError(body);
    if (bad) return answer(400, { message: bad });
    const d = body.dashboard;
    const uid = d.uid ?? `gen${Object.keys(g.dashboards).length}`;
    const had = g.dashboards[uid];
    if (d.id !== null && d.id !== undefined && (!had || had.id !== d.id)) return answer(404, { message: 'Dashboard not found', status: 'not-found' });
    if (!body.overwrite) {
      if (had && d.version !== had.version) return answer(412, { message: 'The dashboard has been changed by someone else', status: 'version-mismatch' });
      if (Object.values(g.dashboards).some((o) => o.uid !== uid && o.title === d.title)) return answer(412, { message: 'A dashboard with the same name in the folder already exists', status: 'name-exists' });
    }
    const id = had?.id ?? Object.keys(g.dashboards).length + 1;
    const version = (had?.version ?? 0) + 1;
    g.dashboards[uid] = { ...d, id, uid, version };
    g.posts.push({ user, password: rest.join(':'), ...body, dashboard: d });
    return answer(200, { id, uid, url: `/d/${uid}/${slug(d.title)}`, status: 'success', version, slug: slug(d.title) });
  }
  return answer(404, { message: 'Not found' });
};

/** Why Grafana would refuse the body of POST /api/dashboards/db (or undefined). */
function shapeError(body) {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'bad request data';
  const unknown = Object.keys(body).filter((k) => !ALLOWED.has(k));
  if (unknown.length) return `stub: undocumented fields ${unknown.join(', ')}`;
  const d = body.dashboard;
  if (typeof d !== 'object' || d === null || Array.isArray(d)) return 'bad request data';
  if (typeof d.title !== 'string' || d.title.trim() === '') return 'Dashboard title cannot be empty';
  if (d.uid !== undefined && d.uid !== null && (typeof d.uid !== 'string' || d.uid.length > 40 || !/^[a-zA-Z0-9_-]*$/.test(d.uid))) return 'uid contains illegal characters or is too long';
  if (body.overwrite !== undefined && typeof body.overwrite !== 'boolean') return 'bad request data';
  if (body.folderId !== undefined && typeof body.folderId !== 'number') return 'bad request data';
  if (body.folderUid !== undefined && typeof body.folderUid !== 'string') return 'bad request data';
  if (body.message !== undefined && typeof body.message !== 'string') return 'bad request data';
  return undefined;
}

function slug(title) {
  return title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}
