/**
 * Needs feed protocol v1 (NDJSON), pure parsing and validation. One JSON object per line:
 * an optional header `{"feed":"chipao.needs","version":1,"source":"…"}`, needs
 * `{"op":"upsert","id":…,"version":…,…}` (op may be omitted) and tombstones `{"op":"delete","id":…,"version":…}`.
 * See docs/needs-sync-protocol.md. A feed with any problem is refused whole by the caller.
 */
import { z } from 'zod';
import type { InputProblem } from '../api/errors';
import { parseBaht } from './money';
import { parseThaiDate } from './thai-date';
import { CHANNELS } from './taxonomy';

export type FeedNeed = Readonly<{
  line: number;
  externalId: string;
  version: number;
  updatedAt: string;
  title: string;
  description: string;
  category: string;
  tambonCode: string;
  villageNo: number | null;
  households: number;
  peopleAffected: number;
  timesRaised: number;
  channel: string;
  reportedDate: string | null;
  status: 'active' | 'withdrawn';
  lat: number | null;
  lon: number | null;
  estimatedCost: number | null;
  raw: string;
}>;

export type FeedTombstone = Readonly<{ line: number; externalId: string; version: number }>;

export type ParsedFeed = Readonly<{
  source: string;
  needs: FeedNeed[];
  tombstones: FeedTombstone[];
  problems: InputProblem[];
  lines: number;
}>;

export type FeedContext = Readonly<{
  tambonCodes: ReadonlySet<string>;
  categoryIds: ReadonlySet<string>;
}>;

const count = z.number().int().nonnegative();
const needSchema = z.object({
  op: z.literal('upsert').optional(),
  id: z.string().trim().min(1).max(100),
  version: z.number().int().positive(),
  updated_at: z.string().min(1),
  title: z.string().trim().min(1).max(500),
  description: z.string().max(10_000).default(''),
  category: z.string().min(1),
  tambon: z.union([z.string(), z.number()]).transform(String),
  village_no: z.number().int().positive().max(99).nullable().optional(),
  households: count.default(0),
  people_affected: count,
  times_raised: z.number().int().positive().default(1),
  channel: z.enum(CHANNELS).default('ประชาคม'),
  reported_date: z.string().nullable().optional(),
  status: z.enum(['open', 'active', 'in_progress', 'resolved']).default('open'),
  lat: z.number().min(-90).max(90).nullable().optional(),
  lon: z.number().min(-180).max(180).nullable().optional(),
  estimated_cost: z.union([z.number(), z.string()]).nullable().optional(),
});
const tombstoneSchema = z.object({
  op: z.literal('delete'),
  id: z.string().trim().min(1).max(100),
  version: z.number().int().positive(),
});
const headerSchema = z.object({
  feed: z.literal('chipao.needs'),
  version: z.literal(1),
  source: z.string().trim().min(1).max(100).optional(),
});

/**
 * Parses and validates a needs feed. Collects every problem with its line and field instead of stopping
 * at the first, so the secretariat can fix the file in one go.
 * @example parseNeedsFeed('{"op":"delete","id":"N1","version":2}', ctx).tombstones // [{ line: 1, externalId: 'N1', version: 2 }]
 */
export function parseNeedsFeed(text: string, ctx: FeedContext): ParsedFeed {
  const problems: InputProblem[] = [];
  const needs: FeedNeed[] = [];
  const tombstones: FeedTombstone[] = [];
  let source = 'file';
  const seen = new Map<string, { line: number; version: number }>();
  const lines = text.replace(/^\uFEFF/u, '').split(/\r?\n/u);
  let counted = 0;
  lines.forEach((rawLine, index) => {
    const line = index + 1;
    if (rawLine.trim() === '') return;
    counted++;
    let value: unknown;
    try {
      value = JSON.parse(rawLine);
    } catch {
      problems.push({ line, en: 'not valid JSON', th: 'ไม่ใช่ JSON ที่ถูกต้อง' });
      return;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      problems.push({ line, en: 'expected a JSON object', th: 'ต้องเป็นออบเจ็กต์ JSON' });
      return;
    }
    if ('feed' in value) {
      const h = headerSchema.safeParse(value);
      if (!h.success || counted !== 1) {
        problems.push({
          line,
          en: 'header must be the first line: {"feed":"chipao.needs","version":1}',
          th: 'บรรทัดหัวไฟล์ต้องอยู่บรรทัดแรก และเป็น {"feed":"chipao.needs","version":1}',
        });
      } else if (h.data.source) {
        source = h.data.source;
      }
      return;
    }
    const isDelete = (value as { op?: unknown }).op === 'delete';
    const parsed = isDelete ? tombstoneSchema.safeParse(value) : needSchema.safeParse(value);
    if (!parsed.success) {
      for (const issue of parsed.error.issues.slice(0, 3)) {
        const column = issue.path.join('.') || undefined;
        const where = column ? ` '${column}'` : '';
        problems.push({
          line,
          ...(column ? { column } : {}),
          en: `field${where}: ${issue.message}`,
          th: `ช่อง${where}: ${thaiIssue(issue.code)}`,
        });
      }
      return;
    }
    const data = parsed.data;
    const prior = seen.get(data.id);
    if (prior && data.version <= prior.version) {
      problems.push({
        line,
        column: 'version',
        en: `id '${data.id}' appears again with version ${data.version}, not newer than version ${prior.version} on line ${prior.line}`,
        th: `รหัส '${data.id}' ซ้ำ รุ่น ${data.version} ไม่ใหม่กว่ารุ่น ${prior.version} ในบรรทัด ${prior.line}`,
      });
      return;
    }
    seen.set(data.id, { line, version: data.version });
    if (isDelete) {
      tombstones.push({ line, externalId: data.id, version: data.version });
      return;
    }
    const need = data as z.output<typeof needSchema>;
    const before = problems.length;
    if (!ctx.tambonCodes.has(need.tambon)) {
      problems.push({ line, column: 'tambon', en: `unknown tambon code '${need.tambon}'`, th: `ไม่พบรหัสตำบล '${need.tambon}'` });
    }
    if (!ctx.categoryIds.has(need.category)) {
      problems.push({ line, column: 'category', en: `unknown category '${need.category}'`, th: `ไม่รู้จักหมวด '${need.category}'` });
    }
    let estimatedCost: number | null = null;
    if (need.estimated_cost !== undefined && need.estimated_cost !== null && need.estimated_cost !== '') {
      const amount = parseBaht(need.estimated_cost);
      if (amount.ok) estimatedCost = amount.satang;
      else problems.push({ line, column: 'estimated_cost', en: amount.en, th: amount.th });
    }
    let reportedDate: string | null = null;
    if (need.reported_date) {
      reportedDate = parseThaiDate(need.reported_date);
      if (!reportedDate) {
        problems.push({
          line,
          column: 'reported_date',
          en: `'${need.reported_date}' is not a date`,
          th: `'${need.reported_date}' ไม่ใช่วันที่`,
        });
      }
    }
    if (Number.isNaN(Date.parse(need.updated_at))) {
      problems.push({
        line,
        column: 'updated_at',
        en: `'${need.updated_at}' is not a timestamp`,
        th: `'${need.updated_at}' ไม่ใช่วันเวลา`,
      });
    }
    if (problems.length > before) return;
    needs.push({
      line,
      externalId: need.id,
      version: need.version,
      updatedAt: need.updated_at,
      title: need.title,
      description: need.description,
      category: need.category,
      tambonCode: need.tambon,
      villageNo: need.village_no ?? null,
      households: need.households,
      peopleAffected: need.people_affected,
      timesRaised: need.times_raised,
      channel: need.channel,
      reportedDate,
      status: 'active',
      lat: need.lat ?? null,
      lon: need.lon ?? null,
      estimatedCost,
      raw: rawLine,
    });
  });
  if (counted === 0) problems.push({ line: 1, en: 'the file has no records', th: 'ไฟล์ไม่มีข้อมูล' });
  return { source, needs, tombstones, problems, lines: counted };
}

function thaiIssue(code: string): string {
  switch (code) {
    case 'invalid_type':
      return 'ชนิดข้อมูลไม่ถูกต้องหรือไม่มีข้อมูล';
    case 'too_small':
      return 'ค่าน้อยเกินไปหรือว่าง';
    case 'too_big':
      return 'ค่ามากเกินไป';
    case 'invalid_value':
      return 'ค่าไม่อยู่ในรายการที่รับได้';
    case 'invalid_format':
      return 'รูปแบบไม่ถูกต้อง';
    default:
      return 'ข้อมูลไม่ถูกต้อง';
  }
}
