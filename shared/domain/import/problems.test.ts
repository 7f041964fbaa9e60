import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { controlCharProblem, findControlChar, problemPlace, shown, zodIssueTh } from './problems';

describe('findControlChar', () => {
  it('finds control characters and bidi overrides', () => {
    expect(findControlChar('ok\u0007')).toEqual({ at: 2, char: 'U+0007', kind: 'control' });
    expect(findControlChar('ราคา \u202e1')).toEqual({ at: 5, char: 'U+202E', kind: 'control' });
    expect(findControlChar('ขอถนน\tสาย\n2')).toBeNull();
  });

  it('finds a lone surrogate, high or low, anywhere, but not a pair', () => {
    expect(findControlChar('A\udfff')).toEqual({ at: 1, char: 'U+DFFF', kind: 'surrogate' });
    expect(findControlChar('\ud800x')).toEqual({ at: 0, char: 'U+D800', kind: 'surrogate' });
    expect(findControlChar('😀\ud83d')).toEqual({ at: 2, char: 'U+D83D', kind: 'surrogate' });
    expect(findControlChar('\ude00😀')).toEqual({ at: 0, char: 'U+DE00', kind: 'surrogate' });
    expect(findControlChar('ขอ😀ถนน 𠀀')).toBeNull();
  });

  it('finds one at the end of a megabyte of text in one pass', () => {
    expect(findControlChar(`${'ก'.repeat(1_000_000)}\udc00`)).toMatchObject({ at: 1_000_000, kind: 'surrogate' });
  });
});

describe('controlCharProblem', () => {
  it('names a lone surrogate as INVALID_CHAR, in Thai and English', () => {
    const p = controlCharProblem(3, 'id', { at: 1, char: 'U+DFFF', kind: 'surrogate' });
    expect(p).toMatchObject({ line: 3, column: 'id', code: 'INVALID_CHAR' });
    expect(p.en).toContain('U+DFFF');
    expect(p.th).toContain('U+DFFF');
    expect(controlCharProblem(3, 'id', { at: 1, char: 'U+0007', kind: 'control' }).code).toBe('CONTROL_CHAR');
  });
});

describe('shown', () => {
  it('escapes lone surrogates and shows a value nested deeper than the stack by its kind', () => {
    expect(shown('A\udfff')).toBe('A�');
    expect(shown('😀')).toBe('😀');
    let deep: unknown[] = [];
    for (let i = 0; i < 200_000; i++) deep = [deep];
    expect(shown(deep)).toBe('[…]');
  });
});

describe('zodIssueTh', () => {
  const firstIssue = (schema: z.ZodType, value: unknown): z.core.$ZodIssue => {
    const r = schema.safeParse(value);
    if (r.success) throw new Error('expected a failure');
    return r.error.issues[0]!;
  };

  it('says in Thai what was wrong and what was expected, without zod’s English', () => {
    const cases: [z.ZodType, unknown, string][] = [
      [z.object({ a: z.string() }), {}, 'ขาดข้อมูลที่จำเป็น'],
      [z.object({ a: z.number() }), { a: '1' }, 'ชนิดข้อมูลไม่ถูกต้อง (ต้องเป็นตัวเลข)'],
      [z.object({ a: z.string() }), { a: 1 }, 'ชนิดข้อมูลไม่ถูกต้อง (ต้องเป็นข้อความ)'],
      [z.array(z.number()), { a: 1 }, 'ชนิดข้อมูลไม่ถูกต้อง (ต้องเป็นรายการ (array))'],
      [z.number().min(1), 0, 'ค่าน้อยเกินไป (อย่างน้อย 1)'],
      [z.number().max(9), 10, 'ค่ามากเกินไป (ไม่เกิน 9)'],
      [z.number().positive(), 0, 'ค่าน้อยเกินไป (ต้องมากกว่า 0)'],
      [z.number().lt(9), 9, 'ค่ามากเกินไป (ต้องน้อยกว่า 9)'],
      [z.string().min(2), 'a', 'สั้นหรือน้อยเกินไป (อย่างน้อย 2)'],
      [z.array(z.number()).max(1), [1, 2], 'ยาวหรือมากเกินไป (ไม่เกิน 1)'],
      [z.enum(['a', 'b']), 'c', 'ค่าไม่อยู่ในรายการที่รับได้'],
      [z.string().regex(/^\d+$/u), 'x', 'รูปแบบไม่ถูกต้อง'],
      [z.number().multipleOf(5), 7, 'ต้องเป็นพหุคูณของ 5'],
      [z.strictObject({}), { extra: 1, 'b\u0007': 2 }, 'มีช่องที่ไม่รู้จัก: extra, b�'],
      [z.string().refine(() => false, { params: { th: 'เหตุผลภาษาไทย' } }), 'x', 'เหตุผลภาษาไทย'],
      [z.string().refine(() => false, 'English only'), 'x', 'ข้อมูลไม่ถูกต้อง'],
      [z.union([z.number(), z.boolean()]), 'x', 'ข้อมูลไม่ถูกต้อง'],
    ];
    for (const [schema, value, th] of cases) {
      const issue = firstIssue(schema, value);
      expect(zodIssueTh(issue)).toBe(th);
      expect(zodIssueTh(issue)).not.toMatch(/Invalid|Too|expected|received|English/u);
    }
  });
});

describe('problemPlace', () => {
  const at = (line: number, column?: string) => ({ line, en: '', th: '', ...(column === undefined ? {} : { column }) });
  it('names a table’s rows as the spreadsheet numbers them, a feed’s lines, and nothing for the whole file', () => {
    for (const name of ['needs.xlsx', 'อำเภอ.XLS', 'a.csv', 'b.ods', 'report.html', 'many.zip'])
      expect(problemPlace(name, at(14, 'ตำบล'))).toEqual({ en: 'row 14', th: 'แถวที่ 14' });
    for (const name of ['feed.ndjson', 'FEED.JSONL', 'poland.pb'])
      expect(problemPlace(name, at(3))).toEqual({ en: 'line 3', th: 'บรรทัดที่ 3' });
    // A JSON document's records are a table's rows; its syntax errors name their lines.
    expect(problemPlace('needs.json', at(3))).toEqual({ en: 'row 3', th: 'แถวที่ 3' });
    expect(problemPlace('needs.json', { ...at(7), code: 'NOT_JSON' })).toEqual({ en: 'line 7', th: 'บรรทัดที่ 7' });
    expect(problemPlace('needs.xlsx', at(0, 'ตำบล'))).toBeNull();
  });

  it('tells a zip’s file by the part the problem names, not by the zip', () => {
    expect(problemPlace('all.zip', at(2, 'all.zip#feed.ndjson › tambon'))).toEqual({ en: 'line 2', th: 'บรรทัดที่ 2' });
    expect(problemPlace('all.zip', at(2, 'all.zip#needs.xlsx#ชะอม › ตำบล'))).toEqual({ en: 'row 2', th: 'แถวที่ 2' });
    expect(problemPlace('all.zip', at(2, 'all.zip#feed.ndjson'))).toEqual({ en: 'line 2', th: 'บรรทัดที่ 2' });
    // A column of its own that merely ends like a feed's name is not a part.
    expect(problemPlace('a.xlsx', at(5, 'เอกสาร.json'))).toEqual({ en: 'row 5', th: 'แถวที่ 5' });
  });
});
