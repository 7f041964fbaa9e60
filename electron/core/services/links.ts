/**
 * The evidence links between proposals and citizens' needs: suggestions (ranked by shared/domain/links), accepting,
 * rejecting, linking and unlinking (each one transaction with its audit event), and a proposal's evidence
 * recomputed from its links. Synchronous (better-sqlite3); the round-wide suggestions run on the compute worker
 * from the compact columns read here (readRoundSuggestInputs).
 */
import type Database from 'better-sqlite3';
import { AppError } from '../../../shared/api/errors';
import { proposalEvidence } from '../../../shared/domain/links/evidence';
import { buildNeedIndex, suggestFromIndex, type NeedTable } from '../../../shared/domain/links/need-index';
import { proposalQuery } from '../../../shared/domain/links/rank';
import { distanceKm } from '../../../shared/domain/polygon';
import type { RoundProposal } from '../../../shared/domain/links/suggest-round';
import {
  LINKED_NEEDS_SHOWN,
  type LinkChange,
  type LinkedNeed,
  type NeedSummary,
  type ProjectLinksView,
  type SuggestionsView,
} from '../../../shared/domain/links/types';
import { readProposal } from './proposal-store';
import { appendAudit } from '../audit/audit-log';

export const DEFAULT_SUGGESTIONS = 20;

type NeedRow = {
  id: number;
  title: string;
  tambon_code: string;
  village_no: number | null;
  category: string;
  people_affected: number;
  households: number;
  times_raised: number;
  estimated_cost: number | null;
  status: 'active' | 'withdrawn';
};

const NEED_COLUMNS = `n.id, n.title, n.tambon_code, n.village_no, n.category, n.people_affected, n.households, n.times_raised,
  n.estimated_cost, n.status`;

function toSummary(r: NeedRow): NeedSummary {
  return {
    id: r.id,
    title: r.title,
    tambonCode: r.tambon_code,
    villageNo: r.village_no,
    category: r.category,
    people: r.people_affected,
    households: r.households,
    timesRaised: r.times_raised,
    estimatedCost: r.estimated_cost,
    status: r.status,
  };
}

type ProjectRow = { id: number; round_id: number; code: string; title: string; requested: number; evidence_changed: number };

function projectOrThrow(sqlite: Database.Database, projectId: number): ProjectRow {
  const p = sqlite
    .prepare('SELECT id, round_id, code, title, requested, evidence_changed FROM project WHERE id = ?')
    .get(projectId) as ProjectRow | undefined;
  if (!p) throw new AppError('NOT_FOUND', `proposal ${projectId} does not exist`, `ไม่พบโครงการ ${projectId}`);
  return p;
}

/** Needs already linked to the proposal or rejected for it: never suggested again. */
function excludedNeeds(sqlite: Database.Database, projectId: number): number[] {
  return sqlite
    .prepare(
      'SELECT need_id FROM project_need WHERE project_id = ? UNION SELECT need_id FROM link_rejection WHERE project_id = ?',
    )
    .pluck()
    .all(projectId, projectId) as number[];
}

/** Builds the compact columns from need rows (id, tambon, category, title, people, times raised). */
class NeedTableBuilder {
  private readonly ids: number[] = [];
  private readonly tambon: number[] = [];
  private readonly category: number[] = [];
  private readonly text: number[] = [];
  private readonly people: number[] = [];
  private readonly timesRaised: number[] = [];
  private readonly tambons = new Map<string, number>();
  private readonly categories = new Map<string, number>();
  private readonly texts = new Map<string, number>();

  add(id: number, tambon: string, category: string, title: string, people: number, timesRaised: number): void {
    this.ids.push(id);
    this.tambon.push(intern(this.tambons, tambon));
    this.category.push(intern(this.categories, category));
    this.text.push(intern(this.texts, title));
    this.people.push(people);
    this.timesRaised.push(timesRaised);
  }

  build(): NeedTable {
    return {
      ids: Int32Array.from(this.ids),
      tambon: Int32Array.from(this.tambon),
      category: Int32Array.from(this.category),
      text: Int32Array.from(this.text),
      people: Int32Array.from(this.people),
      timesRaised: Int32Array.from(this.timesRaised),
      tambonCodes: [...this.tambons.keys()],
      categoryIds: [...this.categories.keys()],
      texts: [...this.texts.keys()],
    };
  }
}

/** A need as the ranking reads it: id, tambon, category, title, people, times raised. */
type NeedTextRow = [number, string, string, string, number, number];

function pushTo<T>(map: Map<number, T[]>, key: number, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function intern(map: Map<string, number>, key: string): number {
  let id = map.get(key);
  if (id === undefined) map.set(key, (id = map.size));
  return id;
}

/** The active needs in a proposal's tambons as compact columns (the candidates and the pool word rarity counts over). */
function areaNeeds(sqlite: Database.Database, projectId: number): NeedTable {
  const builder = new NeedTableBuilder();
  const rows = sqlite
    .prepare(
      `SELECT n.id, n.tambon_code, n.category, n.title, n.people_affected, n.times_raised
         FROM project_area pa JOIN need n ON n.tambon_code = pa.tambon_code
        WHERE pa.project_id = ? AND n.status = 'active'`,
    )
    .raw()
    .iterate(projectId) as IterableIterator<NeedTextRow>;
  for (const r of rows) builder.add(...r);
  return builder.build();
}

/** The best needs for one proposal of the round, not linked and not rejected, with their reasons. */
export function suggestNeeds(sqlite: Database.Database, roundId: number, projectId: number, limit: number): SuggestionsView {
  const proposal = readProposal(sqlite, projectId);
  if (!proposal || proposal.roundId !== roundId) {
    throw new AppError(
      'NOT_FOUND',
      `proposal ${projectId} is not in round ${roundId}`,
      `ไม่พบโครงการ ${projectId} ในรอบที่ ${roundId}`,
    );
  }
  const query = proposalQuery({ ...proposal, tambons: proposal.coveredTambons });
  const ranked = suggestFromIndex(
    buildNeedIndex(areaNeeds(sqlite, projectId)),
    query,
    limit,
    new Set(excludedNeeds(sqlite, projectId)),
  );
  const ids = ranked.map((r) => r.needId);
  const byId = needSummaries(sqlite, ids);
  const at = proposal.point;
  // Where the proposal has a point, how far each suggested need with one lies from it.
  const far = new Map<number, number>();
  if (at && ids.length > 0) {
    const rows = sqlite
      .prepare(
        'SELECT id, lat, lon FROM need WHERE id IN (SELECT value FROM json_each(?)) AND lat IS NOT NULL AND lon IS NOT NULL',
      )
      .raw()
      .all(JSON.stringify(ids)) as [number, number, number][];
    for (const [id, lat, lon] of rows) far.set(id, distanceKm([at.lon, at.lat], [lon, lat]));
  }
  return {
    projectId,
    categories: query.categories,
    suggestions: ranked.flatMap((r) => {
      const need = byId.get(r.needId);
      const km = far.get(r.needId);
      return need ? [{ need, score: r.score, reasons: r.reasons, ...(km === undefined ? {} : { distanceKm: km }) }] : [];
    }),
  };
}

function needSummaries(sqlite: Database.Database, ids: readonly number[]): Map<number, NeedSummary> {
  if (ids.length === 0) return new Map();
  const rows = sqlite
    .prepare(`SELECT ${NEED_COLUMNS} FROM need n WHERE n.id IN (SELECT value FROM json_each(?))`)
    .all(JSON.stringify(ids)) as NeedRow[];
  return new Map(rows.map((r) => [r.id, toSummary(r)]));
}

export type LinkAction = 'accept' | 'link' | 'reject' | 'unlink';

const ORIGIN = { accept: 'suggestion', link: 'manual' } as const;

/**
 * Accepts suggestions, links or unlinks needs, or rejects suggestions for one proposal, in one transaction with
 * one audit event. A change of links of a proposal that already has scores flags it "evidence changed". Refuses an
 * unknown proposal or need and a round that is approved or closed.
 */
export function changeLinks(
  sqlite: Database.Database,
  action: LinkAction,
  projectId: number,
  needIds: readonly number[],
  actor: string,
): LinkChange & { roundId: number } {
  return sqlite.transaction(() => {
    const project = projectOrThrow(sqlite, projectId);
    const status = sqlite.prepare('SELECT status FROM round WHERE id = ?').pluck().get(project.round_id) as string | undefined;
    if (status === 'approved' || status === 'closed') {
      throw new AppError(
        'INVALID_STATE',
        `the round is ${status}: the evidence of its proposals can no longer change`,
        'รอบนี้อนุมัติหรือปิดแล้ว เปลี่ยนหลักฐานความต้องการของโครงการไม่ได้',
      );
    }
    const ids = [...new Set(needIds)].sort((a, b) => a - b);
    const known = new Set(
      sqlite
        .prepare('SELECT id FROM need WHERE id IN (SELECT value FROM json_each(?))')
        .pluck()
        .all(JSON.stringify(ids)) as number[],
    );
    const missing = ids.filter((id) => !known.has(id));
    if (missing.length > 0) {
      throw new AppError('NOT_FOUND', `needs not found: ${missing.join(', ')}`, `ไม่พบความต้องการ: ${missing.join(', ')}`);
    }
    const now = new Date().toISOString();
    const done: number[] = [];
    if (action === 'accept' || action === 'link') {
      const add = sqlite.prepare(
        'INSERT OR IGNORE INTO project_need (project_id, need_id, coverage, origin, linked_at) VALUES (?, ?, 1, ?, ?)',
      );
      const unreject = sqlite.prepare('DELETE FROM link_rejection WHERE project_id = ? AND need_id = ?');
      for (const id of ids) {
        if (add.run(projectId, id, ORIGIN[action], now).changes > 0) done.push(id);
        unreject.run(projectId, id);
      }
    } else if (action === 'unlink') {
      const remove = sqlite.prepare('DELETE FROM project_need WHERE project_id = ? AND need_id = ?');
      for (const id of ids) if (remove.run(projectId, id).changes > 0) done.push(id);
    } else {
      // A linked need is evidence, not a suggestion: rejecting it needs an unlink first.
      const reject = sqlite.prepare(
        `INSERT OR IGNORE INTO link_rejection (project_id, need_id, at, actor)
         SELECT ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM project_need WHERE project_id = ? AND need_id = ?)`,
      );
      for (const id of ids) if (reject.run(projectId, id, now, actor, projectId, id).changes > 0) done.push(id);
    }
    let evidenceChanged = project.evidence_changed === 1;
    if (done.length > 0 && action !== 'reject' && !evidenceChanged) {
      const scored = sqlite.prepare('SELECT 1 FROM score WHERE project_id = ? LIMIT 1').get(projectId) !== undefined;
      if (scored) {
        sqlite.prepare('UPDATE project SET evidence_changed = 1 WHERE id = ?').run(projectId);
        evidenceChanged = true;
      }
    }
    if (done.length > 0) {
      appendAudit(sqlite, actor, `links.${action}`, {
        roundId: project.round_id,
        projectId,
        code: project.code,
        needIds: done,
        evidenceChanged,
      });
    }
    return { projectId, roundId: project.round_id, changed: done.length, evidenceChanged };
  })();
}

/**
 * The proposal's first linked needs (withdrawn ones shown, not counted), how many there are, and its evidence recomputed
 * from all of them.
 */
export function projectLinks(sqlite: Database.Database, projectId: number): ProjectLinksView {
  const project = projectOrThrow(sqlite, projectId);
  const rows = sqlite
    .prepare(
      `SELECT ${NEED_COLUMNS}, pn.origin, pn.linked_at, pn.coverage FROM project_need pn JOIN need n ON n.id = pn.need_id
        WHERE pn.project_id = ? ORDER BY n.tambon_code, n.village_no, n.id`,
    )
    .all(projectId) as (NeedRow & { origin: LinkedNeed['origin']; linked_at: string | null; coverage: number })[];
  const linked = rows.map((r): LinkedNeed => ({
    ...toSummary(r),
    origin: r.origin,
    linkedAt: r.linked_at,
    coverage: r.coverage,
  }));
  const evidence = proposalEvidence(
    project.requested,
    linked
      .filter((n) => n.status === 'active')
      .map((n) => ({
        tambon: n.tambonCode,
        village: n.villageNo,
        category: n.category,
        people: n.people,
        households: n.households,
        timesRaised: n.timesRaised,
        coverage: n.coverage,
      })),
  );
  return {
    projectId,
    roundId: project.round_id,
    code: project.code,
    title: project.title,
    requested: project.requested,
    evidenceChanged: project.evidence_changed === 1,
    linked: linked.slice(0, LINKED_NEEDS_SHOWN),
    linkedTotal: linked.length,
    linkedIds: linked.map((n) => n.id),
    evidence,
  };
}

/**
 * What the round-wide suggestions need, read in compact columns: every active need in any tambon some proposal of
 * the round covers, and each proposal with its tambons and the needs it must not be offered again.
 */
export function readRoundSuggestInputs(
  sqlite: Database.Database,
  roundId: number,
): { table: NeedTable; proposals: RoundProposal[] } {
  const proposals = sqlite
    .prepare('SELECT id, title, description, strategy FROM project WHERE round_id = ? ORDER BY code')
    .all(roundId) as { id: number; title: string; description: string; strategy: string }[];
  const tambons = new Map<number, string[]>();
  const exclude = new Map<number, number[]>();
  const areaRows = sqlite
    .prepare(
      'SELECT pa.project_id, pa.tambon_code FROM project_area pa JOIN project p ON p.id = pa.project_id WHERE p.round_id = ?',
    )
    .raw()
    .iterate(roundId) as IterableIterator<[number, string]>;
  for (const [p, t] of areaRows) pushTo(tambons, p, t);
  const excludedRows = sqlite
    .prepare(
      `SELECT x.project_id, x.need_id FROM (SELECT project_id, need_id FROM project_need UNION SELECT project_id, need_id FROM link_rejection) x
         JOIN project p ON p.id = x.project_id WHERE p.round_id = ?`,
    )
    .raw()
    .iterate(roundId) as IterableIterator<[number, number]>;
  for (const [p, n] of excludedRows) pushTo(exclude, p, n);
  // Only needs in a tambon some proposal covers can be suggested (filtered here: cheaper than in SQL for a province).
  const covered = new Set([...tambons.values()].flat());
  const builder = new NeedTableBuilder();
  const needRows = sqlite
    .prepare(
      `SELECT n.id, n.tambon_code, n.category, n.title, n.people_affected, n.times_raised
         FROM need n WHERE n.status = 'active' ORDER BY n.id`,
    )
    .raw()
    .iterate() as IterableIterator<NeedTextRow>;
  for (const r of needRows) if (covered.has(r[1])) builder.add(...r);
  return {
    table: builder.build(),
    proposals: proposals.map((p) => ({ ...p, tambons: tambons.get(p.id) ?? [], exclude: exclude.get(p.id) ?? [] })),
  };
}
