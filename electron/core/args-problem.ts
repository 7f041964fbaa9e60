/**
 * What the dispatcher says when a call's arguments do not parse: plain words for what a person typed (a name too long,
 * a field left empty, a character that may not be written), and the method and field path for anything else, which
 * only a program sends.
 */
import type { z } from 'zod';

type Issue = z.core.$ZodIssue;

/** Fields people type, named in both languages; any other field is named by its path. */
const FIELD_NAMES: Readonly<Record<string, Readonly<{ en: string; th: string }>>> = {
  name: { en: 'The name', th: 'ชื่อ' },
  titleTh: { en: 'The Thai title', th: 'ชื่อ (ภาษาไทย)' },
  titleEn: { en: 'The English title', th: 'ชื่อ (ภาษาอังกฤษ)' },
  nameTh: { en: 'The Thai name', th: 'ชื่อ (ภาษาไทย)' },
  nameEn: { en: 'The English name', th: 'ชื่อ (ภาษาอังกฤษ)' },
  title: { en: 'The title', th: 'ชื่อเรื่อง' },
  agency: { en: 'The agency', th: 'หน่วยงาน' },
  code: { en: 'The code', th: 'รหัส' },
  reason: { en: 'The reason', th: 'เหตุผล' },
  comment: { en: 'The comment', th: 'ความเห็น' },
  resolutionNo: { en: 'The resolution', th: 'มติที่ประชุม' },
  url: { en: 'The address', th: 'ที่อยู่' },
  secret: { en: 'The secret', th: 'รหัสลับ' },
};

/**
 * The refusal of a call whose arguments failed their schema, from its first issue.
 * @example argsProblem('rounds.create', [{ code: 'too_big', origin: 'string', maximum: 200, path: ['name'], … }]).th // 'ชื่อยาวเกิน 200 ตัวอักษร'
 */
export function argsProblem(method: string, issues: readonly Issue[]): Readonly<{ en: string; th: string }> {
  const issue = issues[0];
  const where = issue?.path.length ? issue.path.join('.') : '(arguments)';
  const last = issue?.path.at(-1);
  const field = typeof last === 'string' && Object.hasOwn(FIELD_NAMES, last) ? FIELD_NAMES[last] : undefined;
  const named = field ?? { en: `'${where}'`, th: `ข้อมูล '${where}'` };
  // Thai runs a noun into what is said of it ("ชื่อยาวเกิน"); after a bracket or quote a space reads better.
  const th = (said: string): string => `${named.th}${/[\u0e00-\u0e7f]$/u.test(named.th) ? '' : ' '}${said}`;
  if (issue?.code === 'too_big' && issue.origin === 'string') {
    const max = Number(issue.maximum);
    return { en: `${named.en} is longer than ${max} characters`, th: th(`ยาวเกิน ${max} ตัวอักษร`) };
  }
  if (issue?.code === 'too_small' && issue.origin === 'string' && Number(issue.minimum) === 1) {
    return { en: `${named.en} is empty`, th: `ยังไม่ได้กรอก${named.th}` };
  }
  // A check that says itself what is wrong in Thai (a control character at a position).
  const own = issue?.code === 'custom' ? (issue.params as { th?: unknown } | undefined)?.th : undefined;
  if (issue && typeof own === 'string') return { en: `${named.en}: ${issue.message}`, th: `${named.th}: ${own}` };
  return {
    en: `${method}: ${where}: ${issue?.message ?? 'invalid'}`,
    th: `${method}: ข้อมูล '${where}' ${issue ? thaiReason(issue) : 'ไม่ถูกต้อง'}`,
  };
}

/** Thai names of the kinds of value a schema expects. */
const KIND_TH: Readonly<Record<string, string>> = {
  number: 'ตัวเลข',
  int: 'จำนวนเต็ม',
  string: 'ข้อความ',
  boolean: 'ค่าจริงหรือเท็จ',
  array: 'รายการ',
  object: 'ชุดข้อมูล',
  bigint: 'จำนวนเต็ม',
  date: 'วันที่',
  null: 'ค่าว่าง (null)',
};

/** What is wrong with a value, in Thai, from the issue the schema raised (the English is the schema's own message). */
function thaiReason(issue: Issue): string {
  const bound = (value: unknown): string => (typeof value === 'number' ? value.toLocaleString('en-US') : String(value));
  switch (issue.code) {
    case 'invalid_type':
      return `ต้องเป็น${KIND_TH[issue.expected] ?? issue.expected}`;
    case 'too_small':
      if (issue.origin === 'array' || issue.origin === 'set') return `ต้องมีอย่างน้อย ${bound(issue.minimum)} รายการ`;
      if (issue.origin === 'string') return `สั้นกว่า ${bound(issue.minimum)} ตัวอักษร`;
      return issue.inclusive === false ? `ต้องมากกว่า ${bound(issue.minimum)}` : `ต้องไม่น้อยกว่า ${bound(issue.minimum)}`;
    case 'too_big':
      if (issue.origin === 'array' || issue.origin === 'set') return `มีได้ไม่เกิน ${bound(issue.maximum)} รายการ`;
      if (issue.origin === 'string') return `ยาวเกิน ${bound(issue.maximum)} ตัวอักษร`;
      return issue.inclusive === false ? `ต้องน้อยกว่า ${bound(issue.maximum)}` : `ต้องไม่เกิน ${bound(issue.maximum)}`;
    case 'invalid_value':
      return `ต้องเป็นค่าใดค่าหนึ่งต่อไปนี้: ${issue.values.map(String).join(', ')}`;
    case 'unrecognized_keys':
      return `มีช่องที่ไม่รู้จัก: ${issue.keys.join(', ')}`;
    case 'invalid_format':
      return 'มีรูปแบบไม่ถูกต้อง';
    case 'not_multiple_of':
      return `ต้องเป็นผลคูณของ ${bound(issue.divisor)}`;
    default:
      return 'ไม่ถูกต้อง';
  }
}
