import { describe, expect, it } from 'vitest';
import { escapeTemplateSequences, printHcl, printHclValue, quoteHcl } from '../../../lib/hcl/print';
import { attr, attrs, block, body, heredoc, map, template } from '../../../lib/hcl/value';
import { decodeHclJson, hclJsonString, parseHcl } from '../../helpers/hcl';

const HOSTILE = [
  'plain',
  '',
  'with "quotes" and "',
  'back\\slash \\" \\n \\\\ \\',
  'interpolation ${var.secret} attempt',
  'directive %{ if true }x%{ endif }',
  'already escaped $${x} and %%{y} and $$${z} $$$${w}',
  'lone $ and % and $$ and %% at the end $',
  '${',
  '%{',
  '$',
  '{{ with secret "epl/data/x" }}{{ .Data.data.password }}{{ end }}',
  'new\nline\r\nand\ttab\n',
  'EOT\n',
  'line\nEOT\nmore\n',
  '  EOT\nEOT1\n<<EOT\n',
  'trailing backslash\\\n',
  'unicode: zürich ✓ 日本 𝄞 emoji 🚀',
  'control \u0000 \u0001 \u001b[31m \u007f \u0085 chars',
  '#!/bin/sh\necho "$HOME" \'${x}\' `date`\n',
  '\n',
  '\n\n',
  '   leading and trailing spaces   ',
  '\tindented\n\t\tmore\n',
  'a = "b"\n}\n{\n',
];

describe('printHcl', () => {
  it('round-trips hostile literal strings through the real HCL parser, quoted and as heredocs', async () => {
    const items = HOSTILE.flatMap((s, i) => [attr(`q${i}`, s), attr(`h${i}`, heredoc(s))]);
    const parsed = await parseHcl(printHcl(items));
    for (const [i, s] of HOSTILE.entries()) {
      expect(hclJsonString(parsed[`q${i}`] as string), `quoted ${JSON.stringify(s)}`).toBe(s);
      expect(hclJsonString(parsed[`h${i}`] as string), `heredoc ${JSON.stringify(s)}`).toBe(s);
    }
  });

  it('round-trips hostile strings as list items, map keys, map values and block labels', async () => {
    const keys = HOSTILE;
    const text = printHcl([
      attr('list', HOSTILE),
      attr('object', map(keys.map((k, i) => [k, HOSTILE[i]!] as const))),
      ...HOSTILE.map((s, i) => block('b', [s, `n${i}`], attr('i', i))),
    ]);
    const parsed = await parseHcl(text);
    expect(decodeHclJson(parsed.list)).toEqual(HOSTILE);
    // hcl2json writes object keys in the JSON syntax too: read them back like values.
    const object = Object.fromEntries(Object.entries(parsed.object as Record<string, string>).map(([k, v]) => [hclJsonString(k), hclJsonString(v)]));
    expect(object).toEqual(Object.fromEntries(keys.map((k, i) => [k, HOSTILE[i]!])));
    // Labels are plain strings, not templates: hcl2json gives their values as they are.
    const labelled = parsed.b as Record<string, Record<string, Array<{ i: number }>>>;
    for (const [i, s] of HOSTILE.entries()) expect(labelled[s]?.[`n${i}`]?.[0]?.i, `label ${JSON.stringify(s)}`).toBe(i);
  });

  it('keeps template sequences of a template for the reader, escaping only quotes and backslashes', async () => {
    const t = template('${meta.private_ip}:${NOMAD_PORT_http} "q" \\ %{ if true }x%{ endif }');
    expect(printHclValue(t)).toBe('"${meta.private_ip}:${NOMAD_PORT_http} \\"q\\" \\\\ %{ if true }x%{ endif }"');
    const parsed = await parseHcl(printHcl([attr('t', template('${attr.kernel.arch}')), attr('u', template('x ${NOMAD_ALLOC_DIR}/y'))]));
    expect(parsed).toEqual({ t: '${attr.kernel.arch}', u: 'x ${NOMAD_ALLOC_DIR}/y' });
  });

  it('escapes template sequences of literals, so a literal never evaluates', async () => {
    expect(escapeTemplateSequences('${a} %{b} $${c}')).toBe('$${a} %%{b} $$${c}');
    expect(quoteHcl('${file("/etc/passwd")}')).toBe('"$${file(\\"/etc/passwd\\")}"');
    // Unescaped, the parser evaluates the interpolation (here a number): escaped, it stays text.
    const parsed = await parseHcl(printHcl([attr('lit', '${1}'), attr('tpl', template('${1}'))]));
    expect(parsed).toEqual({ lit: '$${1}', tpl: 1 });
  });

  it('prints numbers, booleans, lists, maps and nested blocks in the order given', async () => {
    const text = printHcl(
      body(
        attrs({ n: 3, f: 1.5, neg: -2, t: true, no: false, skipped: undefined, empty: [], emptyMap: map({}) }),
        block('outer', ['a', 'b'], attr('z', 1), block('inner', [], attr('k', map([['9', 'nine'], ['1', 'one'], ['for', 'kw'], ['x.y', 'dot']]))), block('empty', [])),
        attr('long', Array.from({ length: 12 }, (_, i) => `element-number-${i}`)),
        attr('nested', [map({ a: 'b' }), [1, 2]]),
      ),
    );
    expect(text).toMatchInlineSnapshot(`
      "n = 3
      f = 1.5
      neg = -2
      t = true
      no = false
      empty = []
      emptyMap = {}
      outer "a" "b" {
        z = 1
        inner {
          k = {
            "9" = "nine"
            "1" = "one"
            "for" = "kw"
            "x.y" = "dot"
          }
        }
        empty {}
      }
      long = [
        "element-number-0",
        "element-number-1",
        "element-number-2",
        "element-number-3",
        "element-number-4",
        "element-number-5",
        "element-number-6",
        "element-number-7",
        "element-number-8",
        "element-number-9",
        "element-number-10",
        "element-number-11",
      ]
      nested = [
        {
          a = "b"
        },
        [1, 2],
      ]
      "
    `);
    expect(await parseHcl(text)).toEqual({
      n: 3,
      f: 1.5,
      neg: -2,
      t: true,
      no: false,
      empty: [],
      emptyMap: {},
      outer: { a: { b: [{ z: 1, inner: [{ k: { '9': 'nine', '1': 'one', for: 'kw', 'x.y': 'dot' } }], empty: [{}] }] } },
      long: Array.from({ length: 12 }, (_, i) => `element-number-${i}`),
      nested: [{ a: 'b' }, [1, 2]],
    });
  });

  it('refuses what HCL cannot hold: bad identifiers, non-finite numbers, lone surrogates, duplicate keys', () => {
    expect(() => attr('a.b', 1)).toThrow(/not an HCL identifier/);
    expect(() => block('1x', [])).toThrow(/not an HCL identifier/);
    expect(() => printHcl([attr('n', Number.NaN)])).toThrow(/no number/);
    expect(() => printHcl([attr('s', 'half \ud800 surrogate')])).toThrow(/surrogate/);
    expect(() => map([['a', 1], ['a', 2]])).toThrow(/twice/);
  });

  it('falls back to a quoted string when a heredoc cannot hold the text', () => {
    expect(printHcl([attr('a', heredoc('no final newline'))])).toBe('a = "no final newline"\n');
    expect(printHcl([attr('a', heredoc('cr\r\n'))])).toBe('a = "cr\\r\\n"\n');
    expect(printHcl([attr('a', heredoc('x ${y}\nEOT\n'))])).toBe('a = <<EOT1\nx $${y}\nEOT\nEOT1\n');
  });
});
