import { defineRule } from '../rule';
import { SNAKE_CASE } from '../patterns';
import { sortedBy, sortedStrings } from '../../../lib/text/order';

export const invalidLabelName = defineRule({
  code: 'servers/invalid-label-name',
  severity: 'error',
  title: 'Server label names are snake_case',
  doc: 'Label names become Nomad node metadata keys; use lower-case letters, digits and underscores.',
  check(model, report) {
    model.app.serverLabels.forEach((name, i) => {
      if (!SNAKE_CASE.test(name)) report(model.app, `server label name '${name}' is not snake_case (a-z, 0-9, _)`, { prop: ['serverLabels', i] });
    });
  },
});

export const undeclaredLabel = defineRule({
  code: 'servers/undeclared-label',
  severity: 'error',
  title: "Server labels are declared in the App's serverLabels",
  doc: 'Workload placement matches labels by name; declaring the names once on the App catches a misspelt label on a server before a workload silently fails to schedule.',
  check(model, report) {
    const declared = new Set(model.app.serverLabels);
    for (const s of model.servers) {
      for (const name of sortedStrings(Object.keys(s.labels))) {
        if (!declared.has(name)) {
          const known = sortedStrings(declared).join(', ') || 'none';
          report(s, `label '${name}' is not declared in the App's serverLabels (declared: ${known})`, { prop: ['labels', name] });
        }
      }
    }
  },
});

export const invalidLabelValue = defineRule({
  code: 'servers/invalid-label-value',
  severity: 'error',
  title: 'Server label values use letters, digits, spaces and . _ - +',
  doc: 'Label values are written into Nomad client configuration and placement constraints; quotes, tabs and newlines would break them.',
  check(model, report) {
    for (const s of model.servers) {
      for (const [name, value] of sortedBy(Object.entries(s.labels), ([name]) => name)) {
        if (!/^[A-Za-z0-9 ._+-]*$/.test(value)) report(s, `label '${name}' value '${value}' may only contain letters, digits, spaces and . _ - +`, { prop: ['labels', name] });
      }
    }
  },
});
