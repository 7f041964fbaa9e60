import type { IDatasource, IGetRowsParams } from 'ag-grid-community';
import type { Client } from '../../../shared/api/client';
import type { ApiError } from '../../../shared/api/errors';
import type { UnmetNeedRow } from '../../../shared/api/types';

export type UnmetFilter = Readonly<{ roundId: number; districtCode: string; door: string }>;

type Callbacks = Readonly<{ onTotal(total: number): void; onError(error: ApiError): void }>;

/**
 * AG Grid infinite-row-model source over `unmet.list`: each block the grid asks for is one page of the round's
 * routed unmet needs, in the host's order (tambon, then need), filtered by the screen's district and door.
 */
export function unmetDatasource(client: Client, filter: UnmetFilter, callbacks: Callbacks): IDatasource {
  return {
    getRows(params: IGetRowsParams<UnmetNeedRow>): void {
      void client
        .call('unmet.list', {
          roundId: filter.roundId,
          offset: params.startRow,
          limit: params.endRow - params.startRow,
          ...(filter.districtCode ? { districtCode: filter.districtCode } : {}),
          ...(filter.door ? { door: filter.door } : {}),
        })
        .then((result) => {
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
