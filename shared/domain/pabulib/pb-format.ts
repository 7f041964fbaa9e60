/**
 * Pabulib `.pb` files: parse and write. Mirrors pabutools' reader (`;`-separated, `"` quoting, values trimmed,
 * `none` = empty, optional BOM, `,` decimal separator in costs and budget) but reports problems with line numbers
 * instead of failing later.
 */
import { hasUnsafeCharacters, oneLine } from '../line-formats';
import type { Rational } from '../allocation/rational';
import { fromDecimalString, toDecimalString } from '../allocation/rational';

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
 * csv.reader defaults, which pabutools uses).
 *
 * @example splitPbLine('81;68000;"Park ""Stok"";x"') // ['81', '68000', 'Park "Stok";x']
 */
export function splitPbLine(line: string): string[] {
  const out: string[] = [];
  let i = 0;
  const n = line.length;
  for (;;) {
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

function parseCost(raw: string, line: number, what: string): Rational {
  try {
    const r = fromDecimalString(raw);
    if (r.num < 0n) throw new RangeError('negative');
    return r;
  } catch {
    throw new PbParseError(
      line,
      `${what} "${raw}" is not a non-negative amount`,
      `${what === 'budget' ? 'งบประมาณ' : 'ราคาโครงการ'} "${raw}" ไม่ใช่จำนวนเงินที่ถูกต้อง`,
    );
  }
}

/**
 * Parses the text of a `.pb` file. Votes naming an unknown project, bad costs, missing sections or a missing
 * `budget`/`vote_type` raise a {@link PbParseError} naming the line.
 *
 * @example parsePb('META\nkey;value\nbudget;10\nvote_type;approval\nPROJECTS\nproject_id;cost\n1;5\nVOTES\nvoter_id;vote\nv1;1\n').votes[0]!.vote // ['1']
 */
export function parsePb(text: string): PbInstance {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const lines = body.split(/\r\n|\n|\r/);
  const meta: Record<string, string> = {};
  const projects: PbProject[] = [];
  const votes: PbVote[] = [];
  const projectIndex = new Map<string, number>();
  const seen = new Map<Section, number>();
  let section: Section | null = null;
  let header: string[] | null = null;
  let voteCol = -1;
  let pointsCol = -1;
  let voterCol = -1;
  let costCol = -1;
  let voteType: PbVoteType | null = null;

  const startVotes = (lineNo: number): void => {
    const vt = meta['vote_type'];
    if (vt === undefined) throw new PbParseError(seen.get('meta') ?? lineNo, 'META has no vote_type', 'ส่วน META ไม่มี vote_type');
    if (!(PB_VOTE_TYPES as readonly string[]).includes(vt)) {
      throw new PbParseError(lineNo, `unsupported vote_type "${vt}"`, `ไม่รองรับ vote_type "${vt}"`);
    }
    voteType = vt as PbVoteType;
  };

  for (let li = 0; li < lines.length; li++) {
    const lineNo = li + 1;
    const raw = lines[li]!;
    if (raw.trim() === '') continue;
    const row = splitPbLine(raw);
    const sec = sectionOf(row[0] ?? '');
    if (sec !== null && row.slice(1).every((c) => c.trim() === '')) {
      if (seen.has(sec))
        throw new PbParseError(lineNo, `section ${sec.toUpperCase()} appears twice`, `ส่วน ${sec.toUpperCase()} ซ้ำ`);
      seen.set(sec, lineNo);
      section = sec;
      header = null;
      // The header is the next non-blank line.
      let hi = li + 1;
      while (hi < lines.length && lines[hi]!.trim() === '') hi++;
      if (hi >= lines.length)
        throw new PbParseError(
          lineNo,
          `section ${sec.toUpperCase()} has no header line`,
          `ส่วน ${sec.toUpperCase()} ไม่มีบรรทัดหัวตาราง`,
        );
      header = splitPbLine(lines[hi]!).map((h) => h.trim());
      li = hi;
      if (sec === 'projects') {
        if (header[0] !== 'project_id')
          throw new PbParseError(hi + 1, 'PROJECTS header must start with project_id', 'หัวตาราง PROJECTS ต้องขึ้นต้นด้วย project_id');
        costCol = header.indexOf('cost');
        if (costCol < 0) throw new PbParseError(hi + 1, 'PROJECTS header has no cost column', 'หัวตาราง PROJECTS ไม่มีคอลัมน์ cost');
      } else if (sec === 'votes') {
        voterCol = header.indexOf('voter_id');
        voteCol = header.indexOf('vote');
        pointsCol = header.indexOf('points');
        if (voterCol < 0)
          throw new PbParseError(hi + 1, 'VOTES header has no voter_id column', 'หัวตาราง VOTES ไม่มีคอลัมน์ voter_id');
        if (voteCol < 0) throw new PbParseError(hi + 1, 'VOTES header has no vote column', 'หัวตาราง VOTES ไม่มีคอลัมน์ vote');
        if (!seen.has('projects')) throw new PbParseError(lineNo, 'VOTES comes before PROJECTS', 'ส่วน VOTES อยู่ก่อน PROJECTS');
        startVotes(lineNo);
      }
      continue;
    }
    if (section === null || header === null) {
      throw new PbParseError(lineNo, 'data before the META section', 'มีข้อมูลก่อนส่วน META');
    }
    if (section === 'meta') {
      const key = (row[0] ?? '').trim();
      // An unquoted `;` inside a value would split it; keep the whole value rather than dropping the tail.
      meta[key] = row.slice(1).join(';').trim();
    } else if (section === 'projects') {
      const id = (row[0] ?? '').trim();
      if (id === '') throw new PbParseError(lineNo, 'project without project_id', 'โครงการไม่มี project_id');
      if (projectIndex.has(id)) throw new PbParseError(lineNo, `duplicate project_id "${id}"`, `project_id "${id}" ซ้ำ`);
      const costRaw = (row[costCol] ?? '').trim();
      if (isNone(costRaw)) throw new PbParseError(lineNo, `project "${id}" has no cost`, `โครงการ "${id}" ไม่มีราคา`);
      const cost = parseCost(costRaw, lineNo, 'cost');
      const fields: Record<string, string> = {};
      for (let i = 1; i < row.length && i < header.length; i++) {
        if (i === costCol) continue;
        const v = row[i]!.trim();
        if (!isNone(v)) fields[header[i]!] = v;
      }
      projectIndex.set(id, projects.length);
      const name = fields['name'];
      projects.push(name === undefined ? { id, cost, fields } : { id, cost, name, fields });
    } else {
      const voterId = (row[voterCol] ?? '').trim();
      const voteRaw = (row[voteCol] ?? '').trim();
      const vote = isNone(voteRaw)
        ? []
        : voteRaw
            .split(',')
            .map((s) => s.trim())
            .filter((s) => s !== '');
      for (const id of vote) {
        if (!projectIndex.has(id)) {
          throw new PbParseError(
            lineNo,
            `vote of "${voterId}" names unknown project "${id}"`,
            `บัตรของ "${voterId}" อ้างถึงโครงการ "${id}" ที่ไม่มีในส่วน PROJECTS`,
          );
        }
      }
      const fields: Record<string, string> = {};
      for (let i = 0; i < row.length && i < header.length; i++) {
        if (i === voterCol || i === voteCol || i === pointsCol) continue;
        const v = row[i]!.trim();
        if (!isNone(v)) fields[header[i]!] = v;
      }
      let points: number[] | undefined;
      const pointsRaw = pointsCol >= 0 ? (row[pointsCol] ?? '').trim() : '';
      if (!isNone(pointsRaw)) {
        points = pointsRaw.split(',').map((s) => Number(s.trim()));
        if (points.length !== vote.length || points.some((x) => !Number.isFinite(x))) {
          throw new PbParseError(
            lineNo,
            `points "${pointsRaw}" do not match the vote`,
            `คะแนน "${pointsRaw}" ไม่ตรงกับรายการโครงการที่เลือก`,
          );
        }
      } else if (voteType === 'cumulative' || voteType === 'scoring') {
        if (vote.length > 0) throw new PbParseError(lineNo, 'cumulative/scoring vote without points', 'บัตรแบบให้คะแนนไม่มีคะแนน');
      }
      const v: PbVote = {
        voterId,
        vote,
        ...(points ? { points } : {}),
        ...(Object.keys(fields).length > 0 ? { fields } : {}),
      };
      votes.push(v);
    }
  }
  const last = lines.length;
  for (const s of ['meta', 'projects', 'votes'] as const) {
    if (!seen.has(s)) throw new PbParseError(last, `missing section ${s.toUpperCase()}`, `ไม่มีส่วน ${s.toUpperCase()}`);
  }
  if (meta['budget'] === undefined) throw new PbParseError(seen.get('meta')!, 'META has no budget', 'ส่วน META ไม่มี budget');
  parseCost(meta['budget'], seen.get('meta')!, 'budget');
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
  return parseCost(b, 0, 'budget');
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
