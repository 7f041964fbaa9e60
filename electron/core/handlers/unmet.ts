import { buildUnmetWorkbook } from '../export/unmet-xlsx';
import { agencyRoutes, listUnmet, setAgencyRoute, summarizeUnmet, unmetForDoor } from '../services/unmet';
import { appendAudit } from '../audit/audit-log';
import type { HandlerMap } from './types';

/** Unmet needs routed to the province, an agency or a local government (services/unmet.ts). */
export const unmetHandlers = {
  'unmet.summary': (args, _caller, ctx) => summarizeUnmet(ctx.store, args.roundId, args.districtCode ?? null),
  'unmet.list': (args, _caller, ctx) =>
    listUnmet(
      ctx.store,
      args.roundId,
      { door: args.door, districtCode: args.districtCode, category: args.category },
      { offset: args.offset, limit: args.limit },
    ),
  'unmet.routes': (args, _caller, ctx) => agencyRoutes(ctx.store, args.roundId),
  'unmet.setRoute': (args, caller, ctx) => {
    const routes = setAgencyRoute(ctx.store, args.roundId, args.category, args.agency, caller.actor);
    ctx.emit('round.changed', { roundId: args.roundId });
    return routes;
  },
  'unmet.export': async (args, caller, ctx) => {
    const found = await unmetForDoor(ctx.store, args.roundId, args.door, args.districtCode ?? null);
    const sqlite = ctx.store.sqlite;
    const names = (table: 'area_tambon' | 'area_district' | 'category'): Map<string, string> =>
      new Map(
        sqlite
          .prepare<[], { code: string; th: string }>(
            table === 'category' ? 'SELECT id AS code, name_th AS th FROM category' : `SELECT code, name_th AS th FROM ${table}`,
          )
          .all()
          .map((r) => [r.code, r.th]),
      );
    const tambons = names('area_tambon');
    const districts = names('area_district');
    const categories = names('category');
    const synthetic = sqlite.prepare<[], { value: string }>(`SELECT value FROM setting WHERE key = 'synthetic'`).get();
    const buffer = await buildUnmetWorkbook({
      roundName: found.round.name,
      fiscalYear: found.round.fiscalYear,
      doorTh: found.doorTh,
      areaTh: args.districtCode ? (districts.get(args.districtCode) ?? args.districtCode) : null,
      rows: found.rows,
      tambonTh: (c) => tambons.get(c) ?? c,
      districtTh: (c) => districts.get(c) ?? c,
      categoryTh: (c) => categories.get(c) ?? c,
      synthetic: synthetic?.value === '1',
      now: new Date(),
    });
    sqlite.transaction(() => {
      appendAudit(sqlite, caller.actor, 'unmet.exported', {
        roundId: args.roundId,
        door: args.door,
        districtCode: args.districtCode ?? null,
        needs: found.rows.length,
      });
    })();
    // The door's own name (Thai) tells the files for different agencies and tambons apart.
    const area =
      args.districtCode && found.door.kind !== 'local' ? `-อำเภอ${districts.get(args.districtCode) ?? args.districtCode}` : '';
    const slug = `${found.doorTh}${area}`.replace(/[\\/:*?"<>|\s()]+/gu, '-').replace(/^-|-$/gu, '');
    const file = await ctx.downloads.putBytes(caller, {
      fileName: `chipao-unmet-FY${found.round.fiscalYear}-${slug}.xlsx`,
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      bytes: buffer,
    });
    return { ...file, needCount: found.rows.length };
  },
} satisfies Partial<HandlerMap>;
