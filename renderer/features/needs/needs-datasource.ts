import type { IDatasource, IGetRowsParams } from 'ag-grid-community';
import type { Client } from '../../../shared/api/client';
import type { Args } from '../../../shared/api/contract';
import type { NeedsFilter } from '../../../shared/api/needs-explorer';
import { NEEDS_SORT_FIELDS } from '../../../shared/api/types';
import type { ApiError } from '../../../shared/api/errors';
import type { NeedRow } from '../../../shared/api/types';

type SortField = (typeof NEEDS_SORT_FIELDS)[number];

/** Columns the host can sort by (the `needs.explore` sort enum); other columns are not sortable. */
export const SORTABLE_FIELDS: ReadonlySet<string> = new Set<SortField>(NEEDS_SORT_FIELDS);

function isSortField(colId: string): colId is SortField {
  return SORTABLE_FIELDS.has(colId);
}

type Callbacks = Readonly<{ onTotal(total: number): void; onError(error: ApiError): void }>;

/** The filter as sent: a search box holding only spaces filters nothing. */
export function cleanFilter(filter: NeedsFilter): NeedsFilter {
  const search = filter.search?.trim();
  return { ...filter, search: search ? search : undefined };
}

/**
 * AG Grid infinite-row-model source over `needs.explore`: each block the grid asks for becomes one page request with
 * the grid's sort and the screen's filter; the host holds the rows, the renderer only the blocks it shows.
 */
export function needsDatasource(client: Client, filter: NeedsFilter, callbacks: Callbacks): IDatasource {
  const clean = cleanFilter(filter);
  return {
    getRows(params: IGetRowsParams<NeedRow>): void {
      const first = params.sortModel[0];
      const args: Args<'needs.explore'> = {
        ...clean,
        offset: params.startRow,
        limit: params.endRow - params.startRow,
        ...(first && isSortField(first.colId) ? { sort: { field: first.colId, dir: first.sort } } : {}),
      };
      void client.call('needs.explore', args).then((result) => {
        if (result.ok) {
          callbacks.onTotal(result.value.total);
          params.successCallback(result.value.rows, result.value.total);
        } else {
          params.failCallback();
          callbacks.onError(result.error);
        }
      });
    },
  };
}
