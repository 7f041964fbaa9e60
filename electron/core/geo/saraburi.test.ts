/**
 * Saraburi's geography as the app seeds it: 13 districts and 111 tambons with current DOPA codes, the English tambon
 * names in the Royal Thai General System (not the package's garbled spellings), the same as the province's published
 * boundary layer where ../shared is beside the repository; a database seeded with the garbled names is mended at start,
 * a name imported since is left alone; and a file naming tambons in English the official way is read.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { areaIndex, resolveTambon } from '../../../shared/domain/import/areas';
import { createCore } from '../core';
import { correctTambonNames } from '../import/geography';
import { loadSaraburi, RTGS_TAMBON_NAMES } from './saraburi';

const LAYER = new URL('../../../../shared/data/saraburi-tambons.geojson', import.meta.url);
const dir = mkdtempSync(join(tmpdir(), 'chipao-geo-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("Saraburi's tambons", () => {
  it('are 111 under 13 districts, each English name corrected to its RTGS spelling', async () => {
    const { districts, tambons } = await loadSaraburi();
    expect(districts).toHaveLength(13);
    expect(tambons).toHaveLength(111);
    const byCode = new Map(tambons.map((t) => [t.code, t]));
    expect(Object.keys(RTGS_TAMBON_NAMES)).toHaveLength(41);
    for (const [code, [garbled, rtgs]] of Object.entries(RTGS_TAMBON_NAMES)) {
      expect(byCode.get(code)?.nameEn, code).toBe(rtgs);
      expect(garbled).not.toBe(rtgs);
    }
    expect(byCode.get('190210')).toMatchObject({ nameTh: 'ชะอม', nameEn: 'Cha-Om' });
  });

  it.skipIf(!existsSync(LAYER))(
    "are named in English as the province's published boundary layer names them (../shared/data)",
    async () => {
      const layer = JSON.parse(readFileSync(LAYER, 'utf8')) as {
        features: { properties: { tambon_code: string; name_en: string } }[];
      };
      const { tambons } = await loadSaraburi();
      const seeded = Object.fromEntries(tambons.map((t) => [t.code, t.nameEn.toLowerCase()]));
      const published = Object.fromEntries(
        layer.features.map((f) => [f.properties.tambon_code, f.properties.name_en.toLowerCase()]),
      );
      expect(seeded).toEqual(published);
    },
  );

  it('seeded with the garbled names, a database is mended at start; a name imported since is kept', async () => {
    const path = join(dir, 'old.sqlite');
    const core = await createCore({ dbPath: path, seedSample: false });
    const set = core.store.sqlite.prepare('UPDATE area_tambon SET name_en = ? WHERE code = ?');
    // As the package seeded it, and one renamed since by a reference layer.
    for (const [code, [garbled]] of Object.entries(RTGS_TAMBON_NAMES)) set.run(garbled, code);
    set.run('Pak Phriao (layer)', '190101');
    await core.close();
    const reopened = await createCore({ dbPath: path, seedSample: false });
    const name = (code: string): string =>
      reopened.store.sqlite.prepare('SELECT name_en FROM area_tambon WHERE code = ?').pluck().get(code) as string;
    expect(name('190210')).toBe('Cha-Om');
    expect(name('191301')).toBe('Khao Din Phatthana');
    expect(name('190101')).toBe('Pak Phriao (layer)');
    // Mended once: nothing left to mend.
    expect(correctTambonNames(reopened.store)).toBe(0);
    await reopened.close();
  });

  it('named in English the official way, with or without its hyphen, is read as its tambon', async () => {
    const { districts, tambons } = await loadSaraburi();
    const index = areaIndex(districts, tambons);
    for (const written of ['Cha-Om', 'Cha Om', 'cha om', 'Tambon Cha-Om']) {
      expect(resolveTambon(index, written, '1902'), written).toEqual({ ok: true, value: '190210' });
    }
    expect(resolveTambon(index, 'Khao Din Phatthana', null)).toEqual({ ok: true, value: '191301' });
  });
});
