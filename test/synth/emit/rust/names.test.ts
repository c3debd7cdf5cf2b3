import { describe, expect, it } from 'vitest';
import { ident, pascal, rawString, stringLiteral } from '../../../../lib/formats/rust';

describe('Rust names and literals', () => {
  it('escapes strings as Rust reads them', () => {
    expect(stringLiteral('say "hi" \\ now\n\t\u0008\u000c\u007f')).toBe('"say \\"hi\\" \\\\ now\\n\\t\\u{8}\\u{c}\\u{7f}"');
    expect(stringLiteral('zürich ✓')).toBe('"zürich ✓"');
  });

  it('picks raw-string hashes the text cannot close', () => {
    expect(rawString('SELECT 1')).toBe('r#"SELECT 1"#');
    expect(rawString('x "# y')).toBe('r##"x "# y"##');
  });

  it('raw-escapes keywords and converts case', () => {
    expect(ident('type')).toBe('r#type');
    expect(ident('max_id')).toBe('max_id');
    expect(pascal('test_vtype')).toBe('TestVtype');
    expect(pascal('hello-world')).toBe('HelloWorld');
  });
});
