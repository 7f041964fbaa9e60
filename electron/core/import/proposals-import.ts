/**
 * The proposals import: the same reading, header detection, mapping (given, remembered or suggested), Thai value
 * parsing and row-level report as the needs import (read.ts, mapping.ts, shared/domain/import/*), into the round of
 * the fiscal year the file states (a title row such as "ประจำปีงบประมาณ พ.ศ. ๒๕๗๑" or a column) or the one given.
 * Every proposal is written through proposal-store.ts; a preview runs the very same writes in a transaction it rolls
 * back, so what the preview refuses is exactly what applying would refuse. Applying is one transaction: all or
 * nothing unless the user asks for the valid rows only (recorded on the batch).
 */
import { createHash } from 'node:crypto';
import { AppError, type InputProblem } from '../../../shared/api/errors';
import { CLEARABLE_FIELDS, type ClearableField, type ClearedField } from '../../../shared/api/projects';
import type {
  ImportPartPreview,
  PossiblyRenamed,
  ProposalsImportPreview,
  SamePriority,
  UnlistedProposals,
  ProposalsImportReport,
} from '../../../shared/api/types';
import type { HeaderDetection, MappedRow } from '../../../shared/domain/import/headers';
import { problem } from '../../../shared/domain/import/problems';
import {
  agenciesInTitle,
  fiscalYearIn,
  localGovernmentIn,
  parseFiscalYear,
  proposalsFromRows,
  samePriorities,
  type IssueRef,
  type ProposalFromRow,
  type TitleAgency,
} from '../../../shared/domain/import/proposal-rows';
import { agencyKey, proposalKey, renameCandidates } from '../../../shared/domain/import/proposal-renames';
import { PROPOSALS_TARGET } from '../../../shared/domain/import/proposals-target';
import type { ColumnMapping } from '../../../shared/domain/import/target';
import { type Cell } from '../../../shared/domain/import/values';
import { appendAudit } from '../audit/audit-log';
import type { Store } from '../db/database';
import { coveredAreas, proposalWriter, ScoredProposalError } from '../services/proposal-store';
import { outsideTambonsNote, type PlacedRecord } from './point-notes';
import {
  defaultSource,
  hiddenBeside,
  importNotes,
  hiddenPart,
  isNotesSheet,
  partWithoutHeader,
  readGridPart,
  type GridPart,
  titleTexts,
  storeAreas,
  summaryPart,
  sheetHeaders,
  summarySheets,
  chosenPart,
  notChosenPart,
  unknownSheets,
  inPart,
} from './mapping';
import { readImportFile, type ImportSource } from './read';

export type ProposalsImportOptions = Readonly<{
  mapping?: ColumnMapping;
  partial?: boolean;
  /** The fiscal year (BE) when the file states none; refused when the file states another. */
  fiscalYear?: number;
  /** Apply changes to proposals members have scored (they are flagged "changed after scoring"). */
  confirmAfterScoring?: boolean;
  /** The sheets (or a zip's files) to read, by name (see chosenPart); all of them when absent. */
  sheets?: readonly string[];
}>;

/**
 * A proposals file: its bytes, read here, or already read into its parts elsewhere (the compute worker's
 * `import.read`) with its SHA-256 (the batch records it).
 */
export type ProposalsFile = Buffer | Readonly<{ source: ImportSource; sha256: string }>;

type Located = ProposalFromRow & Readonly<{ part: string }>;

type Analysis = Readonly<{
  source: ImportSource;
  sourceName: string;
  parts: ImportPartPreview[];
  proposals: Located[];
  rows: number;
  problems: InputProblem[];
  problemCount: number;
  fiscalYear: number | null;
  round: { id: number; name: string } | null;
  remember: Map<string, Record<string, string>>;
}>;

/**
 * The agency a sheet's name names (a workbook with a sheet per agency), else null: the sheet's own name, without the
 * file's that its part name begins with ("แผน.xlsx#อบต.ทับกวาง" is อบต.ทับกวาง).
 */
function agencyOfSheet(partName: string): string | null {
  const t = partName.slice(partName.lastIndexOf('#') + 1).trim();
  if (/^(sheet|ชีต|แผ่นงาน)\s*\d*$/iu.test(t) || t === '' || /^\d+$/u.test(t)) return null;
  // A sheet named by its year ("ปี 2571", "ปีงบประมาณ 2571", "พ.ศ. 2571") is a year, never an agency.
  if (fiscalYearIn(t) !== null || /^(?:พ\.?\s*ศ\.?)?\s*[\d๐-๙]{4}$/u.test(t)) return null;
  return t;
}

/** The refusal of a table whose title rows name more than one agency (`part`: the sheet, in a workbook of several). */
function twoAgencies(named: readonly TitleAgency[], part: string | undefined): InputProblem {
  const en = named.map((a) => `'${a.agency}' (row ${a.row})`).join(' and ');
  const th = named.map((a) => `'${a.agency}' (แถวที่ ${a.row})`).join(' และ ');
  return problem(
    0,
    part,
    'TWO_AGENCIES',
    `the title above the table names more than one agency, ${en}, and the table has no agency column: one list is one agency's, or add a column 'หน่วยงานรับผิดชอบ' giving each row's`,
    `หัวเรื่องเหนือตารางระบุหน่วยงานมากกว่าหนึ่งหน่วยงาน คือ ${th} และตารางไม่มีคอลัมน์หน่วยงาน: หนึ่งบัญชีต้องเป็นของหน่วยงานเดียว หรือเพิ่มคอลัมน์ 'หน่วยงานรับผิดชอบ' ระบุหน่วยงานของแต่ละแถว`,
  );
}

function issuesOf(store: Store, roundId: number | null): IssueRef[] {
  if (roundId === null) return [];
  return store.sqlite
    .prepare('SELECT no, title_th AS titleTh, title_en AS titleEn FROM development_issue WHERE round_id = ? ORDER BY no')
    .all(roundId) as IssueRef[];
}

/** The round of a fiscal year: the newest one not archived, a real round before the demo. */
function roundOfYear(store: Store, fiscalYear: number): { id: number; name: string } | null {
  return (
    (store.sqlite
      .prepare('SELECT id, name FROM round WHERE fiscal_year = ? AND archived_at IS NULL ORDER BY demo ASC, id DESC LIMIT 1')
      .get(fiscalYear) as { id: number; name: string } | undefined) ?? null
  );
}

/**
 * The years stated in the rows above a part's header (its title rows) and in its name ("book.xlsx#ปี 2571": the sheet's
 * own name is also read alone, as a year alone states one only when it is the whole text; a workbook's only sheet is
 * named by `sheet`, its part by the file's name).
 */
function titleYears(
  rows: readonly (readonly Cell[])[],
  headerIndex: number,
  part: Readonly<{ name: string; sheet?: string }>,
): number[] {
  const names = [part.name, part.name.slice(part.name.lastIndexOf('#') + 1), ...(part.sheet === undefined ? [] : [part.sheet])];
  return [...names, ...titleLines(rows, headerIndex)].map(fiscalYearIn).filter((y): y is number => y !== null);
}

/** The texts of the rows above the header (a report's titles), each once. */
function titleLines(rows: readonly (readonly Cell[])[], headerIndex: number): string[] {
  return titleTexts(rows, headerIndex).map((t) => t.text);
}

/** Reads a proposals file and checks it against the round, without writing anything. */
export function analyzeProposalsImport(
  store: Store,
  fileName: string,
  file: ProposalsFile,
  options: ProposalsImportOptions = {},
): Analysis {
  const source = Buffer.isBuffer(file) ? readImportFile(fileName, file) : file.source;
  const sourceName = defaultSource(fileName);
  const areas = storeAreas(store);
  const parts: ImportPartPreview[] = [];
  const remember = new Map<string, Record<string, string>>();
  const problems: InputProblem[] = [];
  let problemCount = 0;
  const add = (p: InputProblem): void => {
    problemCount++;
    if (problems.length < 1000) problems.push(p);
  };
  const many = source.parts.length > 1;
  // Where each year was stated, to name both places when a file states two.
  const years = new Map<number, string>();
  const grids: {
    part: string;
    rows: readonly MappedRow[];
    labels: readonly string[];
    mapping: ColumnMapping;
    units: GridPart['units'];
    owner: string | null;
    agency: string | null;
  }[] = [];
  const grid = {
    sourceName,
    areas,
    given: options.mapping,
    firstLayout: null as string | null,
    // A multi-year plan's amounts are read from the round's year: the one chosen, else the one its title states.
    fiscalYear: (part: { name: string; sheet?: string; rows: Cell[][] }, header: HeaderDetection): number | null => {
      if (options.fiscalYear !== undefined) return options.fiscalYear;
      const stated = new Set(titleYears(part.rows, header.headerIndex, part));
      return stated.size === 1 ? [...stated][0]! : null;
    },
  };
  const noHeader = (name: string | undefined): InputProblem =>
    problem(
      0,
      name,
      'NO_HEADER',
      "no header row naming the proposals' columns was found in the first rows",
      'ไม่พบแถวหัวตารางที่ระบุคอลัมน์ของโครงการในแถวแรก ๆ',
    );
  // Sheets of notes passed over, refused after all when no sheet holds a table.
  const notes: string[] = [];
  const chosen = source.parts.filter((p) => chosenPart(p, options.sheets));
  const headers = sheetHeaders(chosen, PROPOSALS_TARGET);
  const summaries = summarySheets(headers, PROPOSALS_TARGET);
  unknownSheets(source.parts, options.sheets).forEach(add);
  let tables = 0;
  let rowCount = 0;
  for (const part of source.parts) {
    if (!chosen.includes(part)) {
      parts.push(notChosenPart(part.name, part.kind));
      continue;
    }
    if (part.kind !== 'grid') {
      add(
        problem(
          0,
          many ? part.name : undefined,
          'UNKNOWN_FORMAT',
          'proposals are read from a spreadsheet (XLSX, XLS, CSV or an HTML table), not from a feed',
          'นำเข้าโครงการได้จากตาราง (XLSX, XLS, CSV หรือตาราง HTML) เท่านั้น ไม่ใช่ไฟล์ข้อมูลแบบบรรทัด',
        ),
      );
      parts.push(partWithoutHeader(part.name, part.kind, 0));
      continue;
    }
    if (hiddenBeside(chosen, part)) {
      parts.push(hiddenPart(part.name));
      continue;
    }
    if (summaries.has(part)) {
      parts.push(summaryPart(part.name));
      continue;
    }
    const g = readGridPart(store, PROPOSALS_TARGET, part, grid, headers.get(part));
    if (!g) {
      if (many && isNotesSheet(part.rows)) notes.push(part.name);
      else add(noHeader(many ? part.name : undefined));
      parts.push(partWithoutHeader(part.name, 'grid', 0));
      continue;
    }
    tables++;
    for (const y of titleYears(part.rows, g.header.headerIndex, part)) {
      if (!years.has(y)) years.set(y, many ? part.name : 'title');
    }
    const problems = [...g.problems];
    if (!('requested' in g.mapping) && !('operating' in g.mapping) && !('investment' in g.mapping)) {
      problems.push(
        problem(
          0,
          part.name,
          'MISSING_COLUMN',
          "no column is mapped to the requested amount ('งบประมาณ', or operating and investment)",
          "ยังไม่มีคอลัมน์วงเงินที่ขอ ('งบประมาณ' หรือ งบดำเนินงาน/งบลงทุน)",
        ),
      );
    }
    rowCount += g.rows.length + g.refusedRows;
    const titles = titleTexts(part.rows, g.header.headerIndex);
    // Without an agency column, the agency of every row: the sheet's name in a workbook with a sheet per agency, else
    // the one a title row names ("สำนักงานเกษตรจังหวัดสระบุรี" above the table); two named there are refused.
    let agency = many ? agencyOfSheet(part.name) : null;
    if (agency === null && !('agency' in g.mapping)) {
      const named = agenciesInTitle(titles);
      if (named.length > 1) problems.push(twoAgencies(named, many ? part.name : undefined));
      else agency = named[0]?.agency ?? null;
    }
    if (problems.length > 0) problems.forEach(add);
    else {
      g.rowProblems.forEach(add);
      grids.push({
        part: part.name,
        rows: g.rows,
        labels: g.header.labels,
        mapping: g.mapping,
        units: g.units,
        owner: localGovernmentIn(titles.map((t) => t.text)),
        agency,
      });
      for (const [key, mapping] of g.remember) remember.set(key, mapping);
    }
    parts.push(g.preview);
  }
  if (tables === 0) notes.map(noHeader).forEach(add);
  // A table with its header and no proposal under it (a form sent back unfilled) is no import: refused as a file, as the
  // needs import refuses a file without records, rather than applied as an empty batch. A plan whose every project has
  // its money in other years only says so.
  if (tables > 0 && rowCount === 0) {
    const otherYears = parts.reduce((n, p) => n + p.skipped.year, 0);
    add(
      otherYears > 0
        ? problem(
            0,
            undefined,
            'EMPTY_FILE',
            `none of the plan's ${otherYears} projects has an amount in the round's fiscal year (only in other years' columns): nothing to import`,
            `ไม่มีโครงการใดใน ${otherYears} โครงการของแผนที่มีงบในปีงบประมาณของรอบ (มีเฉพาะปีอื่น) จึงไม่มีข้อมูลให้นำเข้า`,
          )
        : problem(
            0,
            undefined,
            'EMPTY_FILE',
            'the file has a header and no proposals under it',
            'ไฟล์มีแต่หัวตาราง ไม่มีรายการโครงการ',
          ),
    );
  }
  // A year column states the year row by row (a bad year cell is that row's problem, found with the rows).
  for (const g of grids) {
    if (!('fiscal_year' in g.mapping)) continue;
    for (const r of g.rows) {
      const y = parseFiscalYear(r.cells['fiscal_year'] ?? null);
      if (y.ok && !years.has(y.value)) years.set(y.value, `${g.part} ${r.row}`);
    }
  }
  const proposals: Located[] = [];
  const pass = (issues: readonly IssueRef[]): void => {
    for (const g of grids) {
      const r = proposalsFromRows(g.rows, {
        areas,
        issues,
        labels: g.labels,
        mapping: g.mapping,
        units: g.units,
        defaultAgency: g.agency,
        owner: g.owner,
      });
      for (const p of r.problems) add(many ? inPart(p, g.part) : p);
      problemCount += r.problemCount - r.problems.length;
      for (const p of r.proposals) proposals.push({ ...p, part: g.part });
    }
  };
  let fiscalYear: number | null = null;
  const stated = [...years.keys()].sort();
  if (stated.length > 1) {
    add(
      problem(
        0,
        undefined,
        'TWO_FISCAL_YEARS',
        `the file states more than one fiscal year (${stated.join(', ')}): one file is one round`,
        `ไฟล์ระบุปีงบประมาณมากกว่าหนึ่งปี (${stated.join(', ')}) หนึ่งไฟล์ต้องเป็นของรอบเดียว`,
      ),
    );
  } else if (stated.length === 1) {
    fiscalYear = stated[0]!;
    if (options.fiscalYear !== undefined && options.fiscalYear !== fiscalYear) {
      add(
        problem(
          0,
          undefined,
          'FISCAL_YEAR_MISMATCH',
          `the file states fiscal year ${fiscalYear}, not ${options.fiscalYear}`,
          `ไฟล์ระบุปีงบประมาณ ${fiscalYear} ไม่ใช่ ${options.fiscalYear}`,
        ),
      );
    }
  } else if (options.fiscalYear !== undefined) fiscalYear = options.fiscalYear;
  else if (!problems.some((p) => p.code === 'NO_FISCAL_YEAR')) {
    add(
      problem(
        0,
        undefined,
        'NO_FISCAL_YEAR',
        'the file states no fiscal year (a title such as "ประจำปีงบประมาณ พ.ศ. 2571" or a column); choose the round',
        'ไฟล์ไม่ได้ระบุปีงบประมาณ (เช่น หัวเรื่อง "ประจำปีงบประมาณ พ.ศ. 2571" หรือคอลัมน์ปีงบประมาณ) กรุณาเลือกรอบ',
      ),
    );
  }
  const round = fiscalYear === null ? null : roundOfYear(store, fiscalYear);
  if (fiscalYear !== null && !round) {
    add(
      problem(
        0,
        undefined,
        'NO_ROUND',
        `there is no round for fiscal year ${fiscalYear}: create it first`,
        `ยังไม่มีรอบของปีงบประมาณ ${fiscalYear} กรุณาสร้างรอบก่อน`,
      ),
    );
  }
  pass(issuesOf(store, round?.id ?? null));
  // A row without a code is known by its agency and name: the code made from them as written, or the code of the
  // round's proposal whose agency and name are the same spelt another way ("อบต. ทับกวาง", "องค์การบริหารส่วนตำบล
  // ทับกวาง"), which would otherwise be imported again beside it and its money counted twice.
  const keys = proposals.map((p) => (p.codeGiven ? null : proposalKey(p.input.agency, p.input.title)));
  // Rows refused for a code another agency's proposal holds: not written, even with `partial`.
  const taken = new Set<Located>();
  if (round) {
    const held = store.sqlite
      .prepare('SELECT code, title, agency FROM project WHERE round_id = ? ORDER BY code')
      .all(round.id) as {
      code: string;
      title: string;
      agency: string;
    }[];
    const codes = new Map(held.map((h) => [h.code, h]));
    const heldByKey = new Map(held.map((h) => [proposalKey(h.agency, h.title), h.code]));
    for (let i = 0; i < proposals.length; i++) {
      const p = proposals[i]!;
      const code = keys[i] === null || codes.has(p.input.code) ? undefined : heldByKey.get(keys[i]!);
      if (code !== undefined) proposals[i] = { ...p, input: { ...p.input, code } };
    }
    // Agencies number their own lists 1, 2, 3: a code the round already gives another agency's proposal is not this
    // row's to replace (its name, agency, areas and money would become the other agency's).
    const codeLabels = new Map(
      grids.map((g) => [g.part, g.mapping['code'] === undefined ? undefined : g.labels[g.mapping['code']]]),
    );
    for (let i = 0; i < proposals.length; i++) {
      const p = proposals[i]!;
      const owner = keys[i] === null ? codes.get(p.input.code) : undefined;
      if (!owner || agencyKey(owner.agency) === agencyKey(p.input.agency)) continue;
      const label = codeLabels.get(p.part);
      add(
        problem(
          p.row,
          many ? (label ? `${p.part} › ${label}` : p.part) : label,
          'CODE_OF_OTHER_AGENCY',
          `code ${p.input.code} already belongs to '${owner.title}' of ${owner.agency} in the round, and this row is of ${p.input.agency}: nothing was changed. Give this file's proposals codes no other agency uses in the round (e.g. with the agency's prefix before each number); if the proposal really moves to ${p.input.agency}, change its agency in the projects table first`,
          `รหัส ${p.input.code} เป็นของโครงการ '${owner.title}' ของ ${owner.agency} ในรอบนี้แล้ว แต่แถวนี้เป็นของ ${p.input.agency} จึงไม่ได้แก้ไขข้อมูลใด ๆ กรุณาใช้รหัสโครงการที่ไม่ซ้ำกับหน่วยงานอื่นในรอบ (เช่น ใส่ชื่อย่อหน่วยงานนำหน้าเลขลำดับ) หากโครงการย้ายมาเป็นของ ${p.input.agency} จริง ให้แก้หน่วยงานในตารางโครงการก่อน`,
        ),
      );
      taken.add(p);
    }
  }
  // One code once per file; one agency and name once among the rows without a code.
  const seen = new Map<string, Located>();
  const unique: Located[] = [];
  for (const [i, p] of proposals.entries()) {
    if (taken.has(p)) continue;
    const key = keys[i] === null ? p.input.code : `key:${keys[i]!}`;
    const prior = seen.get(p.input.code) ?? seen.get(key);
    if (prior) {
      const where = {
        en: `row ${prior.row}${many ? ` of ${prior.part}` : ''}`,
        th: `แถวที่ ${prior.row}${many ? ` ของ ${prior.part}` : ''}`,
      };
      // A row without a code is known by its agency and name: the code made from them is in no file, so say what is the same.
      const [en, th] = p.codeGiven
        ? agencyKey(prior.input.agency) === agencyKey(p.input.agency)
          ? [`code ${p.input.code} is also on ${where.en}`, `รหัส ${p.input.code} ซ้ำกับ${where.th}`]
          : [
              `code ${p.input.code} is also on ${where.en}, a proposal of ${prior.input.agency}, and this row is of ${p.input.agency}: give each agency's proposals codes of their own (e.g. with the agency's prefix)`,
              `รหัส ${p.input.code} ซ้ำกับ${where.th} ซึ่งเป็นโครงการของ ${prior.input.agency} แต่แถวนี้เป็นของ ${p.input.agency} กรุณาใช้รหัสโครงการที่ไม่ซ้ำกันระหว่างหน่วยงาน (เช่น ใส่ชื่อย่อหน่วยงานนำหน้า)`,
            ]
        : [
            `the same project ('${p.input.title}' of ${p.input.agency}) is also on ${where.en}: a project without a code is known by its agency and name; remove the repeated row, or give each row its own code`,
            `โครงการเดียวกัน ('${p.input.title}' ของ ${p.input.agency}) ซ้ำกับ${where.th}: โครงการที่ไม่มีรหัสจะระบุด้วยหน่วยงานและชื่อโครงการ กรุณาลบแถวที่ซ้ำ หรือใส่รหัสโครงการให้แต่ละแถว`,
          ];
      add(problem(p.row, many ? p.part : undefined, 'DUPLICATE_CODE', en, th));
      continue;
    }
    seen.set(p.input.code, p);
    seen.set(key, p);
    unique.push(p);
  }
  return { source, sourceName, parts, proposals: unique, rows: rowCount, problems, problemCount, fiscalYear, round, remember };
}

class Rollback extends Error {}

type Outcome = {
  /** The proposals created or changed, for the batch's audit event. */
  written: { code: string; projectId: number; kind: 'new' | 'changed'; version: number }[];
  newCount: number;
  changedCount: number;
  unchangedCount: number;
  scoredChanged: string[];
  problems: InputProblem[];
  /** The codes of the proposals whose value of a field the file leaves empty, by field (in CLEARABLE_FIELDS' order). */
  cleared: Map<ClearableField, string[]>;
};

const noOutcome = (): Outcome => ({
  written: [],
  newCount: 0,
  changedCount: 0,
  unchangedCount: 0,
  scoredChanged: [],
  problems: [],
  cleared: new Map(),
});

/** The most codes a cleared field names (the count says how many). */
const CLEARED_CODES_SHOWN = 10;

/** The outcome's cleared values for the preview and the report. */
function clearedFields(outcome: Outcome): ClearedField[] {
  return CLEARABLE_FIELDS.flatMap((field) => {
    const codes = outcome.cleared.get(field) ?? [];
    return codes.length > 0 ? [{ field, count: codes.length, codes: codes.slice(0, CLEARED_CODES_SHOWN) }] : [];
  });
}

/** Writes the analysed proposals (in the caller's transaction): the store's refusals become row problems. */
function writeAll(store: Store, a: Analysis, roundId: number, actor: string, confirm: boolean): Outcome {
  const out = noOutcome();
  const many = a.source.parts.length > 1;
  const writer = proposalWriter(store.sqlite, { bulk: true });
  for (const p of a.proposals) {
    try {
      const r = writer.write(roundId, p.input, actor, { confirmAfterScoring: confirm, audit: false });
      if (r.kind === 'new') out.newCount++;
      else if (r.kind === 'changed') out.changedCount++;
      else out.unchangedCount++;
      if (r.kind !== 'unchanged') out.written.push({ code: p.input.code, projectId: r.id, kind: r.kind, version: r.version });
      for (const field of r.cleared ?? []) {
        const codes = out.cleared.get(field);
        if (codes) codes.push(p.input.code);
        else out.cleared.set(field, [p.input.code]);
      }
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      const scored = e instanceof ScoredProposalError;
      if (scored) out.scoredChanged.push(p.input.code);
      const first = e.problems?.[0];
      out.problems.push(
        problem(
          p.row,
          many ? p.part : (first?.column ?? undefined),
          scored
            ? 'SCORED_PROPOSAL'
            : /area|tambon|district/iu.test(e.message)
              ? 'UNKNOWN_AREA'
              : /issue/u.test(e.message)
                ? 'UNKNOWN_ISSUE'
                : 'BAD_PROPOSAL',
          e.message,
          e.messageTh,
        ),
      );
    }
  }
  return out;
}

/**
 * What the file says of the round's proposals beyond its own rows: its new proposals without a code (known by agency
 * and name) that probably rename one it no longer lists (imported as new, the old one kept; see proposal-renames.ts),
 * for each agency of the file, its proposals in the round the file does not list (kept: nothing is withdrawn by
 * leaving it out of a file), those possibly renamed aside, and the priorities the file gives that another proposal of
 * the agency, in the file or among the round's proposals it does not list, already has.
 */
function fileAgainstRound(
  store: Store,
  a: Analysis,
  roundId: number,
): { possiblyRenamed: PossiblyRenamed[]; unlisted: UnlistedProposals[]; samePriority: SamePriority[] } {
  const held = store.sqlite
    .prepare('SELECT code, title, agency, agency_priority AS agencyPriority FROM project WHERE round_id = ? ORDER BY code')
    .all(roundId) as HeldProposal[];
  const inRound = new Set(held.map((p) => p.code));
  const inFile = new Set(a.proposals.map((p) => p.input.code));
  const notListed = held.filter((p) => !inFile.has(p.code));
  const fresh = a.proposals.filter((p) => !p.codeGiven && !inRound.has(p.input.code));
  const byCode = new Map(fresh.map((p) => [p.input.code, p]));
  const found =
    fresh.length === 0
      ? []
      : renameCandidates(
          fresh.map((p) => p.input),
          notListed,
        );
  const many = a.source.parts.length > 1;
  const possiblyRenamed = found.map((r) => {
    const p = byCode.get(r.code)!;
    return { row: p.row, ...(many ? { part: p.part } : {}), title: r.title, wasCode: r.was.code, wasTitle: r.was.title };
  });
  const renamedFrom = new Set(found.map((r) => r.was.code));
  // By agency, however each spells it: named as the file first spells it.
  const agencies = new Map<string, string>();
  for (const p of a.proposals) {
    const key = agencyKey(p.input.agency);
    if (!agencies.has(key)) agencies.set(key, p.input.agency.trim());
  }
  const unlisted = new Map<string, string[]>();
  for (const p of notListed) {
    const agency = agencies.get(agencyKey(p.agency));
    if (agency === undefined || renamedFrom.has(p.code)) continue;
    const codes = unlisted.get(agency);
    if (codes) codes.push(p.code);
    else unlisted.set(agency, [p.code]);
  }
  return {
    possiblyRenamed,
    unlisted: [...unlisted].map(([agency, codes]) => ({ agency, count: codes.length, codes: codes.slice(0, UNLISTED_CODES) })),
    // A proposal the file lists is replaced by its row: only those it does not list hold a priority besides the file's.
    samePriority: samePriorityOf(a, notListed),
  };
}

/** A proposal of the round as the import compares the file with it. */
type HeldProposal = Readonly<{ code: string; title: string; agency: string; agencyPriority: number | null }>;

/**
 * The file's agencies that give a proposal a priority another of their proposals has, in the file or among `held` (the
 * round's proposals the file does not list); each is imported as written.
 */
function samePriorityOf(a: Analysis, held: readonly HeldProposal[]): SamePriority[] {
  const many = a.source.parts.length > 1;
  return samePriorities(
    a.proposals.map((p) => ({ ...p, agency: p.input.agency, agencyPriority: p.input.agencyPriority })),
    held,
  ).map((g) => ({
    agency: g.agency,
    priority: g.priority,
    proposals: g.items.map((p) => ({ row: p.row, ...(many ? { part: p.part } : {}), code: p.input.code })),
    held: g.held.map((h) => ({ code: h.code, title: h.title })),
  }));
}

/** Codes named per agency whose proposals a file leaves out (the count says how many in all). */
const UNLISTED_CODES = 20;

/**
 * What the preview and the report say of proposals whose point lies in none of the tambons they cover (a district's
 * or the province's proposal: any of its tambons) as the stored boundaries draw them (point-notes.ts).
 */
function pointNotes(store: Store, a: Analysis): { en: string; th: string }[] {
  const located = a.proposals.filter((p) => p.input.point !== null);
  if (located.length === 0) return [];
  const tambonDistrict = new Map(
    store.sqlite.prepare('SELECT code, district_code FROM area_tambon').raw().all() as [string, string][],
  );
  const many = a.source.parts.length > 1;
  const placed: PlacedRecord[] = located.map((p) => {
    const sheet = many ? `${p.part.slice(p.part.indexOf('#') + 1)} ` : '';
    return {
      at: { en: `${sheet}row ${p.row}`, th: `${sheet}แถวที่ ${p.row}` },
      tambons: coveredAreas(tambonDistrict, p.input).tambons,
      point: p.input.point!,
    };
  });
  return outsideTambonsNote(store, placed, (count, en, th) => ({
    en: `${count} proposal(s) have a point outside the tambons they cover (${en}): the area or the point may be wrong; kept as given`,
    th: `โครงการ ${count} โครงการมีพิกัดอยู่นอกตำบลที่ดำเนินการ (${th}) พื้นที่หรือพิกัดอาจไม่ถูกต้อง ระบบเก็บตามที่ระบุ`,
  }));
}

/** `projects.importPreview`: the analysis and the outcome of writing it, rolled back. */
export function previewProposalsImport(
  store: Store,
  fileName: string,
  file: ProposalsFile,
  options: ProposalsImportOptions = {},
): ProposalsImportPreview {
  const a = analyzeProposalsImport(store, fileName, file, options);
  let outcome = noOutcome();
  const against = a.round
    ? fileAgainstRound(store, a, a.round.id)
    : { possiblyRenamed: [], unlisted: [], samePriority: samePriorityOf(a, []) };
  if (a.round) {
    try {
      store.sqlite.transaction(() => {
        outcome = writeAll(store, a, a.round!.id, 'preview', options.confirmAfterScoring === true);
        throw new Rollback();
      })();
    } catch (e) {
      if (!(e instanceof Rollback)) throw e;
    }
  }
  const problems = [...a.problems, ...outcome.problems];
  const notes = pointNotes(store, a);
  return {
    fileName,
    format: a.source.format,
    encoding: a.source.encoding,
    source: a.sourceName,
    fields: PROPOSALS_TARGET.fields.map((f) => ({ key: f.key, th: f.th, en: f.en, required: f.required })),
    parts: a.parts,
    rows: a.rows,
    valid: outcome.newCount + outcome.changedCount + outcome.unchangedCount,
    problemCount: a.problemCount + outcome.problems.length,
    problems: problems.sort((x, y) => x.line - y.line).slice(0, 500),
    droppedFields: {},
    fiscalYear: a.fiscalYear,
    roundId: a.round?.id ?? null,
    roundName: a.round?.name ?? null,
    newCount: outcome.newCount,
    changedCount: outcome.changedCount,
    unchangedCount: outcome.unchangedCount,
    scoredChanged: outcome.scoredChanged,
    possiblyRenamed: against.possiblyRenamed,
    unlisted: against.unlisted,
    samePriority: against.samePriority,
    cleared: clearedFields(outcome),
    ...(notes.length > 0 ? { notes } : {}),
  };
}

/** importNotes' notes with the points' (mappingNotes), when there are any. */
function withPointNotes<T extends { mappingNotes?: readonly { en: string; th: string }[] }>(
  notes: T,
  points: readonly { en: string; th: string }[],
): T {
  const all = [...(notes.mappingNotes ?? []), ...points];
  return all.length > 0 ? { ...notes, mappingNotes: all } : notes;
}

/** `projects.importApply` and `projects-import`: one transaction; refused as a whole unless partial was asked. */
export function applyProposalsImport(
  store: Store,
  fileName: string,
  file: ProposalsFile,
  actor: string,
  options: ProposalsImportOptions = {},
): ProposalsImportReport {
  const a = analyzeProposalsImport(store, fileName, file, options);
  const fileLevel = a.problems.filter((p) => p.line === 0);
  if (fileLevel.length > 0 || !a.round || a.fiscalYear === null) {
    throw new AppError(
      'IMPORT_REJECTED',
      `the file was refused: ${fileLevel[0]?.en ?? 'no round'}`,
      `ไม่รับไฟล์: ${fileLevel[0]?.th ?? 'ไม่มีรอบ'}`,
      a.problems,
    );
  }
  const round = a.round;
  const fiscalYear = a.fiscalYear;
  const otherYearsOnly = a.parts.reduce((n, p) => n + p.skipped.year, 0);
  const save = store.sqlite.prepare(`INSERT INTO import_mapping (target, source_key, mapping_json, updated_at) VALUES (?, ?, ?, ?)
    ON CONFLICT (target, source_key) DO UPDATE SET mapping_json = excluded.mapping_json, updated_at = excluded.updated_at`);
  return store.sqlite.transaction((): ProposalsImportReport => {
    const against = fileAgainstRound(store, a, round.id);
    const outcome = writeAll(store, a, round.id, actor, options.confirmAfterScoring === true);
    const problems = [...a.problems, ...outcome.problems].sort((x, y) => x.line - y.line);
    const rejectedCount = a.problemCount + outcome.problems.length;
    if (rejectedCount > 0 && options.partial !== true) {
      const scored = outcome.scoredChanged.length;
      throw new AppError(
        'IMPORT_REJECTED',
        scored > 0 && scored === rejectedCount
          ? `${scored} proposals members have scored would change: confirm to apply`
          : `${rejectedCount} problems in the file: nothing was imported`,
        scored > 0 && scored === rejectedCount
          ? `โครงการที่มีคะแนนแล้ว ${scored} โครงการจะถูกแก้ไข กรุณายืนยันก่อนนำเข้า`
          : `พบปัญหา ${rejectedCount} รายการในไฟล์ ไม่ได้นำเข้าข้อมูลใด ๆ`,
        problems.slice(0, 1000),
      );
    }
    const at = new Date().toISOString();
    const fileHash = Buffer.isBuffer(file) ? createHash('sha256').update(file).digest('hex') : file.sha256;
    const info = store.sqlite
      .prepare(
        `INSERT INTO project_batch (round_id, file_name, file_hash, at, actor, new_count, changed_count, unchanged_count,
           rejected_count, partial) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        round.id,
        fileName,
        fileHash,
        at,
        actor,
        outcome.newCount,
        outcome.changedCount,
        outcome.unchangedCount,
        rejectedCount,
        rejectedCount > 0 ? 1 : 0,
      );
    const batchId = Number(info.lastInsertRowid);
    appendAudit(store.sqlite, actor, 'proposals.imported', {
      batchId,
      roundId: round.id,
      fileName,
      fileHash,
      new: outcome.newCount,
      changed: outcome.changedCount,
      unchanged: outcome.unchangedCount,
      rejected: rejectedCount,
      // Each proposal created or changed, with its new version (the edits of one file are one event).
      proposals: outcome.written,
      // The values the file left empty, with every proposal's code.
      ...(outcome.cleared.size > 0 ? { cleared: Object.fromEntries(outcome.cleared) } : {}),
    });
    for (const [key, mapping] of a.remember) save.run(PROPOSALS_TARGET.id, key, JSON.stringify(mapping), at);
    return {
      batchId,
      roundId: round.id,
      fiscalYear,
      fileName,
      newCount: outcome.newCount,
      changedCount: outcome.changedCount,
      unchangedCount: outcome.unchangedCount,
      partial: rejectedCount > 0,
      rejected: problems.slice(0, 200),
      rejectedCount,
      ...withPointNotes(importNotes(a.parts, PROPOSALS_TARGET), pointNotes(store, a)),
      ...(otherYearsOnly > 0 ? { otherYearsOnly } : {}),
      ...(against.possiblyRenamed.length > 0 ? { possiblyRenamed: against.possiblyRenamed } : {}),
      ...(against.unlisted.length > 0 ? { unlisted: against.unlisted } : {}),
      ...(against.samePriority.length > 0 ? { samePriority: against.samePriority } : {}),
      ...(outcome.cleared.size > 0 ? { cleared: clearedFields(outcome) } : {}),
    };
  })();
}
