import { useMemo, useState } from 'react';
import { AgGridReact } from 'ag-grid-react';
import type { ColDef } from 'ag-grid-community';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import type { ProjectRow } from '../../../shared/api/types';
import { useNames } from '../../app/use-names';
import { gridTheme, useGridLocale } from '../../components/grid';
import { formatCount, formatSatang } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n-context';
import { EvidenceCell } from './EvidenceCell';
import { useProjects } from './use-projects';
import { SearchField } from '../../components/SearchField';

export function ProjectsScreen() {
  const { lang, t } = useI18n();
  const localeText = useGridLocale();
  const projects = useProjects();
  const columnDefs = useProjectColumns();
  const [search, setSearch] = useState('');
  return (
    <Box data-testid="screen-projects" sx={{ display: 'flex', flexDirection: 'column', gap: 2, height: '100%' }}>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 2 }}>
        <Typography variant="h5" component="h2">
          {t.projects.title}
        </Typography>
        <SearchField label={t.projects.search} value={search} onChange={setSearch} testId="projects-search" alignEnd />
      </Box>
      <Box data-testid="projects-grid" sx={{ flex: 1, minHeight: 420 }}>
        <AgGridReact<ProjectRow>
          key={lang}
          theme={gridTheme}
          localeText={localeText}
          rowData={projects.data}
          loading={projects.data === undefined}
          getRowId={(p) => p.data.code}
          columnDefs={columnDefs}
          quickFilterText={search}
          // Live updates during a session: briefly highlight rank and score changes.
          defaultColDef={{ resizable: true, sortable: true, enableCellChangeFlash: true }}
        />
      </Box>
    </Box>
  );
}

function useProjectColumns(): ColDef<ProjectRow>[] {
  const { t } = useI18n();
  const names = useNames();
  return useMemo(() => {
    const c = t.projects.col;
    const levelText = (v: unknown): string => (v === 'province' || v === 'agency' || v === 'local' ? t.projects.level[v] : '');
    return [
      { field: 'rank', headerName: c.rank, width: 105, sort: 'asc', type: 'rightAligned' },
      { field: 'code', headerName: c.code, width: 120 },
      { field: 'title', headerName: c.title, flex: 2, minWidth: 260, tooltipField: 'title' },
      { field: 'agency', headerName: c.agency, flex: 1, minWidth: 180 },
      { field: 'level', headerName: c.level, width: 110, valueFormatter: (p) => levelText(p.value) },
      {
        colId: 'district',
        field: 'districtCode',
        headerName: c.district,
        width: 130,
        valueFormatter: (p) => names.district(p.value ?? ''),
        getQuickFilterText: (p) => names.district(p.value),
      },
      {
        field: 'strategy',
        headerName: c.strategy,
        flex: 1,
        minWidth: 200,
        valueFormatter: (p) => names.strategy(p.value ?? ''),
        getQuickFilterText: (p) => names.strategy(p.value),
      },
      {
        field: 'requested',
        headerName: c.requested,
        width: 170,
        type: 'rightAligned',
        valueFormatter: (p) => formatSatang(p.value),
      },
      {
        field: 'composite',
        headerName: c.composite,
        width: 120,
        type: 'rightAligned',
        valueFormatter: (p) => (p.value === null || p.value === undefined ? '' : p.value.toFixed(2)),
      },
      {
        field: 'needCount',
        headerName: c.needCount,
        width: 140,
        type: 'rightAligned',
        valueFormatter: (p) => formatCount(p.value),
      },
      {
        field: 'peopleAffected',
        headerName: c.peopleAffected,
        width: 170,
        type: 'rightAligned',
        valueFormatter: (p) => formatCount(p.value),
      },
      { field: 'evidenceChanged', headerName: c.evidence, width: 150, cellRenderer: EvidenceCell },
    ] satisfies ColDef<ProjectRow>[];
  }, [t, names]);
}
