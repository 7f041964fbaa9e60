/**
 * Points outside the areas their records name, as the stored tambon boundaries draw them (a tambon typed wrong, or a
 * point taken elsewhere): what an import's preview and report say so the secretariat can check them. The records are
 * kept as given; nothing is said when the province's tambon boundaries are not imported.
 */
import type { LatLon } from '../../../shared/domain/import/coordinates';
import { contains } from '../../../shared/domain/polygon';
import type { Store } from '../db/database';

/** A record of a file with a point: where the file has it (its row or line) and the tambons it names. */
export type PlacedRecord = Readonly<{
  at: Readonly<{ en: string; th: string }>;
  tambons: readonly string[];
  point: LatLon;
}>;

/** The records a note names by their place (the count says how many in all). */
const OUTSIDE_SHOWN = 5;

/**
 * The note on the records whose point lies in none of their tambons (those whose tambons have no stored boundary are
 * not judged), naming the first few by place and tambon; none when all lie inside. `say` words the count and the list
 * for the kind of record.
 */
export function outsideTambonsNote(
  store: Store,
  records: readonly PlacedRecord[],
  say: (count: number, listEn: string, listTh: string) => { en: string; th: string },
): { en: string; th: string }[] {
  const outside = recordsOutside(store, records);
  if (outside.length === 0) return [];
  const shown = outside.slice(0, OUTSIDE_SHOWN).map((o) => ({ at: o.record.at, names: namedTambons(o.tambonNames) }));
  const more = outside.length > OUTSIDE_SHOWN;
  const en = shown.map((o) => `${o.at.en}: ${o.names.en}`).join(', ') + (more ? ', …' : '');
  const th = shown.map((o) => `${o.at.th}: ${o.names.th}`).join(' ') + (more ? ' …' : '');
  return [say(outside.length, en, th)];
}

/**
 * Tambons named by their Thai names in a note: many (a district's or the province's proposal) by the first two.
 * @example namedTambons(['ตาลเดี่ยว', 'ชะอม', 'ห้วยแห้ง']) // { en: 'ตาลเดี่ยว, ชะอม, …', th: 'ตำบลตาลเดี่ยว ตำบลชะอม …' }
 */
export function namedTambons(list: readonly string[]): { en: string; th: string } {
  const first = list.slice(0, 2);
  const more = list.length > 2;
  return {
    en: first.join(', ') + (more ? ', …' : ''),
    th: first.map((n) => `ตำบล${n}`).join(' ') + (more ? ' …' : ''),
  };
}

/**
 * The records whose point lies in none of their tambons, with those tambons' Thai names (records whose tambons have
 * no stored boundary are not judged), in the records' order.
 */
export function recordsOutside<R extends Pick<PlacedRecord, 'tambons' | 'point'>>(
  store: Store,
  records: readonly R[],
): { record: R; tambonNames: string[] }[] {
  if (records.length === 0) return [];
  // Only the boundaries of the tambons the records name (a round's few placed proposals read a few, not the province's).
  const named = [...new Set(records.flatMap((r) => r.tambons))];
  const rows = store.sqlite
    .prepare(
      `SELECT code, name_th, geometry_json FROM area_tambon
       WHERE geometry_json IS NOT NULL AND code IN (SELECT value FROM json_each(?))`,
    )
    .all(JSON.stringify(named)) as { code: string; name_th: string; geometry_json: string }[];
  const boundaries = new Map(rows.map((r) => [r.code, r]));
  const parsed = new Map<string, unknown>();
  const geometry = (code: string): unknown => {
    let g = parsed.get(code);
    if (g === undefined) parsed.set(code, (g = JSON.parse(boundaries.get(code)!.geometry_json) as unknown));
    return g;
  };
  const outside: { record: R; tambonNames: string[] }[] = [];
  for (const r of records) {
    const drawn = r.tambons.filter((t) => boundaries.has(t));
    if (drawn.length === 0 || drawn.some((t) => contains(geometry(t), [r.point.lon, r.point.lat]))) continue;
    outside.push({ record: r, tambonNames: drawn.map((t) => boundaries.get(t)!.name_th) });
  }
  return outside;
}
