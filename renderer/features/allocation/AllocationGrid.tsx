import { useMemo } from 'react';
import { AgGridReact } from 'ag-grid-react';
import type { ColDef } from 'ag-grid-community';
import type { AllocationRow } from '../../../shared/api/types';
import { useNames } from '../../app/use-names';
import { gridTheme, useGridLocale } from '../../components/grid';
import { formatSatang } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n-context';

export function AllocationGrid({ rows }: { rows: readonly AllocationRow[] | undefined }) {
  const { lang, t } = useI18n();
  const localeText = useGridLocale();
  const names = useNames();
  const columnDefs = useMemo<ColDef<AllocationRow>[]>(() => {
    const c = t.allocation.col;
    const reasons: Readonly<Record<string, string>> = t.allocation.reason;
    const reasonText = (v: unknown): string => (typeof v === 'string' ? (reasons[v] ?? v) : '');
    return [
      { field: 'rank', headerName: c.rank, width: 105, type: 'rightAligned', sort: 'asc' },
      { field: 'code', headerName: c.code, width: 115 },
      { field: 'title', headerName: c.title, flex: 1, minWidth: 170, tooltipField: 'title' },
      {
        colId: 'district',
        field: 'districtCode',
        headerName: c.district,
        width: 150,
        valueFormatter: (p) => names.district(p.value ?? ''),
      },
      {
        field: 'requested',
        headerName: c.requested,
        width: 140,
        type: 'rightAligned',
        valueFormatter: (p) => formatSatang(p.value),
      },
      { field: 'funded', headerName: c.funded, width: 150, type: 'rightAligned', valueFormatter: (p) => formatSatang(p.value) },
      {
        field: 'reason',
        headerName: c.reason,
        width: 220,
        // Unknown reasons (a newer host) show their code rather than nothing.
        valueFormatter: (p) => reasonText(p.value),
        cellClassRules: { 'alloc-funded': (p) => (p.data?.funded ?? 0) > 0 },
      },
    ];
  }, [t, names]);

  return (
    <AgGridReact<AllocationRow>
      key={lang}
      theme={gridTheme}
      localeText={localeText}
      rowData={rows as AllocationRow[] | undefined}
      loading={rows === undefined}
      getRowId={(p) => p.data.code}
      columnDefs={columnDefs}
      defaultColDef={{ resizable: true, sortable: true, enableCellChangeFlash: true }}
    />
  );
}
