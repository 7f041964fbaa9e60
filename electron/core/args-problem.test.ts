import { describe, expect, it } from 'vitest';
import { schemas } from '../../shared/api/contract';
import { argsProblem } from './args-problem';

/** The refusal the dispatcher gives for these arguments of this method. */
function refusal(method: keyof typeof schemas, args: unknown): Readonly<{ en: string; th: string }> {
  const parsed = schemas[method].safeParse(args);
  if (parsed.success) throw new Error(`${method} accepted the arguments`);
  return argsProblem(method, parsed.error.issues);
}

describe('argsProblem', () => {
  it('says a name too long in plain words, not the schema library’s', () => {
    const r = refusal('rounds.create', { fiscalYear: 2571, name: 'ก'.repeat(5000), ceiling: 100 });
    expect(r).toEqual({ en: 'The name is longer than 200 characters', th: 'ชื่อยาวเกิน 200 ตัวอักษร' });
    const m = refusal('members.create', {
      roundId: 1,
      name: 'x'.repeat(201),
      titleTh: '',
      titleEn: '',
      agency: '',
      role: 'member',
    });
    expect(m.th).toBe('ชื่อยาวเกิน 200 ตัวอักษร');
  });

  it('says an empty name is empty, and a field without a plain name by its place', () => {
    // A name of spaces or invisible characters alone is empty once written in one spelling (names.ts).
    expect(refusal('rounds.create', { fiscalYear: 2571, name: ' \u200b ', ceiling: 100 }).th).toBe(
      'ชื่อ: ว่างเปล่า (หรือมีเพียงช่องว่างและอักขระที่มองไม่เห็น)',
    );
    const issue = refusal('developmentIssues.set', { roundId: 1, issues: [{ no: 1, titleTh: 'ก'.repeat(301) }] });
    expect(issue.th).toBe('ชื่อ (ภาษาไทย) ยาวเกิน 300 ตัวอักษร');
  });

  it('passes on a check’s own Thai reason (a control character)', () => {
    const r = refusal('rounds.create', { fiscalYear: 2571, name: 'a\u0007b', ceiling: 100 });
    expect(r.th).toMatch(/^ชื่อ: มีอักขระควบคุม .* ที่ตำแหน่ง 2$/u);
  });

  it('names the method and field of what only a program sends', () => {
    expect(refusal('rounds.create', { fiscalYear: 1999, name: 'x', ceiling: 100 })).toEqual({
      en: expect.stringMatching(/^rounds\.create: fiscalYear: /u) as string,
      th: "rounds.create: ข้อมูล 'fiscalYear' ไม่ถูกต้อง",
    });
  });
});
