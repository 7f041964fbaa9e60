/**
 * `sample --db PATH [--needs N] [--projects N] [--reference-dir DIR]`: writes the synthetic sample database (the seed
 * in electron/core/seed/) to a new file, with its audit anchor beside it, and prints one JSON summary. Refuses a file
 * that already exists (exit 2): it never adds the sample to someone's data.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { auditHead } from '../audit/audit-log';
import { createCore } from '../core';
import { parseRoundArgs } from './round-db';
import { UsageError, type Command } from './usage';

const usage = {
  en: 'sample --db PATH [--needs N] [--projects N] [--reference-dir DIR]',
  th: 'sample --db ไฟล์ฐานข้อมูลใหม่ [--needs จำนวน] [--projects จำนวน] [--reference-dir โฟลเดอร์ข้อมูลอ้างอิง]',
};

function count(values: Record<string, string>, name: 'needs' | 'projects', max: number): number | undefined {
  const text = values[name];
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!/^\d+$/u.test(text) || n < 1 || n > max) {
    throw new UsageError(
      `--${name} ต้องเป็นจำนวนเต็มตั้งแต่ 1 ถึง ${max} (ได้รับ "${text}")`,
      `--${name} must be a whole number from 1 to ${max} (got "${text}")`,
    );
  }
  return n;
}

export const sampleCommand: Command = {
  usage,
  async run(argv) {
    const { db, values, positional } = parseRoundArgs(argv, ['needs', 'projects', 'reference-dir']);
    if (positional.length > 0) throw new UsageError(`ไม่รู้จักอาร์กิวเมนต์ ${positional[0]}`, `unexpected argument ${positional[0]}`);
    const needs = count(values, 'needs', 1_000_000);
    const projects = count(values, 'projects', 20_000);
    if (existsSync(db)) {
      throw new UsageError(
        `มีไฟล์ ${db} อยู่แล้ว: คำสั่ง sample เขียนเฉพาะไฟล์ใหม่`,
        `${db} already exists: sample writes a new file only`,
      );
    }
    const dir = values['reference-dir'];
    if (dir !== undefined && !existsSync(dir)) throw new UsageError(`ไม่พบโฟลเดอร์ ${dir}`, `folder not found: ${dir}`);
    const referenceFiles = dir
      ? ['saraburi-districts.geojson', 'saraburi-tambons.geojson'].map((f) => join(dir, f)).filter((f) => existsSync(f))
      : [];
    const core = await createCore({
      dbPath: db,
      sample: { ...(needs === undefined ? {} : { needs }), ...(projects === undefined ? {} : { projects }) },
      referenceFiles,
    });
    try {
      const { sqlite } = core.store;
      const n = (table: string): number => (sqlite.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
      const chain = auditHead(sqlite);
      process.stdout.write(
        `${JSON.stringify({
          db,
          needs: n('need'),
          projects: n('project'),
          links: n('project_need'),
          scores: n('score'),
          rounds: n('round'),
          scenarios: n('scenario'),
          chain_length: chain.length,
          chain_head: chain.head,
        })}\n`,
      );
      return 0;
    } finally {
      await core.close();
    }
  },
};
