import { describe, expect, it } from 'vitest';
import { renderServerConfiguration } from '../../../../synth/emit/nixos/configuration';
import { emitContext } from '../../../helpers/emit';
import { platform, type PlatformOptions } from '../../../helpers/platform';
import { bareMetal } from '../../../helpers/routing';

async function render(host: string, opts: PlatformOptions) {
  const p = platform(opts);
  return renderServerConfiguration(await emitContext(p.app), p.servers[host]!);
}

const route = (address: string, iface: string) => `networking.defaultGateway = {\n    address = "${address}";\n    interface = "${iface}";`;

describe("a bare-metal datacenter's upstream gateway", () => {
  it('is the default route of servers with an internet interface', async () => {
    expect(await render('server-c', bareMetal({ upstreamGateway: '77.77.77.254' }))).toContain(route('77.77.77.254', 'eth1'));
  });

  it('defaults to the first host of the internet subnet', async () => {
    expect(await render('server-c', bareMetal())).toContain(route('77.77.77.1', 'eth1'));
  });

  it('leaves the lan route of private servers alone', async () => {
    const text = await render('server-a', bareMetal({ upstreamGateway: '77.77.77.254' }));
    expect(text).not.toContain('77.77.77.254');
  });
});
