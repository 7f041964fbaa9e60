import type { IDatasource, IGetRowsParams } from 'ag-grid-community';
import type { Client } from '../../../shared/api/client';
import type { Args } from '../../../shared/api/contract';
import type { ApiError } from '../../../shared/api/errors';
import type { AuditEventRow } from '../../../shared/api/types';

/** What the screen filters the trail by (null: any). */
export type AuditFilter = Readonly<{ kind: string | null; projectId: number | null; memberId: number | null }>;

/** The filter as `audit.list` / `audit.export` arguments (absent keys: no filter). */
export function filterArgs(filter: AuditFilter): Args<'audit.export'> {
  return {
    ...(filter.kind ? { kind: filter.kind } : {}),
    ...(filter.projectId !== null ? { projectId: filter.projectId } : {}),
    ...(filter.memberId !== null ? { memberId: filter.memberId } : {}),
  };
}

type Callbacks = Readonly<{ onPage(total: number, kinds: readonly string[]): void; onError(error: ApiError): void }>;

/** AG Grid infinite-row-model source over `audit.list` (newest first, as the host orders it). */
export function auditDatasource(client: Client, filter: AuditFilter, callbacks: Callbacks): IDatasource {
  return {
    getRows(params: IGetRowsParams<AuditEventRow>): void {
      const args: Args<'audit.list'> = { offset: params.startRow, limit: params.endRow - params.startRow, ...filterArgs(filter) };
      void client.call('audit.list', args).then((result) => {
        if (result.ok) {
          callbacks.onPage(result.value.total, result.value.kinds);
          params.successCallback(result.value.rows, result.value.total);
        } else {
          params.failCallback();
          callbacks.onError(result.error);
        }
      });
    },
  };
}
