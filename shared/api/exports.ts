/**
 * Official exports of a plan (issue 10): the province's workbook, the PDF report, open data for citizens and the
 * evidence packs per agency. Argument schemas (the contract spreads them in) and result types. See docs/exports.md.
 */
import { z } from 'zod';
import type { DownloadRef } from './downloads';

const id = z.number().int().positive();

/** The file formats of a plan: xlsx (province's layout), pdf (report), csv / json (open data), opendata (zip). */
export const PLAN_FORMATS = ['xlsx', 'pdf', 'csv', 'json', 'opendata'] as const;
export type PlanFormat = (typeof PLAN_FORMATS)[number];

/** Which plan: a scenario of the round, or (without one) the round's own greedy plan. */
const planRef = { roundId: id, scenarioId: id.optional(), lang: z.enum(['th', 'en']).optional() };

export const exportSchemas = {
  /** One document of a plan; a draft is watermarked "ร่าง", an approved plan is read from its frozen record. */
  'exports.plan': z.object({ ...planRef, format: z.enum(PLAN_FORMATS) }).strict(),
  /**
   * The agencies with proposals in the round, for choosing an evidence pack; with an approved scenario, those of its
   * plan as frozen (an agency renamed since is listed by the name its pack is made under).
   */
  'exports.agencies': z.object({ roundId: id, scenarioId: id.optional() }).strict(),
  /** One agency's evidence pack: per proposal a PDF and an XLSX, in one zip. */
  'exports.evidencePack': z.object({ ...planRef, agency: z.string().trim().min(1).max(300) }).strict(),
} as const;

/**
 * A document made by an export, with what its audit event recorded; its bytes are fetched by `downloadId`, and its
 * `sha256` is the one written in the audit event.
 */
export type ExportedDocument = DownloadRef &
  Readonly<{
    /** The audit chain's length and head hash after the export's own event. */
    chainLength: number;
    chainHead: string;
    /** False for a draft (watermarked "ร่าง"). */
    approved: boolean;
    totalFunded: number;
    fundedCount: number;
  }>;

/** An agency with proposals in the round. */
export type ExportAgency = Readonly<{ agency: string; proposals: number }>;
