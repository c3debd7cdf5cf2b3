import * as net from 'node:net';

/**
 * `n` distinct loopback ports nobody listens on now: all are bound to 0 at once and then
 * released, so no two of them are the same (binding and releasing one at a time may hand the
 * same port out twice).
 */
export async function freePorts(n: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from({ length: n }, () => new Promise<net.Server>((resolve, reject) => {
      const s = net.createServer();
      s.once('error', reject);
      s.listen(0, '127.0.0.1', () => resolve(s));
    })),
  );
  const out = servers.map((s) => (s.address() as net.AddressInfo).port);
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  return out;
}
