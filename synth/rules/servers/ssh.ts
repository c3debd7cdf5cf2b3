import { defineRule } from '../rule';

export const multipleSshInterfaces = defineRule({
  code: 'servers/multiple-ssh-interfaces',
  severity: 'error',
  title: 'At most one interface of a server is its SSH interface',
  doc: 'Provisioning connects to a server over exactly one interface; mark at most one with `ssh: true` (by default the internet interface, else the lan one).',
  check(model, report) {
    for (const s of model.servers) {
      const marked = s.interfaces.map((i, index) => ({ i, index })).filter(({ i }) => i.ssh === true);
      for (const { i, index } of marked.slice(1)) {
        report(s, `interface ${i.name} is marked ssh: true, but so is ${marked[0]!.i.name}`, { prop: ['interfaces', index, 'ssh'] });
      }
    }
  },
});
