/**
 * Pabulib `.pb` files: parse and write. Mirrors pabutools' reader (`;`-separated, `"` quoting, values trimmed,
 * `none` = empty, optional BOM, `,` decimal separator in costs and budget) but reports problems with line numbers
 * instead of failing later.
 */
import { hasUnsafeCharacters, oneLine } from '../line-formats';
import type { Rational } from '../allocation/rational';
import { DecimalTooLongError, fromDecimalString, toDecimalString } from '../allocation/rational';

/** A project row. `fields` holds every column except `project_id` and `cost` (empty / `none` cells left out). */
export type PbProject = Readonly<{ id: string; cost: Rational; name?: string; fields: Readonly<Record<string, string>> }>;

/** A ballot row: `vote` in file order (rank order for ordinal ballots), `points` parallel to it when present. */
export type PbVote = Readonly<{
  voterId: string;
  vote: readonly string[];
  points?: readonly number[];
  /** Other columns (age, sex, voting_method, ...), `none` cells left out. */
  fields?: Readonly<Record<string, string>>;
}>;

export type PbInstance = Readonly<{
  meta: Readonly<Record<string, string>>;
  projects: readonly PbProject[];
  votes: readonly PbVote[];
}>;

/** The vote types Pabulib defines. */
export const PB_VOTE_TYPES = ['approval', 'choose-1', 'ordinal', 'cumulative', 'scoring'] as const;
export type PbVoteType = (typeof PB_VOTE_TYPES)[number];

/** A .pb problem, with the 1-based line it was found on (0 when it concerns the whole file). */
export class PbParseError extends Error {
  constructor(
    readonly line: number,
    readonly messageEn: string,
    readonly messageTh: string,
  ) {
    super(line > 0 ? `line ${line}: ${messageEn}` : messageEn);
    this.name = 'PbParseError';
  }
}

/**
 * Splits one CSV line on `;`, honouring `"` quotes at the start of a field with `""` as an escaped quote (Python's
 * csv.reader defaults, which pabutools uses). Stops after `maxFields + 1` fields (a longer result means "too many").
 *
 * @example splitPbLine('81;68000;"Park ""Stok"";x"') // ['81', '68000', 'Park "Stok";x']
 */
export function splitPbLine(line: string, maxFields: number = Infinity): string[] {
  const out: string[] = [];
  let i = 0;
  const n = line.length;
  for (;;) {
    // One field beyond the cap tells the caller the line is too wide, without splitting a 100 MB line of `;`.
    if (out.length > maxFields) return out;
    if (line[i] === '"') {
      let value = '';
      i++;
      for (;;) {
        const j = line.indexOf('"', i);
        if (j < 0) {
          value += line.slice(i);
          i = n;
          break;
        }
        value += line.slice(i, j);
        if (line[j + 1] === '"') {
          value += '"';
          i = j + 2;
        } else {
          i = j + 1;
          break;
        }
      }
      // Python's csv keeps anything after the closing quote up to the delimiter.
      const k = line.indexOf(';', i);
      value += k < 0 ? line.slice(i) : line.slice(i, k);
      out.push(value);
      if (k < 0) return out;
      i = k + 1;
    } else {
      const k = line.indexOf(';', i);
      if (k < 0) {
        out.push(line.slice(i));
        return out;
      }
      out.push(line.slice(i, k));
      i = k + 1;
    }
  }
}

function isNone(v: string): boolean {
  return v === '' || v.toLowerCase() === 'none';
}

type Section = 'meta' | 'projects' | 'votes';

function sectionOf(cell: string): Section | null {
  const s = cell.trim().toLowerCase();
  return s === 'meta' || s === 'projects' || s === 'votes' ? s : null;
}

/**
 * How much a .pb file may hold. Parsing keeps everything in memory, so each count is bounded: far above real Pabulib
 * files (the largest have a few hundred thousand voters, under a thousand projects and a few dozen META rows) and above
 * a scenario's own export (one voter per person who raised a need: over a million for the sample province), low enough
 * that a file refused at the vote limit peaks at about 1 GB (5,000,000 minimal votes unpacked from a 236 KB gzip).
 */
export type PbLimits = Readonly<{
  metaRows: number;
  /** Cells of one line (header or row). */
  columns: number;
  projects: number;
  votes: number;
  /** Approvals and points over all votes (a few bytes each in memory). */
  approvals: number;
  /** Other non-empty cells kept from PROJECTS and VOTES (age, sex, name, ...: tens of bytes each in memory). */
  cells: number;
}>;

export const PB_LIMITS: PbLimits = {
  metaRows: 1_000,
  columns: 1_000,
  projects: 10_000,
  votes: 5_000_000,
  approvals: 30_000_000,
  cells: 2_000_000,
};

/**
 * The largest budget, cost or points a .pb may give, and the finest fraction of a unit (10^-15). Real budgets are
 * below 10^10 with cents at most; within these bounds every amount, share and product of an amount with a voter count
 * is an ordinary double, which the MES engine's floating-point fast path needs.
 */
export const PB_MAX_AMOUNT = 10n ** 15n;

/** Control characters, shown in messages by their code so none reaches a terminal (an escape sequence, a NUL). */
const CONTROL_RE = /[\u0000-\u001f\u007f-\u009f]/gu;

/** A user's text in a message, quoted: long values (a 200,000-digit cost) shortened, with their length. */
function quoted(raw: string): string {
  const shown = (t: string): string => t.replace(CONTROL_RE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return raw.length <= 40 ? `"${shown(raw)}"` : `"${shown(raw.slice(0, 32))}…" (${count(raw.length)} characters)`;
}

function count(n: number): string {
  return n.toLocaleString('en-US');
}

/** What an amount is, for messages: the META budget or one project's cost. */
type AmountField = Readonly<{ en: string; th: string }>;

const BUDGET_FIELD: AmountField = { en: 'budget', th: 'งบประมาณ' };

/**
 * An amount written with thousands separators ("180,000", "1,250,000.50"). A .pb file's comma is a decimal
 * separator, as pabutools reads it ("2828094,61"), so "180,000" would silently become 180: such amounts are refused.
 */
const THOUSANDS_RE = /^\+?\d{1,3}(?:,\d{3})+(?:\.\d*)?$/;

function parseAmount(raw: string, line: number, field: AmountField): Rational {
  const shown = quoted(raw);
  if (THOUSANDS_RE.test(raw.trim())) {
    const plain = raw.trim().replace(/^\+/, '').replace(/,/g, '');
    throw new PbParseError(
      line,
      `${field.en}: ${shown} is written with thousands separators, which a .pb file does not use (its comma is a ` +
        `decimal separator, so it would read as a different amount): write ${plain}`,
      `${field.th}: ${shown} มีเครื่องหมายคั่นหลักพัน ซึ่งไฟล์ .pb ไม่ใช้ (จุลภาคในไฟล์ .pb คือจุดทศนิยม ` +
        `จึงจะอ่านเป็นจำนวนอื่น) ให้เขียนเป็น ${plain}`,
    );
  }
  let r: Rational;
  try {
    r = fromDecimalString(raw);
  } catch (error) {
    if (error instanceof DecimalTooLongError) {
      throw new PbParseError(
        line,
        `${field.en}: ${shown} has more than ${error.maxDigits} digits (exponent included)`,
        `${field.th}: ${shown} มีตัวเลขเกิน ${error.maxDigits} หลัก (นับรวมเลขยกกำลัง)`,
      );
    }
    r = { num: -1n, den: 1n };
  }
  if (r.num < 0n) {
    throw new PbParseError(
      line,
      `${field.en}: ${shown} is not a non-negative amount`,
      `${field.th}: ${shown} ไม่ใช่จำนวนเงินที่ถูกต้อง`,
    );
  }
  if (r.num > PB_MAX_AMOUNT * r.den) {
    throw new PbParseError(
      line,
      `${field.en}: ${shown} is larger than ${count(Number(PB_MAX_AMOUNT))}`,
      `${field.th}: ${shown} มากเกิน ${count(Number(PB_MAX_AMOUNT))}`,
    );
  }
  if (r.den > PB_MAX_AMOUNT) {
    throw new PbParseError(
      line,
      `${field.en}: ${shown} is finer than 10^-15 (at most 15 decimal places)`,
      `${field.th}: ${shown} ละเอียดเกิน 10^-15 (ทศนิยมได้ไม่เกิน 15 ตำแหน่ง)`,
    );
  }
  return r;
}

/** META keys every rule's outcome depends on: each may be given once (or repeated with the same value). */
const RULING_META_KEYS: ReadonlySet<string> = new Set(['budget', 'vote_type']);

/** The vote of every empty ballot (read-only, so one array serves them all). */
const NO_PROJECTS: readonly string[] = Object.freeze([]);

/** A non-negative decimal point count as in pabutools' files (`3`, `2.5`, `1e2`); not hex, `Infinity` or empty. */
const POINTS_RE = /^\+?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * Line ends of a text as `split(/\r\n|\n|\r/)` finds them, one line at a time: splitting a 250 MB file up front would
 * hold tens of millions of line strings at once.
 */
function lineReader(text: string): () => string | null {
  let pos = 0;
  // Next `\n` / `\r` at or after pos (-1: none left), searched again only once pos has passed them.
  let lf = -2;
  let cr = -2;
  const next = (): string | null => {
    if (pos > text.length) return null;
    if (lf !== -1 && lf < pos) lf = text.indexOf('\n', pos);
    if (cr !== -1 && cr < pos) cr = text.indexOf('\r', pos);
    const end = lf < 0 ? cr : cr < 0 ? lf : Math.min(lf, cr);
    if (end < 0) {
      const line = text.slice(pos);
      pos = text.length + 1;
      return line;
    }
    const line = text.slice(pos, end);
    pos = end + (text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10 ? 2 : 1);
    return line;
  };
  return next;
}

/**
 * Parses the text of a `.pb` file. Votes naming an unknown project or one project twice, bad costs or points, missing
 * sections, a missing `budget`/`vote_type` or a file beyond {@link PB_LIMITS} raise a {@link PbParseError} naming
 * the line.
 *
 * @example parsePb('META\nkey;value\nbudget;10\nvote_type;approval\nPROJECTS\nproject_id;cost\n1;5\nVOTES\nvoter_id;vote\nv1;1\n').votes[0]!.vote // ['1']
 */
export function parsePb(text: string, limits: PbLimits = PB_LIMITS): PbInstance {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  // A NUL is in no text file: the file is binary, or UTF-16 (as Windows' Notepad saves "Unicode") read as UTF-8, whose
  // every other byte is NUL and whose "META" would not be found.
  const nul = body.indexOf('\0');
  if (nul >= 0) {
    let line = 1;
    for (const next = lineReader(body.slice(0, nul)); next() !== null;) line++;
    line--;
    throw new PbParseError(
      line,
      'the file holds a NUL byte, which no text file does: it is not a .pb text file, or it was saved as UTF-16 ' +
        '("Unicode"); save it as UTF-8',
      'ไฟล์มีไบต์ NUL ซึ่งไฟล์ข้อความไม่มี: ไม่ใช่ไฟล์ข้อความ .pb หรือบันทึกเป็น UTF-16 ("Unicode") ให้บันทึกเป็น UTF-8',
    );
  }
  const nextLine = lineReader(body);
  const meta: Record<string, string> = {};
  const projects: PbProject[] = [];
  const votes: PbVote[] = [];
  const projectIndex = new Map<string, number>();
  /** Per project, the line of the vote that named it last: a repeat within one ballot is found without a set. */
  let namedOn = new Float64Array(0);
  const named: string[] = [];
  const seen = new Map<Section, number>();
  let section: Section | null = null;
  /** The section whose header line is still to come (the next non-blank line). */
  let awaitingHeader: Section | null = null;
  let header: string[] | null = null;
  let voteCol = -1;
  let pointsCol = -1;
  let voterCol = -1;
  let costCol = -1;
  let voteType: PbVoteType | null = null;
  let budgetLine = 0;
  /** The line each META key the rules read was first given on. */
  const metaLines = new Map<string, number>();
  let metaRows = 0;
  let approvals = 0;
  let cells = 0;

  const startVotes = (lineNo: number): void => {
    const vt = meta['vote_type'];
    if (vt === undefined) throw new PbParseError(seen.get('meta') ?? lineNo, 'META has no vote_type', 'ส่วน META ไม่มี vote_type');
    if (!(PB_VOTE_TYPES as readonly string[]).includes(vt)) {
      throw new PbParseError(lineNo, `unsupported vote_type ${quoted(vt)}`, `ไม่รองรับ vote_type ${quoted(vt)}`);
    }
    voteType = vt as PbVoteType;
  };

  /** Counts kept approvals and points, and other cells, against their limits, naming the line that passes one. */
  const countValues = (kind: 'approvals' | 'cells', n: number, lineNo: number): void => {
    if (kind === 'approvals') approvals += n;
    else cells += n;
    if (approvals > limits.approvals) {
      throw new PbParseError(
        lineNo,
        `the votes hold more than ${count(limits.approvals)} approvals and points in all; refused`,
        `บัตรลงคะแนนรวมกันมีรายการที่เลือกและคะแนนเกิน ${count(limits.approvals)} รายการ จึงไม่รับ`,
      );
    }
    if (cells > limits.cells) {
      throw new PbParseError(
        lineNo,
        `PROJECTS and VOTES hold more than ${count(limits.cells)} other non-empty cells in all; refused`,
        `ส่วน PROJECTS และ VOTES รวมกันมีช่องข้อมูลอื่นที่ไม่ว่างเกิน ${count(limits.cells)} ช่อง จึงไม่รับ`,
      );
    }
  };

  const tooWide = (row: readonly string[], lineNo: number): void => {
    if (row.length > limits.columns) {
      throw new PbParseError(
        lineNo,
        `line has more than ${count(limits.columns)} columns; refused`,
        `บรรทัดนี้มีเกิน ${count(limits.columns)} คอลัมน์ จึงไม่รับ`,
      );
    }
  };

  let lineNo = 0;
  for (let raw = nextLine(); raw !== null; raw = nextLine()) {
    lineNo++;
    if (raw.trim() === '') continue;
    if (awaitingHeader !== null) {
      const sec = awaitingHeader;
      const sectionLine = seen.get(sec)!;
      awaitingHeader = null;
      header = splitPbLine(raw, limits.columns).map((h) => h.trim());
      tooWide(header, lineNo);
      // Every section's header has two columns or more: one alone, with tabs or commas in it, is a file saved with
      // another separator (a spreadsheet's "CSV" or "Text (Tab delimited)").
      const other = header.length === 1 ? (raw.includes('\t') ? 'tabs' : raw.includes(',') ? 'commas' : null) : null;
      if (other !== null) {
        const name = sec.toUpperCase();
        throw new PbParseError(
          lineNo,
          `the ${name} header is separated by ${other}: a .pb file separates its fields with semicolons (;)`,
          `หัวตาราง ${name} คั่นด้วย${other === 'tabs' ? 'แท็บ' : 'จุลภาค'} แต่ไฟล์ .pb ต้องคั่นแต่ละช่องด้วยอัฒภาค (;)`,
        );
      }
      if (sec === 'projects') {
        if (header[0] !== 'project_id')
          throw new PbParseError(lineNo, 'PROJECTS header must start with project_id', 'หัวตาราง PROJECTS ต้องขึ้นต้นด้วย project_id');
        costCol = header.indexOf('cost');
        if (costCol < 0) throw new PbParseError(lineNo, 'PROJECTS header has no cost column', 'หัวตาราง PROJECTS ไม่มีคอลัมน์ cost');
      } else if (sec === 'votes') {
        voterCol = header.indexOf('voter_id');
        voteCol = header.indexOf('vote');
        pointsCol = header.indexOf('points');
        if (voterCol < 0)
          throw new PbParseError(lineNo, 'VOTES header has no voter_id column', 'หัวตาราง VOTES ไม่มีคอลัมน์ voter_id');
        if (voteCol < 0) throw new PbParseError(lineNo, 'VOTES header has no vote column', 'หัวตาราง VOTES ไม่มีคอลัมน์ vote');
        if (!seen.has('projects')) throw new PbParseError(sectionLine, 'VOTES comes before PROJECTS', 'ส่วน VOTES อยู่ก่อน PROJECTS');
        startVotes(sectionLine);
        namedOn = new Float64Array(projects.length);
      }
      continue;
    }
    const row = splitPbLine(raw, limits.columns);
    tooWide(row, lineNo);
    const sec = sectionOf(row[0] ?? '');
    if (sec !== null && row.slice(1).every((c) => c.trim() === '')) {
      if (seen.has(sec))
        throw new PbParseError(lineNo, `section ${sec.toUpperCase()} appears twice`, `ส่วน ${sec.toUpperCase()} ซ้ำ`);
      // A bad budget is refused when META ends, before the rest of a file that may be hundreds of megabytes is read.
      if (section === 'meta' && meta['budget'] !== undefined) parseAmount(meta['budget'], budgetLine, BUDGET_FIELD);
      seen.set(sec, lineNo);
      section = sec;
      header = null;
      awaitingHeader = sec;
      continue;
    }
    if (section === null || header === null) {
      throw new PbParseError(lineNo, 'data before the META section', 'มีข้อมูลก่อนส่วน META');
    }
    if (section === 'meta') {
      if (++metaRows > limits.metaRows) {
        throw new PbParseError(
          lineNo,
          `META has more than ${count(limits.metaRows)} rows; refused`,
          `ส่วน META มีเกิน ${count(limits.metaRows)} แถว จึงไม่รับ`,
        );
      }
      const key = (row[0] ?? '').trim();
      // An unquoted `;` inside a value would split it; keep the whole value rather than dropping the tail.
      const value = row.slice(1).join(';').trim();
      // The budget and the vote type decide every outcome: given twice with two values (files joined, a row pasted
      // under an old one), the later would silently win, as in pabutools' reader.
      const first = RULING_META_KEYS.has(key) ? metaLines.get(key) : undefined;
      if (first !== undefined && meta[key] !== value) {
        throw new PbParseError(
          lineNo,
          `META gives ${key} twice: ${quoted(meta[key]!)} on line ${first} and ${quoted(value)} here; keep one`,
          `ส่วน META ระบุ ${key} สองครั้ง: ${quoted(meta[key]!)} ที่บรรทัด ${first} และ ${quoted(value)} ที่บรรทัดนี้ ให้เหลือค่าเดียว`,
        );
      }
      if (first === undefined) metaLines.set(key, lineNo);
      if (key === 'budget' && first === undefined) budgetLine = lineNo;
      meta[key] = value;
    } else if (section === 'projects') {
      if (projects.length >= limits.projects) {
        throw new PbParseError(
          lineNo,
          `more than ${count(limits.projects)} projects; a .pb file may hold at most ${count(limits.projects)}`,
          `มีโครงการเกิน ${count(limits.projects)} โครงการ ซึ่งเป็นจำนวนสูงสุดที่ไฟล์ .pb มีได้`,
        );
      }
      const id = (row[0] ?? '').trim();
      if (id === '') throw new PbParseError(lineNo, 'project without project_id', 'โครงการไม่มี project_id');
      if (projectIndex.has(id))
        throw new PbParseError(lineNo, `duplicate project_id ${quoted(id)}`, `project_id ${quoted(id)} ซ้ำ`);
      const costRaw = (row[costCol] ?? '').trim();
      if (isNone(costRaw)) throw new PbParseError(lineNo, `project ${quoted(id)} has no cost`, `โครงการ ${quoted(id)} ไม่มีราคา`);
      const cost = parseAmount(costRaw, lineNo, {
        en: `cost of project ${quoted(id)}`,
        th: `ราคาโครงการ ${quoted(id)}`,
      });
      const fields: Record<string, string> = {};
      let kept = 0;
      for (let i = 1; i < row.length && i < header.length; i++) {
        if (i === costCol) continue;
        const v = row[i]!.trim();
        if (!isNone(v)) {
          fields[header[i]!] = v;
          kept++;
        }
      }
      countValues('cells', kept, lineNo);
      projectIndex.set(id, projects.length);
      const name = fields['name'];
      projects.push(name === undefined ? { id, cost, fields } : { id, cost, name, fields });
    } else {
      if (votes.length >= limits.votes) {
        throw new PbParseError(
          lineNo,
          `more than ${count(limits.votes)} votes; a .pb file may hold at most ${count(limits.votes)}`,
          `มีบัตรลงคะแนนเกิน ${count(limits.votes)} ใบ ซึ่งเป็นจำนวนสูงสุดที่ไฟล์ .pb มีได้`,
        );
      }
      const voterId = (row[voterCol] ?? '').trim();
      const voteRaw = (row[voteCol] ?? '').trim();
      // Collected in a reused array and copied at its exact length: an array grown by push keeps a dozen spare slots.
      named.length = 0;
      if (!isNone(voteRaw)) {
        // Project ids are taken from PROJECTS, so a million ballots share a few hundred id strings.
        for (let from = 0; from <= voteRaw.length;) {
          const comma = voteRaw.indexOf(',', from);
          const to = comma < 0 ? voteRaw.length : comma;
          const id = voteRaw.slice(from, to).trim();
          from = to + 1;
          if (id === '') continue;
          const p = projectIndex.get(id);
          if (p === undefined) {
            throw new PbParseError(
              lineNo,
              `vote of ${quoted(voterId)} names unknown project ${quoted(id)}`,
              `บัตรของ ${quoted(voterId)} อ้างถึงโครงการ ${quoted(id)} ที่ไม่มีในส่วน PROJECTS`,
            );
          }
          // Pabulib's checker counts a project named twice on one ballot as an error ("vote with duplicated projects").
          if (namedOn[p] === lineNo) {
            throw new PbParseError(
              lineNo,
              `vote of ${quoted(voterId)} names project ${quoted(id)} more than once`,
              `บัตรของ ${quoted(voterId)} เลือกโครงการ ${quoted(id)} ซ้ำ`,
            );
          }
          namedOn[p] = lineNo;
          named.push(projects[p]!.id);
        }
      }
      const vote = named.length === 0 ? NO_PROJECTS : named.slice();
      let points: number[] | undefined;
      const pointsRaw = pointsCol >= 0 ? (row[pointsCol] ?? '').trim() : '';
      if (!isNone(pointsRaw)) {
        // Counted before splitting: a points cell of a million commas is refused without a million-entry array.
        let commas = 0;
        for (let at = pointsRaw.indexOf(','); at >= 0 && commas < vote.length; at = pointsRaw.indexOf(',', at + 1)) commas++;
        if (commas + 1 !== vote.length) {
          throw new PbParseError(
            lineNo,
            `points ${quoted(pointsRaw)} do not match the vote`,
            `คะแนน ${quoted(pointsRaw)} ไม่ตรงกับรายการโครงการที่เลือก`,
          );
        }
        points = pointsRaw.split(',').map((s) => {
          const t = s.trim();
          const x = POINTS_RE.test(t) ? Number(t) : NaN;
          // Points share out a voter's support: a negative, infinite or absurdly large count is not one.
          if (!(x >= 0 && x <= Number(PB_MAX_AMOUNT))) {
            throw new PbParseError(
              lineNo,
              `points value ${quoted(t)} of ${quoted(voterId)} is not a number from 0 to ${count(Number(PB_MAX_AMOUNT))}`,
              `คะแนน ${quoted(t)} ของ ${quoted(voterId)} ไม่ใช่ตัวเลขตั้งแต่ 0 ถึง ${count(Number(PB_MAX_AMOUNT))}`,
            );
          }
          return x;
        });
      } else if (voteType === 'cumulative' || voteType === 'scoring') {
        if (vote.length > 0) throw new PbParseError(lineNo, 'cumulative/scoring vote without points', 'บัตรแบบให้คะแนนไม่มีคะแนน');
      }
      countValues('approvals', vote.length + (points?.length ?? 0), lineNo);
      let fields: Record<string, string> | undefined;
      let kept = 0;
      for (let i = 0; i < row.length && i < header.length; i++) {
        if (i === voterCol || i === voteCol || i === pointsCol) continue;
        const v = row[i]!.trim();
        if (!isNone(v)) {
          (fields ??= {})[header[i]!] = v;
          kept++;
        }
      }
      countValues('cells', kept, lineNo);
      // Plain literals of fixed shapes (no spread, no empty objects): a million ballots cost a few dozen bytes each.
      const v: PbVote = points
        ? fields
          ? { voterId, vote, points, fields }
          : { voterId, vote, points }
        : fields
          ? { voterId, vote, fields }
          : { voterId, vote };
      votes.push(v);
    }
  }
  if (awaitingHeader !== null) {
    const name = awaitingHeader.toUpperCase();
    throw new PbParseError(seen.get(awaitingHeader)!, `section ${name} has no header line`, `ส่วน ${name} ไม่มีบรรทัดหัวตาราง`);
  }
  const last = lineNo;
  for (const s of ['meta', 'projects', 'votes'] as const) {
    if (!seen.has(s)) throw new PbParseError(last, `missing section ${s.toUpperCase()}`, `ไม่มีส่วน ${s.toUpperCase()}`);
  }
  if (meta['budget'] === undefined) throw new PbParseError(seen.get('meta')!, 'META has no budget', 'ส่วน META ไม่มี budget');
  parseAmount(meta['budget'], budgetLine, BUDGET_FIELD);
  return { meta, projects, votes };
}

/**
 * The instance's budget limit from META (`,` decimal separator tolerated).
 *
 * @example pbBudget({ meta: { budget: '2828094,61' }, projects: [], votes: [] }) // 282809461/100
 */
export function pbBudget(instance: PbInstance): Rational {
  const b = instance.meta['budget'];
  if (b === undefined) throw new PbParseError(0, 'META has no budget', 'ส่วน META ไม่มี budget');
  return parseAmount(b, 0, BUDGET_FIELD);
}

/** A count META declares (`num_projects`, `num_votes`) that the file's sections do not hold. */
export type PbCountMismatch = Readonly<{ key: 'num_projects' | 'num_votes'; declared: number; found: number }>;

/**
 * The counts META declares that differ from what the file holds: a file cut short, or edited without its META. Such a
 * file still reads (pabutools does not check), so this is said beside the outcome, not refused. A count that is not a
 * whole number is left to META.
 *
 * @example pbCountMismatches({ num_votes: '378' }, 16, 190) // [{ key: 'num_votes', declared: 378, found: 190 }]
 */
export function pbCountMismatches(meta: Readonly<Record<string, string>>, projects: number, votes: number): PbCountMismatch[] {
  const out: PbCountMismatch[] = [];
  for (const [key, found] of [
    ['num_projects', projects],
    ['num_votes', votes],
  ] as const) {
    const raw = meta[key]?.trim() ?? '';
    if (!/^\d{1,15}$/.test(raw)) continue;
    const declared = Number(raw);
    if (declared !== found) out.push({ key, declared, found });
  }
  return out;
}

/**
 * The voter ids the VOTES section gives more than once (a ballot pasted twice, or two files joined): how many ids, and
 * the first with how often it appears; null when every id is once. Such ballots are all counted (pabutools does not
 * check), so this is said beside the outcome, not refused.
 * @example pbDuplicateVoters([{ voterId: 'a', vote: [] }, { voterId: 'a', vote: [] }]) // { ids: 1, first: 'a', times: 2 }
 */
export function pbDuplicateVoters(votes: readonly PbVote[]): { ids: number; first: string; times: number } | null {
  const times = new Map<string, number>();
  let first: string | null = null;
  let ids = 0;
  for (const v of votes) {
    const n = (times.get(v.voterId) ?? 0) + 1;
    times.set(v.voterId, n);
    if (n === 2) {
      ids++;
      first ??= v.voterId;
    }
  }
  return first === null ? null : { ids, first, times: times.get(first)! };
}

/** One field of a line: line breaks and control characters never reach the file (it is read line by line). */
function quote(raw: string): string {
  const v = oneLine(raw);
  return /[;"]/.test(v) || v !== v.trim() ? `"${v.replace(/"/g, '""')}"` : v;
}

function cell(v: string | undefined): string {
  return v === undefined || v === '' ? 'none' : quote(v);
}

/**
 * Writes an instance as `.pb` text (LF line ends, no BOM) that {@link parsePb} reads back to the same instance.
 *
 * @example writePb({ meta: { budget: '10', vote_type: 'approval' }, projects: [], votes: [] }).split('\n')[0] // 'META'
 */
export function writePb(instance: PbInstance): string {
  const out: string[] = ['META', 'key;value'];
  for (const [k, v] of Object.entries(instance.meta)) out.push(`${quote(k)};${quote(v)}`);
  const projectKeys: string[] = [];
  for (const p of instance.projects) for (const k of Object.keys(p.fields)) if (!projectKeys.includes(k)) projectKeys.push(k);
  out.push('PROJECTS', ['project_id', 'cost', ...projectKeys].map(quote).join(';'));
  for (const p of instance.projects) {
    if (p.id.includes(',')) throw new RangeError(`project_id "${p.id}" contains a comma and cannot appear in a vote`);
    if (hasUnsafeCharacters(p.id))
      throw new RangeError(`project_id "${oneLine(p.id)}" contains a line break or control character`);
    out.push([quote(p.id), toDecimalString(p.cost), ...projectKeys.map((k) => cell(p.fields[k]))].join(';'));
  }
  const hasPoints = instance.votes.some((v) => v.points !== undefined);
  const voteKeys: string[] = [];
  for (const v of instance.votes) for (const k of Object.keys(v.fields ?? {})) if (!voteKeys.includes(k)) voteKeys.push(k);
  out.push('VOTES', ['voter_id', 'vote', ...(hasPoints ? ['points'] : []), ...voteKeys].map(quote).join(';'));
  for (const v of instance.votes) {
    const cols = [quote(v.voterId), v.vote.length === 0 ? 'none' : quote(v.vote.join(','))];
    if (hasPoints) cols.push(v.points && v.points.length > 0 ? v.points.join(',') : 'none');
    for (const k of voteKeys) cols.push(cell(v.fields?.[k]));
    out.push(cols.join(';'));
  }
  return out.join('\n') + '\n';
}
