import { useCallback, useMemo, useRef, useState } from 'react';
import { AgGridReact } from 'ag-grid-react';
import type { ColDef } from 'ag-grid-community';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import type { UnmetNeedRow } from '../../../shared/api/types';
import { useApi, useApiEvent } from '../../app/api-context';
import { useNotify } from '../../app/notify-context';
import { useNames } from '../../app/use-names';
import { gridTheme, useGridLocale, PAGED_GRID } from '../../components/grid';
import { formatCount, formatSatang } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n-context';
import { unmetDatasource } from './unmet-datasource';

type Props = Readonly<{ roundId: number; districtCode: string; door: string }>;

/** The routed unmet needs, paged from the host (AG Grid infinite row model), with where each goes and why. */
export function UnmetGrid({ roundId, districtCode, door }: Props) {
  const { client } = useApi();
  const notify = useNotify();
  const { lang, t } = useI18n();
  const localeText = useGridLocale();
  const columnDefs = useUnmetColumns();
  const gridRef = useRef<AgGridReact<UnmetNeedRow>>(null);
  // The total is kept with the list it counts: a stale count never shows beside a newly chosen door or district.
  const listKey = `${roundId}|${districtCode}|${door}`;
  const [counted, setCounted] = useState<{ key: string; total: number } | null>(null);
  const total = counted?.key === listKey ? counted.total : null;

  const datasource = useMemo(
    () =>
      unmetDatasource(
        client,
        { roundId, districtCode, door },
        { onTotal: (n) => setCounted({ key: listKey, total: n }), onError: notify.error },
      ),
    [client, roundId, districtCode, door, listKey, notify],
  );
  const refresh = useCallback(() => gridRef.current?.api?.purgeInfiniteCache(), []);
  useApiEvent(['needs.synced', 'round.changed'], refresh);

  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 1 }}>
      <Box sx={{ display: 'flex', alignItems: 'baseline', gap: 2 }}>
        <Typography variant="h6" component="h3">
          {t.unmet.listTitle}
        </Typography>
        <Typography
          data-testid="unmet-list-total"
          data-total={total ?? ''}
          data-district={districtCode}
          data-door={door}
          sx={{ color: 'text.secondary' }}
        >
          {total === null ? '' : t.unmet.listTotal(formatCount(total))}
        </Typography>
      </Box>
      <Box data-testid="unmet-grid" sx={{ height: 520 }}>
        <AgGridReact<UnmetNeedRow>
          key={lang}
          ref={gridRef}
          theme={gridTheme}
          localeText={localeText}
          {...PAGED_GRID}
          datasource={datasource}
          columnDefs={columnDefs}
          defaultColDef={{
            resizable: true,
            suppressMovable: true,
            sortable: false,
            wrapHeaderText: true,
            autoHeaderHeight: true,
          }}
          tooltipShowDelay={300}
        />
      </Box>
    </Box>
  );
}

function useUnmetColumns(): ColDef<UnmetNeedRow>[] {
  const { lang, t } = useI18n();
  const names = useNames();
  return useMemo(() => {
    const c = t.unmet.col;
    const num = { type: 'rightAligned', width: 110, valueFormatter: (p: { value: number | null }) => formatCount(p.value) };
    return [
      { field: 'externalId', headerName: c.externalId, width: 130 },
      { field: 'title', headerName: c.title, flex: 2, minWidth: 240, tooltipField: 'title' },
      { field: 'category', headerName: c.category, width: 150, valueFormatter: (p) => names.category(p.value ?? '') },
      { field: 'villageNo', headerName: c.villageNo, ...num, width: 80 },
      { field: 'tambonCode', headerName: c.tambon, width: 120, valueFormatter: (p) => names.tambon(p.value ?? '') },
      { field: 'districtCode', headerName: c.district, width: 120, valueFormatter: (p) => names.district(p.value ?? '') },
      { field: 'peopleAffected', headerName: c.people, ...num, width: 130 },
      { field: 'households', headerName: c.households, ...num, width: 120 },
      { field: 'timesRaised', headerName: c.timesRaised, ...num, width: 90 },
      {
        field: 'estimatedCost',
        headerName: c.estimatedCost,
        type: 'rightAligned',
        width: 150,
        valueFormatter: (p) => formatSatang(p.value),
      },
      {
        colId: 'door',
        headerName: c.door,
        minWidth: 260,
        flex: 1,
        valueGetter: (p) => (p.data ? (lang === 'th' ? p.data.doorTh : p.data.doorEn) : ''),
        tooltipValueGetter: (p) => (p.data ? (lang === 'th' ? p.data.doorTh : p.data.doorEn) : ''),
      },
      {
        colId: 'reason',
        headerName: c.reason,
        minWidth: 320,
        flex: 2,
        valueGetter: (p) => (p.data ? (lang === 'th' ? p.data.reasonTh : p.data.reasonEn) : ''),
        tooltipValueGetter: (p) => (p.data ? (lang === 'th' ? p.data.reasonTh : p.data.reasonEn) : ''),
      },
    ];
  }, [lang, t, names]);
}
