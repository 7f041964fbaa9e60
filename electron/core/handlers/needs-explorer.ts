/** The needs explorer's methods (issue 9 item 8); the reads are in services/needs-explorer.ts. */
import type { NeedsFilter, NeedsTotals } from '../../../shared/api/needs-explorer';
import type { Store } from '../db/database';
import { readCache } from '../services/read-cache';
import {
  exploreNeeds,
  needDetail,
  needsChoropleth,
  needsPoints,
  needsTotals,
  projectNeedChanges,
} from '../services/needs-explorer';
import type { HandlerMap } from './types';

/**
 * The filter's totals, kept until the data changes: every device asks again after every change, and the grid's first
 * page and the totals bar ask for the same count.
 */
function cachedTotals(store: Store, filter: NeedsFilter): Promise<NeedsTotals> {
  return readCache(store).get(`needs.totals:${JSON.stringify(filter)}`, () => Promise.resolve(needsTotals(store, filter)));
}

export const needsExplorerHandlers = {
  'needs.explore': async (args, _caller, ctx) => {
    const { offset, limit, sort, ...filter } = args;
    // One pass over the filter gives the first page's count and the totals the screen asks for next (then cached).
    const totals = offset === 0 ? await cachedTotals(ctx.store, filter) : undefined;
    return exploreNeeds(ctx.store, filter, { offset, limit, sort }, totals?.needs);
  },
  'needs.totals': (args, _caller, ctx) => cachedTotals(ctx.store, args),
  'needs.choropleth': (args, _caller, ctx) => {
    // The map is where the area is chosen: the filter's own district and tambon do not narrow it.
    const { level, parent, districtCode: _district, tambonCode: _tambon, ...filter } = args;
    return readCache(ctx.store).get(`needs.choropleth:${level}:${parent ?? ''}:${JSON.stringify(filter)}`, () =>
      Promise.resolve(needsChoropleth(ctx.store, filter, level, parent)),
    );
  },
  'needs.points': (args, _caller, ctx) => {
    const { limit, ...filter } = args;
    return readCache(ctx.store).get(`needs.points:${limit}:${JSON.stringify(filter)}`, () =>
      Promise.resolve(needsPoints(ctx.store, filter, limit)),
    );
  },
  'needs.detail': (args, _caller, ctx) => needDetail(ctx.store, args.needId),
  'needs.changesForProject': (args, _caller, ctx) => projectNeedChanges(ctx.store, args.projectId, args.limit),
} satisfies Partial<HandlerMap>;
