import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvField, hasUnsafeCharacters, oneLine } from './line-formats';

/** A minimal RFC 4180 reader for one record, to check that what csvField writes reads back as one field each. */
function readCsvRecord(line: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i <= line.length) {
    if (line[i] === '"') {
      let v = '';
      i++;
      while (i < line.length) {
        if (line[i] === '"' && line[i + 1] === '"') {
          v += '"';
          i += 2;
        } else if (line[i] === '"') {
          i++;
          break;
        } else v += line[i++];
      }
      out.push(v);
      i++;
    } else {
      const end = line.indexOf(',', i);
      out.push(line.slice(i, end < 0 ? line.length : end));
      i = end < 0 ? line.length + 1 : end + 1;
    }
  }
  return out;
}

describe('oneLine', () => {
  it('keeps Thai text and tabs, replaces line breaks, NUL, BEL and bidi overrides', () => {
    expect(oneLine('ถนน\tหมู่ 3')).toBe('ถนน\tหมู่ 3');
    expect(oneLine('a\nb\r\nc\u2028d')).toBe('a b  c d');
    expect(oneLine('x\u0000y\u0007z\u202eevil')).toBe('x y z evil');
  });

  it('never leaves a line break, whatever the input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const out = oneLine(s);
        expect(out).not.toMatch(/[\r\n\u2028\u2029]/u);
        expect(hasUnsafeCharacters(out)).toBe(false);
        expect(out.length).toBe(s.length);
      }),
    );
  });
});

describe('csvField', () => {
  it('escapes formulas and quotes what needs quoting', () => {
    expect(csvField('=1+1')).toBe("'=1+1");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField(-5, { numeric: true })).toBe('-5');
    expect(csvField(null)).toBe('');
  });

  it('any list of texts written as a record reads back as the same number of fields, none starting a formula', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'grapheme' }), { minLength: 1, maxLength: 6 }), (fields) => {
        const back = readCsvRecord(fields.map((f) => csvField(f)).join(','));
        expect(back).toHaveLength(fields.length);
        back.forEach((b, i) => {
          // An apostrophe goes before a field that would start a formula, and only then ("'-" stays as it is).
          expect(b).toBe(/^[=+\-@\t\r]/u.test(fields[i]!) ? `'${fields[i]}` : fields[i]);
          expect(b).not.toMatch(/^[=+\-@]/u);
        });
      }),
      // A text that already starts with an apostrophe before a formula character is written as it is.
      { examples: [[["'-", "'=1", '-1']]] },
    );
  });
});
