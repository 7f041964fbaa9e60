/**
 * A new, empty database has no areas or categories, against which every imported need is checked: this fills them
 * from the province's geography (DOPA codes and names; populations stay unknown until reference data is imported).
 */
import { NEED_CATEGORIES } from '../../../shared/domain/taxonomy';
import type { Store } from '../db/database';
import { loadSaraburi, RTGS_TAMBON_NAMES } from '../geo/saraburi';

/**
 * Mends the English names of tambons a database was seeded with from the package's garbled spellings (see
 * RTGS_TAMBON_NAMES); a name imported since (a reference layer's) is left as it is. Returns how many were mended.
 */
export function correctTambonNames(store: Store): number {
  const update = store.sqlite.prepare('UPDATE area_tambon SET name_en = ? WHERE code = ? AND name_en = ?');
  return store.sqlite.transaction((): number => {
    let mended = 0;
    for (const [code, [garbled, rtgs]] of Object.entries(RTGS_TAMBON_NAMES)) mended += update.run(rtgs, code, garbled).changes;
    return mended;
  })();
}

/** Inserts districts, tambons and categories that are missing; returns how many areas were added. */
export async function ensureReferenceAreas(store: Store): Promise<number> {
  const { sqlite } = store;
  const hasAreas = (sqlite.prepare('SELECT COUNT(*) AS n FROM area_tambon').get() as { n: number }).n > 0;
  const hasCategories = (sqlite.prepare('SELECT COUNT(*) AS n FROM category').get() as { n: number }).n > 0;
  if (hasAreas && hasCategories) return 0;
  const geo = hasAreas ? null : await loadSaraburi();
  return sqlite.transaction((): number => {
    let added = 0;
    if (geo) {
      const d = sqlite.prepare('INSERT OR IGNORE INTO area_district (code, name_th, name_en) VALUES (?, ?, ?)');
      for (const x of geo.districts) added += d.run(x.code, x.nameTh, x.nameEn).changes;
      const t = sqlite.prepare('INSERT OR IGNORE INTO area_tambon (code, district_code, name_th, name_en) VALUES (?, ?, ?, ?)');
      for (const x of geo.tambons) added += t.run(x.code, x.districtCode, x.nameTh, x.nameEn).changes;
    }
    const c = sqlite.prepare('INSERT OR IGNORE INTO category (id, name_th, name_en, tpmap, sort) VALUES (?, ?, ?, ?, ?)');
    NEED_CATEGORIES.forEach((x, i) => c.run(x.id, x.th, x.en, x.tpmap, i));
    return added;
  })();
}
