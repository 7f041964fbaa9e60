import { useMemo } from 'react';
import { AgGridReact } from 'ag-grid-react';
import type { ColDef, RowClassParams, RowClassRules, RowStyle } from 'ag-grid-community';
import type { SensitivityRow, SensitivityView } from '../../../shared/api/judgement';
import type { ProjectRow } from '../../../shared/api/types';
import { gridTheme, useGridLocale } from '../../components/grid';
import { useI18n } from '../../i18n/i18n-context';
import { useProjects } from '../projects/use-projects';

type Row = ProjectRow & Readonly<{ range: SensitivityRow | undefined }>;

// Made once: a grid option given as a new function or object on each render makes AG Grid rebuild its columns or
// restyle every row each time the ranking moves.
const rowId = (p: { data: Row }): string => p.data.code;
const rowClassRules: RowClassRules<Row> = { 'rank-flips': (p) => p.data?.range?.flips ?? false };
const rowStyle = (p: RowClassParams<Row>): RowStyle | undefined => (p.data?.range?.flips ? { background: '#fff3e0' } : undefined);

/** The committee's ranking (overrides applied) with each project's rank range; those whose funding may flip marked. */
export function RankingGrid({ sensitivity }: Readonly<{ sensitivity: SensitivityView }>) {
  const { lang, t } = useI18n();
  const localeText = useGridLocale();
  const projects = useProjects();
  const rows = useMemo<Row[]>(() => {
    const byId = new Map(sensitivity.rows.map((r) => [r.projectId, r]));
    return (projects.data ?? []).map((p) => ({ ...p, range: byId.get(p.id) }));
  }, [projects.data, sensitivity]);
  const columns = useMemo<ColDef<Row>[]>(
    () => [
      { field: 'rank', headerName: t.judgement.col.rank, width: 90, type: 'rightAligned' },
      { field: 'code', headerName: t.judgement.col.code, width: 120 },
      { field: 'title', headerName: t.judgement.col.title, flex: 1, minWidth: 220, tooltipField: 'title' },
      {
        field: 'composite',
        headerName: t.judgement.col.composite,
        width: 120,
        type: 'rightAligned',
        valueFormatter: (p) => (typeof p.value === 'number' ? p.value.toFixed(2) : ''),
      },
      {
        colId: 'override',
        headerName: t.judgement.col.override,
        width: 150,
        valueGetter: (p) => (p.data?.override ? t.judgement.kinds[p.data.override] : ''),
      },
      {
        colId: 'range',
        headerName: t.judgement.col.range,
        width: 120,
        valueGetter: (p) => (p.data?.range ? `${p.data.range.minRank}–${p.data.range.maxRank}` : ''),
      },
      {
        colId: 'funded',
        headerName: t.judgement.col.funded,
        width: 120,
        valueGetter: (p) => (p.data?.range ? `${Math.round(p.data.range.fundedShare * 100)}%` : ''),
      },
      {
        colId: 'flips',
        headerName: t.judgement.col.flips,
        width: 130,
        valueGetter: (p) => (p.data?.range?.flips ? t.judgement.yes : ''),
      },
    ],
    [t],
  );
  return (
    <div data-testid="ranking-grid" style={{ height: 420 }}>
      <AgGridReact<Row>
        key={lang}
        theme={gridTheme}
        localeText={localeText}
        rowData={rows}
        getRowId={rowId}
        columnDefs={columns}
        rowClassRules={rowClassRules}
        getRowStyle={rowStyle}
      />
    </div>
  );
}
