/**
 * Every proposal as one JSON line (the command line's `projects-export`), keys in this order: code, name, level,
 * owner_agency, development_issue (its number), tambon_codes (sorted DOPA codes), requested, minimum (baht with two
 * decimals; minimum null when not stated), people, households, agency_priority (integers or null; the agency's own
 * ranking, 1 = most important), fiscal_year (BE), lat and lon (its point in degrees, or null); sorted by code
 * (then fiscal year). The demo round's proposals are left out unless it is the only round of the year asked for.
 */
import type Database from 'better-sqlite3';
import { listProposals } from '../services/proposal-store';

/** Satang as baht text with two decimals and no separators: 125000000 → "1250000.00". */
function bahtText(satang: number): string {
  return `${Math.floor(satang / 100)}.${String(satang % 100).padStart(2, '0')}`;
}

export type ExportedRound = Readonly<{ id: number; name: string; fy: number; demo: boolean }>;

/**
 * The rounds an export covers: every real round, or the real rounds of `fiscalYear`; the synthetic demo round only when
 * it is the only round of the year asked for (its 300 made-up proposals never mix into a real round's list).
 */
export function proposalExportRounds(sqlite: Database.Database, fiscalYear?: number): ExportedRound[] {
  const rows = (
    sqlite
      .prepare(
        fiscalYear === undefined
          ? 'SELECT id, name, fiscal_year AS fy, demo FROM round WHERE demo = 0 ORDER BY fiscal_year, id'
          : 'SELECT id, name, fiscal_year AS fy, demo FROM round WHERE fiscal_year = ? ORDER BY id',
      )
      .all(...(fiscalYear === undefined ? [] : [fiscalYear])) as { id: number; name: string; fy: number; demo: number }[]
  ).map((r) => ({ id: r.id, name: r.name, fy: r.fy, demo: r.demo === 1 }));
  const real = rows.filter((r) => !r.demo);
  return real.length > 0 ? real : rows;
}

export function* exportProposalLines(sqlite: Database.Database, rounds: readonly ExportedRound[]): Generator<string> {
  const all = rounds.flatMap((r) => listProposals(sqlite, r.id).map((p) => ({ p, fy: r.fy })));
  all.sort((a, b) => (a.p.code < b.p.code ? -1 : a.p.code > b.p.code ? 1 : a.fy - b.fy));
  for (const { p, fy } of all) {
    yield JSON.stringify({
      code: p.code,
      name: p.title,
      level: p.level,
      owner_agency: p.agency,
      development_issue: p.developmentIssueNo,
      tambon_codes: [...p.coveredTambons].sort(),
      requested: bahtText(p.requested),
      minimum: p.minimum === null ? null : bahtText(p.minimum),
      people: p.people,
      households: p.households,
      agency_priority: p.agencyPriority,
      fiscal_year: fy,
      lat: p.point?.lat ?? null,
      lon: p.point?.lon ?? null,
    });
  }
}
