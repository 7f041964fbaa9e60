/**
 * The one typed contract between every client (Electron window, browser, workshop device) and the core.
 * Each method has an argument schema (zod), the roles that may call it and a result type. Adding a method
 * here without a handler in electron/core/handlers fails to compile (`handlers satisfies HandlerMap`).
 */
import { z } from 'zod';
import { hasUnsafeCharacters } from '../domain/line-formats';
import type {
  AllocationView,
  AppInfo,
  AreasList,
  ExportedFile,
  MemberScore,
  NeedsPage,
  ProjectRanking,
  ProjectRow,
  Role,
  RoundDetail,
  RoundSummary,
  SyncBatch,
  SyncReport,
  UploadTicket,
  ImportPreview,
  NeedChangesPage,
  BackupInfo,
} from './types';
import { NEEDS_SORT_FIELDS } from './types';
import type { Result } from './errors';
import { RULES, SCENARIO_NAME_MAX, locksSchema, scenarioParamsPatchSchema, type ScenarioRunProgress } from './scenario';
import type { AuditPage, AuditStatusView } from './types';
import type { ProposalsImportPreview, ProposalsImportReport, UnreadableScenario } from './types';
import type {
  AreasImportReport,
  PbAnalysis,
  ReferenceStatus,
  SampleFootprint,
  Scenario,
  ScenarioDiff,
  ScenarioResult,
  WhyCardView,
} from './types';
import { roundSchemas, type DevelopmentIssue, type RoundProgress } from './rounds';
import { needsSourceSchemas, type NeedsSourceResults, type SyncProgress } from './needs-sources';
import { projectSchemas, type ProposalDetail, type ProposalPoints, type ProposalWriteResult } from './projects';
import type { Member } from './types';
import type { LinkChange, ProjectLinksView, RoundSuggestions, SuggestionsView } from '../domain/links/types';
import type { AgencyRoute, UnmetExport, UnmetPage, UnmetSummary } from './types';
import { parseDoorKey } from '../domain/routing';
// Needs explorer (issue 9 item 8): schemas and result types in ./needs-explorer.ts.
import { needsExplorerSchemas } from './needs-explorer';
import type {
  NeedDetail,
  NeedPoints,
  NeedsChoropleth,
  NeedsExplorePage,
  NeedsTotals,
  ProjectNeedChanges,
} from './needs-explorer';
// Workshop sessions (issue 11): schemas and result types in ./workshop.ts.
import { workshopSchemas } from './workshop';
import type { MemberSheet, NetworkInterfaceOption, ProjectorView, SignInResult, WhoAmI, WorkshopStatus } from './workshop';
// The committee's judgement (issue 12): schemas and result types in ./judgement.ts.
import { JUDGEMENT_TEXT_LIMITS, judgementSchemas, note, type JudgementResults } from './judgement';
// Approval (issue 10): schemas and result types in ./approval.ts.
import { approvalSchemas, type Approval, type ReproductionReport } from './approval';
// Official exports (issue 10 items 3–6): schemas and result types in ./exports.ts.
import { exportSchemas, type ExportAgency, type ExportedDocument } from './exports';
import type { DownloadRef } from './downloads';

const id = z.number().int().positive();

/** Integer satang, non-negative, within JS safe integers. */
const satang = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);

const fileName = z.string().min(1).max(260);

/** A name shown in lists and written into files: one line, no control characters or bidi overrides. */
const singleLine = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((s) => !hasUnsafeCharacters(s), {
      message: 'must be one line without control characters',
      params: { th: 'ต้องเป็นข้อความบรรทัดเดียว ไม่มีอักขระควบคุม' },
    });
/** The sheets (or a zip's files) an import reads, by name; all of them when absent. */
const importSheets = z.array(singleLine(400)).min(1).max(1000);
/** An import's column mapping: target field key → 0-based column. */
const importMapping = z.record(z.string().regex(/^[a-z_]{1,40}$/u), z.number().int().nonnegative().max(511));
/** A file sent with `uploads.begin` + HTTP (browser) or registered by the desktop shell; see electron/core/uploads.ts. */
const uploadId = z.string().regex(/^[0-9a-f]{32}$/u);
const unmetDistrict = z.string().regex(/^19\d\d$/u);
const unmetCategory = z.string().regex(/^[a-z_]{1,40}$/u);
/** `province`, `agency:<name>` or `local:<tambon code>`. */
const unmetDoor = z
  .string()
  .max(320)
  .refine((k) => parseDoorKey(k) !== null && !hasUnsafeCharacters(k), {
    message: 'not a door',
    params: { th: 'ไม่ใช่ทางเข้าที่ใช้ได้' },
  });

export const schemas = {
  'app.info': z.object({}).strict(),
  'areas.list': z.object({}).strict(),
  'uploads.begin': z.object({ fileName, size: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER) }).strict(),
  /** The NDJSON feed file, sent as an upload. */
  'needs.sync': z.object({ uploadId, partial: z.boolean().optional() }).strict(),
  /** Any needs file (NDJSON, JSON, CSV, XLSX, XLS, HTML-as-XLS, zip): header, mapping, sample and problems; writes nothing. */
  'needs.importPreview': z
    .object({
      uploadId,
      mapping: importMapping.optional(),
      source: singleLine(100).optional(),
      sheets: importSheets.optional(),
      /** A table without a people column read with each row as one person who raised its need (recorded on the batch). */
      rowsAsPeople: z.boolean().optional(),
    })
    .strict(),
  /** What one sync or import changed: new, changed (field by field) and withdrawn needs. */
  'needs.changes': z
    .object({
      batchId: id,
      kind: z.enum(['new', 'changed', 'withdrawn']).optional(),
      offset: z.number().int().nonnegative().default(0),
      limit: z.number().int().positive().max(1000).default(200),
    })
    .strict(),
  /** The backups taken before each sync or import, newest first. */
  'needs.backups': z.object({}).strict(),
  /** Restores a backup: every table but the append-only audit log and the database's identity as it was (the restore itself is audited). */
  'needs.restoreBackup': z.object({ name: z.string().regex(/^chipao-\d{8}T\d{9}Z-[a-z-]{1,40}\.sqlite$/u) }).strict(),
  /** Applies a needs file with a mapping; all or nothing unless `partial` (the valid rows only, recorded on the batch). */
  'needs.importApply': z
    .object({
      uploadId,
      mapping: importMapping.optional(),
      partial: z.boolean().optional(),
      source: singleLine(100).optional(),
      sheets: importSheets.optional(),
      rowsAsPeople: z.boolean().optional(),
    })
    .strict(),
  /**
   * A blank form (XLSX) for the files the imports read: the request form agencies fill in with proposals for the
   * round, or the needs form districts fill in; headed as the imports recognise, with the round's lists as drop-downs.
   */
  'imports.template': z.object({ kind: z.enum(['needs', 'proposals']), roundId: id }).strict(),
  /** A proposals file (XLSX, XLS, CSV, HTML-as-XLS, zip of these) into the round of the fiscal year it states. */
  'projects.importPreview': z
    .object({
      uploadId,
      mapping: importMapping.optional(),
      fiscalYear: z.number().int().min(2400).max(2700).optional(),
      confirmAfterScoring: z.boolean().optional(),
      sheets: importSheets.optional(),
    })
    .strict(),
  'projects.importApply': z
    .object({
      uploadId,
      mapping: importMapping.optional(),
      fiscalYear: z.number().int().min(2400).max(2700).optional(),
      partial: z.boolean().optional(),
      confirmAfterScoring: z.boolean().optional(),
      sheets: importSheets.optional(),
    })
    .strict(),
  'needs.list': z
    .object({
      offset: z.number().int().nonnegative(),
      limit: z.number().int().positive().max(5000),
      search: z.string().max(200).optional(),
      districtCode: z
        .string()
        .regex(/^19\d\d$/u)
        .optional(),
      status: z.enum(['active', 'withdrawn']).optional(),
      sort: z
        .object({
          field: z.enum(NEEDS_SORT_FIELDS),
          dir: z.enum(['asc', 'desc']),
        })
        .optional(),
    })
    .strict(),
  'needs.batches': z.object({}).strict(),
  // Needs explorer (issue 9 item 8): pages, totals, a need's detail, the map, a proposal's evidence changes.
  ...needsExplorerSchemas,
  'rounds.list': z.object({}).strict(),
  'rounds.get': z.object({ roundId: id }).strict(),
  'rounds.setCeiling': z.object({ roundId: id, ceiling: satang }).strict(),
  ...roundSchemas,
  'projects.list': z.object({ roundId: id }).strict(),
  /** The ranking alone (ids best first with their composites): what a score edit changes, a few bytes per project. */
  'projects.ranking': z.object({ roundId: id }).strict(),
  ...projectSchemas,
  'scores.forMember': z.object({ roundId: id, memberId: id }).strict(),
  'scores.set': z
    .object({
      roundId: id,
      memberId: id,
      projectId: id,
      criterionId: id,
      value: z.number().finite(),
      /**
       * Version the client last saw (0 for a score not yet entered); any other stored version means someone else
       * changed it, and the write is refused as a conflict. Mandatory: no write can silently overwrite another.
       */
      expectedVersion: z.number().int().nonnegative(),
      /** Issue 12: the member's comment on this score, saved with it ('' removes it; absent leaves it). */
      comment: note(JUDGEMENT_TEXT_LIMITS.comment).optional(),
    })
    .strict(),
  'allocation.run': z.object({ roundId: id, rule: z.literal('greedy') }).strict(),
  'plan.exportXlsx': z
    .object({
      roundId: id,
      lang: z.enum(['th', 'en']).optional(),
      /** Export this scenario's allocation; without it, the round's greedy allocation. */
      scenarioId: id.optional(),
    })
    .strict(),
  'scenarios.list': z.object({ roundId: id }).strict(),
  /** Scenarios of the round whose stored parameters no longer read (left out of scenarios.list), to be deleted. */
  'scenarios.unreadable': z.object({ roundId: id }).strict(),
  'scenarios.create': z
    .object({
      roundId: id,
      name: singleLine(SCENARIO_NAME_MAX),
      rule: z.enum(RULES).optional(),
      params: scenarioParamsPatchSchema.optional(),
      /** Branch: copy rule, parameters and locks from this scenario. */
      fromId: id.optional(),
    })
    .strict(),
  'scenarios.update': z
    .object({
      scenarioId: id,
      name: singleLine(SCENARIO_NAME_MAX).optional(),
      rule: z.enum(RULES).optional(),
      /** Fields given replace the stored ones; others stay. */
      params: scenarioParamsPatchSchema.optional(),
      locks: locksSchema.optional(),
    })
    .strict(),
  'scenarios.delete': z.object({ scenarioId: id }).strict(),
  'scenarios.run': z.object({ scenarioId: id }).strict(),
  'scenarios.diff': z.object({ a: id, b: id }).strict(),
  'scenarios.explain': z.object({ scenarioId: id, projectId: id }).strict(),
  // Issue 13 (rules): stop the caller's own long scenario run (Equal Shares over a province's needs) on its worker.
  'scenarios.cancelRun': z.object({ scenarioId: id }).strict(),
  /** Reference JSON (districts/tambons with population), GeoJSON boundaries, or CSV `code,population`, uploaded. */
  'reference.importAreas': z.object({ uploadId }).strict(),
  /** How much of the province's reference data is loaded: populations and boundaries, per level. */
  'reference.status': z.object({}).strict(),
  /** The synthetic sample: what removing it would take out and what stops it; then removing it (backed up first). */
  'sample.footprint': z.object({}).strict(),
  'sample.remove': z.object({}).strict(),
  'areas.geometry': z.object({ level: z.enum(['district', 'tambon']) }).strict(),
  'scenarios.exportPb': z.object({ scenarioId: id }).strict(),
  /** A .pb or .pb.gz file, uploaded. */
  'pabulib.analyze': z.object({ uploadId }).strict(),
  'audit.verify': z.object({}).strict(),
  'audit.list': z
    .object({
      offset: z.number().int().nonnegative(),
      limit: z.number().int().positive().max(1000),
      kind: z.string().max(80).optional(),
      projectId: id.optional(),
      memberId: id.optional(),
    })
    .strict(),
  'audit.export': z.object({ kind: z.string().max(80).optional(), projectId: id.optional(), memberId: id.optional() }).strict(),
  /**
   * Accepts the database now open as this place's own, when the audit check found another database than the one last
   * opened here (`other_database`): names the database accepted, as the check showed it, so a file swapped meanwhile
   * is not accepted unseen. Recorded in the audit trail; the anchor then vouches for this database.
   */
  'audit.acceptDatabase': z.object({ database: z.string().regex(/^[0-9a-f]{32}$/u) }).strict(),
  /**
   * Accepts a new key for the audit anchor, when the check found the anchor's key file missing, holding no key or
   * holding another key than the anchor was made under (`anchor_unverifiable`): names the database open as the check showed it (null: one without an identity). A new key
   * is made and the anchor written for this database under it; recorded in the audit trail with the anchor it replaced.
   */
  'audit.rekeyAnchor': z
    .object({
      database: z
        .string()
        .regex(/^[0-9a-f]{32}$/u)
        .nullable(),
    })
    .strict(),
  /** Needs suggested as evidence for one proposal, best first (not those linked or rejected); see docs/links.md. */
  'links.suggest': z.object({ roundId: id, projectId: id, limit: z.number().int().positive().max(200).optional() }).strict(),
  /** Every proposal's best suggestions, computed on the compute worker; progress as `links.progress` events. */
  'links.suggestAll': z.object({ roundId: id, limit: z.number().int().positive().max(20).optional() }).strict(),
  'links.accept': z.object({ projectId: id, needIds: z.array(id).min(1).max(1000) }).strict(),
  'links.reject': z.object({ projectId: id, needIds: z.array(id).min(1).max(1000) }).strict(),
  'links.link': z.object({ projectId: id, needIds: z.array(id).min(1).max(1000) }).strict(),
  'links.unlink': z.object({ projectId: id, needIds: z.array(id).min(1).max(1000) }).strict(),
  /** The proposal's linked needs and its evidence recomputed from them. */
  'links.forProject': z.object({ projectId: id }).strict(),
  /** Needs no proposal of the round answers, by area × category and per door (see shared/domain/routing.ts). */
  'unmet.summary': z.object({ roundId: id, districtCode: unmetDistrict.optional() }).strict(),
  'unmet.list': z
    .object({
      roundId: id,
      door: unmetDoor.optional(),
      districtCode: unmetDistrict.optional(),
      category: unmetCategory.optional(),
      offset: z.number().int().nonnegative(),
      limit: z.number().int().positive().max(1000),
    })
    .strict(),
  'unmet.routes': z.object({ roundId: id }).strict(),
  /** The round's agency for a category's unmet needs; null returns to the built-in default. */
  'unmet.setRoute': z.object({ roundId: id, category: unmetCategory, agency: singleLine(200).nullable() }).strict(),
  /** One door's unmet needs as XLSX, optionally only those in one district. */
  'unmet.export': z.object({ roundId: id, door: unmetDoor, districtCode: unmetDistrict.optional() }).strict(),
  // Workshop sessions (issue 11): sessions, sign-in, members' sheets, the projector.
  ...workshopSchemas,
  // Approval (issue 10): approve a scenario under a resolution, list approvals, reproduce a frozen plan.
  ...approvalSchemas,
  // Official exports (issue 10 items 3–6): the province's workbook, the PDF report, open data, evidence packs.
  ...exportSchemas,
  // The committee's judgement (issue 12): scoring sheets, aggregation, disagreement, overrides, sensitivity, offline sheets.
  ...judgementSchemas,
  // Needs sources and long syncs (issue 9 items 1 and 7): HTTPS feeds per round, "sync now", cancel.
  ...needsSourceSchemas,
} as const;

export type MethodName = keyof typeof schemas;
export type Args<M extends MethodName> = z.input<(typeof schemas)[M]>;
export type ParsedArgs<M extends MethodName> = z.output<(typeof schemas)[M]>;

/** Result type of every method. */
export type Results = {
  'app.info': AppInfo;
  'uploads.begin': UploadTicket;
  'areas.list': AreasList;
  'needs.sync': SyncReport;
  'needs.importPreview': ImportPreview;
  'needs.importApply': SyncReport;
  'projects.importPreview': ProposalsImportPreview;
  'projects.importApply': ProposalsImportReport;
  'imports.template': DownloadRef;
  'needs.changes': NeedChangesPage;
  'needs.backups': BackupInfo[];
  'needs.restoreBackup': { restored: string };
  'needs.list': NeedsPage;
  'needs.batches': SyncBatch[];
  // Needs sources and long syncs (issue 9 items 1 and 7)
  'needs.sources': NeedsSourceResults['needs.sources'];
  'needs.addSource': NeedsSourceResults['needs.addSource'];
  'needs.removeSource': NeedsSourceResults['needs.removeSource'];
  'needs.pullSource': NeedsSourceResults['needs.pullSource'];
  'needs.cancelSync': NeedsSourceResults['needs.cancelSync'];
  // Needs explorer (issue 9 item 8)
  'needs.explore': NeedsExplorePage;
  'needs.totals': NeedsTotals;
  'needs.detail': NeedDetail;
  'needs.choropleth': NeedsChoropleth;
  'needs.points': NeedPoints;
  'needs.changesForProject': ProjectNeedChanges;
  'rounds.list': RoundSummary[];
  'rounds.get': RoundDetail;
  'rounds.setCeiling': RoundDetail;
  'rounds.create': RoundDetail;
  'rounds.update': RoundDetail;
  'rounds.setStatus': RoundDetail;
  'rounds.archive': RoundDetail;
  'rounds.progress': RoundProgress;
  'developmentIssues.set': DevelopmentIssue[];
  'members.create': Member;
  'members.update': Member;
  'criteria.set': RoundDetail;
  'projects.list': ProjectRow[];
  'projects.ranking': ProjectRanking;
  'projects.get': ProposalDetail;
  'projects.details': ProposalDetail[];
  'projects.points': ProposalPoints;
  'projects.create': ProposalWriteResult;
  'projects.update': ProposalWriteResult;
  'projects.remove': { removed: number };
  'scores.forMember': MemberScore[];
  'scores.set': MemberScore;
  'allocation.run': AllocationView;
  'plan.exportXlsx': ExportedFile;
  'scenarios.list': Scenario[];
  'scenarios.unreadable': UnreadableScenario[];
  'scenarios.create': Scenario;
  'scenarios.update': Scenario;
  'scenarios.delete': { deleted: number };
  'scenarios.run': ScenarioResult;
  'scenarios.diff': ScenarioDiff;
  'scenarios.explain': WhyCardView;
  // Issue 13 (rules): whether a run of the caller's was running and is now stopped.
  'scenarios.cancelRun': { cancelled: boolean };
  'reference.importAreas': AreasImportReport;
  'reference.status': ReferenceStatus;
  'sample.footprint': SampleFootprint;
  'sample.remove': SampleFootprint & Readonly<{ backup: string }>;
  'areas.geometry': { type: 'FeatureCollection'; features: unknown[] } | null;
  'scenarios.exportPb': ExportedFile;
  'pabulib.analyze': PbAnalysis;
  'audit.verify': AuditStatusView;
  'audit.list': AuditPage;
  'audit.export': ExportedFile;
  'audit.acceptDatabase': AuditStatusView;
  'audit.rekeyAnchor': AuditStatusView;
  'links.suggest': SuggestionsView;
  'links.suggestAll': RoundSuggestions;
  'links.accept': LinkChange;
  'links.reject': LinkChange;
  'links.link': LinkChange;
  'links.unlink': LinkChange;
  'links.forProject': ProjectLinksView;
  'unmet.summary': UnmetSummary;
  'unmet.list': UnmetPage;
  'unmet.routes': AgencyRoute[];
  'unmet.setRoute': AgencyRoute[];
  'unmet.export': UnmetExport;
  // Workshop sessions (issue 11)
  'workshop.interfaces': NetworkInterfaceOption[];
  'workshop.open': WorkshopStatus;
  'workshop.close': { closed: boolean; revokedTokens: number };
  'workshop.status': WorkshopStatus | null;
  'workshop.setParticipant': WorkshopStatus;
  'workshop.removeParticipant': WorkshopStatus;
  'workshop.issueCode': { participantId: number; code: string };
  'workshop.reveal': WorkshopStatus;
  'workshop.signIn': SignInResult;
  'workshop.signOut': { signedOut: boolean };
  'workshop.me': WhoAmI;
  'workshop.mySheet': MemberSheet;
  'workshop.projector': ProjectorView;
  // Approval (issue 10)
  'approvals.approve': { approval: Approval; chainLength: number; chainHead: string };
  'approvals.forScenario': Approval | null;
  'approvals.list': Approval[];
  'approvals.reproduce': ReproductionReport;
  // Official exports (issue 10 items 3–6)
  'exports.plan': ExportedDocument;
  'exports.agencies': ExportAgency[];
  'exports.evidencePack': ExportedDocument;
  // The committee's judgement (issue 12)
  'scores.sheet': JudgementResults['scores.sheet'];
  'scores.clear': JudgementResults['scores.clear'];
  'scores.comment': JudgementResults['scores.comment'];
  'scores.declareConflict': JudgementResults['scores.declareConflict'];
  'judgement.view': JudgementResults['judgement.view'];
  'judgement.setAggregation': JudgementResults['judgement.setAggregation'];
  'judgement.overrides': JudgementResults['judgement.overrides'];
  'judgement.addOverride': JudgementResults['judgement.addOverride'];
  'judgement.withdrawOverride': JudgementResults['judgement.withdrawOverride'];
  'judgement.sensitivity': JudgementResults['judgement.sensitivity'];
  'judgement.exportSheet': JudgementResults['judgement.exportSheet'];
  'judgement.importSheet': JudgementResults['judgement.importSheet'];
};

// Compile-time check that every method has a result type and no result lacks a method.
type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const resultsCoverMethods: Exact<keyof Results, MethodName> = true;
void resultsCoverMethods;

/**
 * Roles (docs/workshop.md): `owner` is the desktop (or the owner's own browser with the owner secret); a workshop
 * participant signs in as `facilitator`, `member` or `observer`; a loopback page without the owner secret is an
 * `observer`; a device that has not signed in is a `guest` and may only sign in.
 */
const everyone: readonly Role[] = ['owner', 'facilitator', 'member', 'observer'];
const committee: readonly Role[] = ['owner', 'facilitator', 'member'];
const ownerOnly: readonly Role[] = ['owner'];
/**
 * Writing a member's sheet (scores, their clearing, comments, conflicts declared): the member themselves, or the owner
 * entering a sheet for them. A facilitator runs the session and reads the results but never writes a member's sheet.
 */
const scorers: readonly Role[] = ['owner', 'member'];
/** Running the session: the owner and the facilitator they named. */
const facilitation: readonly Role[] = ['owner', 'facilitator'];
/** Also a device not yet signed in. */
const anyone: readonly Role[] = [...everyone, 'guest'];

/**
 * Who may call what: the one table the dispatcher checks and the UI reads (`canCall`). Beyond the role, the
 * dispatcher binds a member to their own scores and hides results until revealed (electron/core/dispatcher.ts).
 */
export const roles = {
  'app.info': everyone,
  'uploads.begin': facilitation,
  'areas.list': everyone,
  'needs.sync': ownerOnly,
  'needs.importPreview': ownerOnly,
  'needs.importApply': ownerOnly,
  'projects.importPreview': ownerOnly,
  'projects.importApply': ownerOnly,
  'imports.template': ownerOnly,
  'needs.changes': everyone,
  'needs.backups': ownerOnly,
  'needs.restoreBackup': ownerOnly,
  'needs.list': everyone,
  'needs.batches': everyone,
  // Needs sources and long syncs (issue 9 items 1 and 7)
  'needs.sources': ownerOnly,
  'needs.addSource': ownerOnly,
  'needs.removeSource': ownerOnly,
  'needs.pullSource': ownerOnly,
  'needs.cancelSync': ownerOnly,
  // Needs explorer (issue 9 item 8)
  'needs.explore': everyone,
  'needs.totals': everyone,
  'needs.detail': everyone,
  'needs.choropleth': everyone,
  'needs.points': everyone,
  'needs.changesForProject': everyone,
  'rounds.list': everyone,
  'rounds.get': everyone,
  'rounds.setCeiling': ownerOnly,
  'rounds.create': ownerOnly,
  'rounds.update': ownerOnly,
  'rounds.setStatus': ownerOnly,
  'rounds.archive': ownerOnly,
  'rounds.progress': everyone,
  'developmentIssues.set': ownerOnly,
  'members.create': ownerOnly,
  'members.update': ownerOnly,
  'criteria.set': ownerOnly,
  'projects.list': everyone,
  'projects.ranking': everyone,
  'projects.get': everyone,
  'projects.details': everyone,
  'projects.points': everyone,
  'projects.create': ownerOnly,
  'projects.update': ownerOnly,
  'projects.remove': ownerOnly,
  'scores.forMember': committee,
  'scores.set': scorers,
  'allocation.run': everyone,
  'plan.exportXlsx': ownerOnly,
  'scenarios.list': everyone,
  'scenarios.unreadable': everyone,
  'scenarios.create': ownerOnly,
  'scenarios.update': ownerOnly,
  'scenarios.delete': ownerOnly,
  'scenarios.run': everyone,
  'scenarios.diff': everyone,
  'scenarios.explain': everyone,
  // Issue 13 (rules): anyone who may run a scenario may stop their own run.
  'scenarios.cancelRun': everyone,
  'reference.importAreas': ownerOnly,
  'reference.status': everyone,
  'sample.footprint': ownerOnly,
  'sample.remove': ownerOnly,
  'areas.geometry': everyone,
  'scenarios.exportPb': facilitation,
  'pabulib.analyze': facilitation,
  'audit.verify': ownerOnly,
  'audit.list': ownerOnly,
  'audit.export': ownerOnly,
  'audit.acceptDatabase': ownerOnly,
  'audit.rekeyAnchor': ownerOnly,
  'links.suggest': everyone,
  'links.suggestAll': everyone,
  'links.accept': ownerOnly,
  'links.reject': ownerOnly,
  'links.link': ownerOnly,
  'links.unlink': ownerOnly,
  'links.forProject': everyone,
  'unmet.summary': everyone,
  'unmet.list': everyone,
  'unmet.routes': everyone,
  'unmet.setRoute': ownerOnly,
  // Agency heads and local governments get their list from the secretariat's screen (members and observers never export).
  'unmet.export': facilitation,
  // Approval (issue 10): only the desktop owner (the secretariat's machine) records an approval.
  'approvals.approve': ownerOnly,
  'approvals.forScenario': everyone,
  'approvals.list': everyone,
  'approvals.reproduce': committee,
  // Official exports (issue 10 items 3–6): documents leave the secretariat's machine only.
  'exports.plan': ownerOnly,
  'exports.agencies': everyone,
  'exports.evidencePack': ownerOnly,
  // Workshop sessions (issue 11)
  'workshop.interfaces': ownerOnly,
  'workshop.open': ownerOnly,
  'workshop.close': ownerOnly,
  'workshop.status': facilitation,
  'workshop.setParticipant': facilitation,
  'workshop.removeParticipant': facilitation,
  'workshop.issueCode': facilitation,
  'workshop.reveal': facilitation,
  'workshop.signIn': anyone,
  'workshop.signOut': ['facilitator', 'member', 'observer'],
  'workshop.me': anyone,
  'workshop.mySheet': ['member'],
  'workshop.projector': everyone,
  // The committee's judgement (issue 12): members write their own sheets (the facilitator only reads them); the owner
  // records aggregation, overrides and offline sheets; everyone may see the overrides and the sensitivity (they are
  // read in public).
  'scores.sheet': committee,
  'scores.clear': scorers,
  'scores.comment': scorers,
  'scores.declareConflict': scorers,
  'judgement.view': committee,
  'judgement.setAggregation': ownerOnly,
  'judgement.overrides': everyone,
  'judgement.addOverride': ownerOnly,
  'judgement.withdrawOverride': ownerOnly,
  'judgement.sensitivity': everyone,
  'judgement.exportSheet': ownerOnly,
  'judgement.importSheet': ownerOnly,
} as const satisfies Record<MethodName, readonly Role[]>;

/**
 * May this role call this method? The same table the dispatcher enforces, so a control the UI disables is exactly
 * one the host would refuse.
 */
export function canCall(role: Role | undefined, method: MethodName): boolean {
  const allowed: readonly Role[] = roles[method];
  return role !== undefined && allowed.includes(role);
}

/**
 * Methods whose answers aggregate every member's scores: while a workshop session is open and its results are not
 * revealed, members and observers cannot call them (members never read others' unrevealed scores).
 */
export const HIDDEN_UNTIL_REVEALED: ReadonlySet<MethodName> = new Set<MethodName>([
  'projects.list',
  'projects.ranking',
  'allocation.run',
  'scenarios.run',
  'scenarios.diff',
  'scenarios.explain',
  // The committee's disagreement (each project's rank among those to discuss) and the ranking's sensitivity.
  'judgement.view',
  'judgement.sensitivity',
]);

export const methodNames = Object.keys(schemas) as MethodName[];

/** Checks a method name that arrived over a transport (a string from an untrusted client). */
export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.hasOwn(schemas, name);
}

/** Events broadcast to every window and WebSocket client. */
export type Events = {
  'needs.synced': { batchId: number };
  'scores.changed': { roundId: number; memberId: number; projectId: number; criterionId: number };
  /** `cause: 'score'` when only members' scores changed (ranks and composites move, nothing else in a project does). */
  'allocation.changed': { roundId: number; cause?: 'score' };
  'round.changed': { roundId: number };
  'scenario.changed': { roundId: number; scenarioId: number };
  'areas.changed': Record<string, never>;
  /** A proposal's links changed (accepted, rejected, linked, unlinked). */
  'links.changed': { roundId: number; projectId: number };
  /** links.suggestAll: `done` of `total` proposals ranked so far. */
  'links.progress': { roundId: number; done: number; total: number };
  /**
   * A scenario run on the scenario lane: its stage (reading the round and needs, the rule computing, the result being
   * put together) and, while a rule that can tell computes, how far it is (0..1; null when it cannot tell).
   */
  'scenario.progress': ScenarioRunProgress;
  /** A long sync or import running off the host's thread: rows, rows/s, time left (issue 9 item 7). */
  'needs.syncProgress': SyncProgress;
  /** Workshop session opened, closed, revealed, or its participants changed (issue 11). */
  'workshop.changed': { sessionId: number };
  /** The synthetic sample was taken out of the database: every screen reads again from the start. */
  'sample.removed': Record<string, never>;
};
export type EventName = keyof Events;
export type EventMessage = { [E in EventName]: { event: E; payload: Events[E] } }[EventName];

/** What a transport sends for one call and gets back. */
export type CallRequest = { id: number; method: string; args: unknown };
export type CallResponse = { id: number; result: Result<unknown> };
