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

  it('names the method and field of what only a program sends, and says in Thai too what is wrong', () => {
    const year = refusal('rounds.create', { fiscalYear: 1999, name: 'x', ceiling: 100 });
    expect(year.en).toMatch(/^rounds\.create: fiscalYear: /u);
    expect(year.th).toMatch(/^rounds\.create: ข้อมูล 'fiscalYear' ต้องไม่น้อยกว่า [\d,]+$/u);
    // A score of 1e309 arrives as Infinity: the English said why and the Thai only that it was wrong.
    const score = { roundId: 1, memberId: 1, projectId: 1, criterionId: 1, expectedVersion: 0 };
    expect(refusal('scores.set', { ...score, value: Infinity }).th).toBe("scores.set: ข้อมูล 'value' ต้องเป็นตัวเลข");
    expect(refusal('scores.set', { ...score, value: '5' }).th).toBe("scores.set: ข้อมูล 'value' ต้องเป็นตัวเลข");
    expect(refusal('scores.set', { ...score, value: 3, extra: 1 }).th).toBe("scores.set: ข้อมูล '(arguments)' มีช่องที่ไม่รู้จัก: extra");
    expect(refusal('rounds.setStatus', { roundId: 1, status: 'done' }).th).toMatch(
      /^rounds\.setStatus: ข้อมูล 'status' ต้องเป็นค่าใดค่าหนึ่งต่อไปนี้: preparing, /u,
    );
  });
});
