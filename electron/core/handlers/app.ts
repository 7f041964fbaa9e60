import type { HandlerMap } from './types';
import { auditStatusView } from './audit';
import { latestVersion } from '../db/migrate';
import { importAreas, referenceJson } from '../sync/reference-import';
import { arrivedSource } from '../import/read';
import { MAX_REFERENCE_BYTES } from '../../../shared/api/limits';
import { loadSaraburi } from '../geo/saraburi';
import { backupNow } from '../import/backups';
import { removeSample, sampleFootprint } from '../seed/sample-removal';

export const appHandlers = {
  'app.info': (_args, caller, ctx) => {
    const synthetic = ctx.store.sqlite.prepare(`SELECT value FROM setting WHERE key = 'synthetic'`).get() as
      { value: string } | undefined;
    return {
      version: ctx.version,
      schemaVersion: latestVersion(),
      dataPath: caller.role === 'owner' ? ctx.dataPath : '',
      synthetic: synthetic?.value === '1',
      transport: caller.transport === 'ipc' ? 'ipc' : 'websocket',
      role: caller.role,
      audit: auditStatusView(ctx.audit.status()),
    };
  },
  'areas.list': async (_args, _caller, ctx) => {
    const [districts, tambons, categories] = await Promise.all([
      ctx.store.db.selectFrom('area_district').selectAll().orderBy('code').execute(),
      ctx.store.db.selectFrom('area_tambon').selectAll().orderBy('code').execute(),
      ctx.store.db.selectFrom('category').selectAll().orderBy('sort').execute(),
    ]);
    return {
      districts: districts.map((d) => ({ code: d.code, nameTh: d.name_th, nameEn: d.name_en, population: d.population })),
      tambons: tambons.map((t) => ({ code: t.code, districtCode: t.district_code, nameTh: t.name_th, nameEn: t.name_en })),
      categories: categories.map((c) => ({ id: c.id, nameTh: c.name_th, nameEn: c.name_en, tpmap: c.tpmap })),
    };
  },
  'uploads.begin': (args, caller, ctx) => {
    const { id, maxBytes } = ctx.uploads.begin(caller, args.fileName, args.size);
    return { uploadId: id, url: `/api/upload/${id}`, maxBytes };
  },
  'reference.importAreas': async (args, caller, ctx) => {
    const file = ctx.uploads.get(args.uploadId, caller, MAX_REFERENCE_BYTES);
    let report;
    try {
      const bytes = ctx.uploads.read(file);
      // A population table is read into its parts on the compute worker, as the other imports' files are (a large
      // workbook holds no other device's call meanwhile); JSON and GeoJSON are read here.
      const source = referenceJson(bytes)
        ? undefined
        : arrivedSource(await ctx.compute('import.read', { path: file.path, fileName: file.fileName }));
      report = importAreas(ctx.store, file.fileName, bytes, caller.actor, source);
    } finally {
      ctx.uploads.discard(file.id);
    }
    ctx.emit('areas.changed', {});
    return report;
  },
  'reference.status': (_args, _caller, ctx) => {
    const count = (table: 'area_district' | 'area_tambon') =>
      ctx.store.sqlite
        .prepare(`SELECT COUNT(*) AS areas, COUNT(population) AS population, COUNT(geometry_json) AS boundary FROM ${table}`)
        .get() as { areas: number; population: number; boundary: number };
    const d = count('area_district');
    const t = count('area_tambon');
    return {
      districts: d.areas,
      tambons: t.areas,
      districtsWithPopulation: d.population,
      tambonsWithPopulation: t.population,
      districtsWithBoundary: d.boundary,
      tambonsWithBoundary: t.boundary,
    };
  },
  'sample.footprint': async (_args, _caller, ctx) => sampleFootprint(ctx.store, await loadSaraburi()),
  'sample.remove': async (_args, caller, ctx) => {
    const geo = await loadSaraburi();
    // Backed up first when it can go; when it cannot, removeSample refuses at once (no await in between, so nothing
    // changed meanwhile) and no backup is made for a refusal.
    const footprint = sampleFootprint(ctx.store, geo);
    const backup =
      footprint.present && footprint.blockers.length === 0
        ? await backupNow(ctx.store, ctx.dataPath, 'before-sample-removal')
        : null;
    const removed = removeSample(ctx.store, geo, caller.actor);
    for (const r of removed.rounds) ctx.emit('round.changed', { roundId: r.id });
    ctx.emit('areas.changed', {});
    ctx.emit('sample.removed', {});
    return { ...removed, backup: backup?.name ?? '' };
  },
  'areas.geometry': (args, _caller, ctx) => {
    const table = args.level === 'district' ? 'area_district' : 'area_tambon';
    const rows = ctx.store.sqlite
      .prepare(`SELECT code, name_th, name_en, geometry_json FROM ${table} WHERE geometry_json IS NOT NULL ORDER BY code`)
      .all() as { code: string; name_th: string; name_en: string; geometry_json: string }[];
    if (rows.length === 0) return null;
    return {
      type: 'FeatureCollection' as const,
      features: rows.map((r) => ({
        type: 'Feature',
        properties: { code: r.code, name: r.name_th, nameTh: r.name_th, nameEn: r.name_en },
        geometry: JSON.parse(r.geometry_json) as unknown,
      })),
    };
  },
} satisfies Partial<HandlerMap>;
