import type { HandlerMap } from './types';
import { latestVersion } from '../db/migrate';

export const appHandlers = {
  'app.info': (_args, caller, ctx) => {
    const synthetic = ctx.store.sqlite.prepare(`SELECT value FROM setting WHERE key = 'synthetic'`).get() as { value: string } | undefined;
    return {
      version: ctx.version,
      schemaVersion: latestVersion(),
      dataPath: caller.role === 'owner' ? ctx.dataPath : '',
      synthetic: synthetic?.value === '1',
      transport: caller.transport === 'ipc' ? 'ipc' : 'websocket',
      role: caller.role,
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
} satisfies Partial<HandlerMap>;
