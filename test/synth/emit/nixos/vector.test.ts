import { describe, expect, it } from 'vitest';
import { renderServerConfiguration } from '../../../../synth/emit/nixos/configuration';
import { emitContext } from '../../../helpers/emit';
import { addLoki } from '../../../helpers/loki';
import { platform, type PlatformOptions } from '../../../helpers/platform';

async function render(opts: PlatformOptions = {}) {
  const p = platform(opts);
  return renderServerConfiguration(await emitContext(p.app), p.servers['server-a']!);
}

describe('vector on every server', () => {
  it("ships the journal and every container's logs to the region's only Loki cluster, at its writers' service", async () => {
    const text = await render({ extend: (p) => addLoki(p, { writerHttpPort: 3100 }) });
    expect(text).toContain("# logs go to Loki cluster 'main' (http://epl-loki-main-writer.service.consul:3100), buffered on disk until it is up\n  services.vector = {");
    expect(text).toContain('loki_main = {\n          type = "loki";\n          inputs = [ "journald" "docker" ];\n          endpoint = "http://epl-loki-main-writer.service.consul:3100";');
    expect(text).not.toContain('transforms');
  });

  it('routes containers labelled epl_loki_cluster to their cluster and the rest to the default', async () => {
    const text = await render({
      extend: (p) => {
        const main = addLoki(p);
        addLoki(p, { writerHttpPort: 3020, regionDefault: true }, 'audit-logs', main.bucket.cluster);
      },
    });
    expect(text).toContain("# logs go to Loki cluster 'audit-logs'");
    expect(text).toContain(
      [
        '      transforms = {',
        '        docker_by_cluster = {',
        '          type = "route";',
        '          inputs = [ "docker" ];',
        '          route = {',
        '            loki_audit_logs = "!includes([\\"main\\"], .label.epl_loki_cluster)";',
        '            loki_main = ".label.epl_loki_cluster == \\"main\\"";',
      ].join('\n'),
    );
    expect(text).toContain('loki_audit_logs = {\n          type = "loki";\n          inputs = [ "journald" "docker_by_cluster.loki_audit_logs" ];\n          endpoint = "http://epl-loki-audit-logs-writer.service.consul:3020";');
    expect(text).toContain('loki_main = {\n          type = "loki";\n          inputs = [ "docker_by_cluster.loki_main" ];\n          endpoint = "http://epl-loki-main-writer.service.consul:3010";');
  });

  it('runs no vector in a region without a Loki cluster: logs stay in the journal and the containers\' json files', async () => {
    const text = await render();
    expect(text).not.toContain('vector');
  });
});
