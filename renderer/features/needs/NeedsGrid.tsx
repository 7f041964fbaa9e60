import { useCallback, useMemo, useRef, useState } from 'react';
import { AgGridReact } from 'ag-grid-react';
import type { ColDef } from 'ag-grid-community';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import type { NeedsFilter } from '../../../shared/api/needs-explorer';
import type { NeedRow } from '../../../shared/api/types';
import { useApi, useApiEvent } from '../../app/api-context';
import { useNotify } from '../../app/notify-context';
import { useNames } from '../../app/use-names';
import { gridTheme, useGridLocale, PAGED_GRID } from '../../components/grid';
import { formatCount, formatSatang, formatShortDate } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n-context';
import { needsDatasource, SORTABLE_FIELDS } from './needs-datasource';

type Props = Readonly<{
  /** The settled filter (the search already debounced). */
  filter: NeedsFilter;
  /** A row was chosen: show that need's detail. */
  onOpen(needId: number): void;
}>;

/** The needs matching the filter, a page at a time from the host (never the whole table in the renderer). */
export function NeedsGrid({ filter, onOpen }: Props) {
  const { client } = useApi();
  const notify = useNotify();
  const { lang, t } = useI18n();
  const localeText = useGridLocale();
  const columnDefs = useNeedsColumns();
  const gridRef = useRef<AgGridReact<NeedRow>>(null);
  const [total, setTotal] = useState<number | null>(null);

  // A new datasource object makes the grid start again from the first block with the new filter.
  const datasource = useMemo(
    () => needsDatasource(client, filter, { onTotal: setTotal, onError: notify.error }),
    [client, filter, notify],
  );

  const refresh = useCallback(() => gridRef.current?.api?.purgeInfiniteCache(), []);
  useApiEvent(['needs.synced'], refresh);

  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', flex: 1, minHeight: 420, gap: 1 }}>
      <Typography data-testid="needs-total" data-total={total ?? ''} sx={{ color: 'text.secondary' }}>
        {total === null ? '' : t.needs.total(formatCount(total))}
      </Typography>
      <Box data-testid="needs-grid" sx={{ flex: 1, minHeight: 460 }}>
        <AgGridReact<NeedRow>
          // Locale text is read once at creation, so a language switch rebuilds the grid.
          key={lang}
          ref={gridRef}
          theme={gridTheme}
          localeText={localeText}
          {...PAGED_GRID}
          datasource={datasource}
          columnDefs={columnDefs}
          defaultColDef={{ resizable: true, suppressMovable: true, wrapHeaderText: true, autoHeaderHeight: true }}
          onRowClicked={(e) => e.data && onOpen(e.data.id)}
          rowStyle={{ cursor: 'pointer' }}
        />
      </Box>
    </Box>
  );
}

function useNeedsColumns(): ColDef<NeedRow>[] {
  const { lang, t } = useI18n();
  const names = useNames();
  return useMemo(() => {
    const c = t.needs.col;
    const statusText = (v: unknown): string => (v === 'active' || v === 'withdrawn' ? t.needs.status[v] : '');
    const num = { type: 'rightAligned', width: 120, valueFormatter: (p: { value: number | null }) => formatCount(p.value) };
    const cols: ColDef<NeedRow>[] = [
      { field: 'externalId', headerName: c.externalId, width: 130 },
      { field: 'title', headerName: c.title, flex: 2, minWidth: 240, tooltipField: 'title' },
      { field: 'category', headerName: c.category, width: 150, valueFormatter: (p) => names.category(p.value ?? '') },
      { field: 'tambonCode', headerName: c.tambon, width: 140, valueFormatter: (p) => names.tambon(p.value ?? '') },
      {
        colId: 'district',
        field: 'districtCode',
        headerName: c.district,
        width: 140,
        valueFormatter: (p) => names.district(p.value ?? ''),
      },
      { field: 'villageNo', headerName: c.villageNo, ...num, width: 90 },
      { field: 'households', headerName: c.households, ...num },
      { field: 'peopleAffected', headerName: c.peopleAffected, ...num, width: 160 },
      { field: 'timesRaised', headerName: c.timesRaised, ...num, width: 140 },
      { field: 'channel', headerName: c.channel, width: 120, valueFormatter: (p) => names.channel(p.value ?? '') },
      {
        field: 'reportedDate',
        headerName: c.reportedDate,
        width: 130,
        valueFormatter: (p) => formatShortDate(p.value ?? null, lang),
      },
      { field: 'status', headerName: c.status, width: 110, valueFormatter: (p) => statusText(p.value) },
      {
        field: 'estimatedCost',
        headerName: c.estimatedCost,
        type: 'rightAligned',
        width: 150,
        valueFormatter: (p) => formatSatang(p.value),
      },
      { field: 'updatedAt', headerName: c.updatedAt, width: 130, valueFormatter: (p) => formatShortDate(p.value ?? null, lang) },
    ];
    // The host sorts only by some fields; offering the others would silently do nothing.
    return cols.map((col) => ({ ...col, sortable: SORTABLE_FIELDS.has(col.colId ?? col.field ?? '') }));
  }, [lang, t, names]);
}
