import { useCallback, useMemo } from 'react';
import { AgGridReact } from 'ag-grid-react';
import type { CellEditRequestEvent, ColDef } from 'ag-grid-community';
import type { Criterion, ProjectRow } from '../../../shared/api/types';
import { gridTheme, useGridLocale } from '../../components/grid';
import { useI18n } from '../../i18n/i18n-context';
import { scoreKey, type MemberScores } from './use-member-scores';

type ScoreRow = Readonly<{
  projectId: number;
  code: string;
  title: string;
  rank: number;
  composite: number;
  values: Readonly<Record<number, number | null>>;
  pending: ReadonlySet<number>;
}>;

type Props = Readonly<{
  projects: readonly ProjectRow[];
  criteria: readonly Criterion[];
  memberScores: MemberScores;
  search: string;
}>;

const criterionColId = (c: Criterion): string => `c-${c.code}`;

export function ScoringGrid({ projects, criteria, memberScores, search }: Props) {
  const { lang } = useI18n();
  const localeText = useGridLocale();
  const columnDefs = useScoringColumns(criteria);
  const { scores, pending, set } = memberScores;

  const rows = useMemo<ScoreRow[]>(
    () =>
      [...projects]
        .sort((a, b) => a.code.localeCompare(b.code))
        .map((p) => ({
          projectId: p.id,
          code: p.code,
          title: p.title,
          rank: p.rank,
          composite: p.composite,
          values: Object.fromEntries(criteria.map((c) => [c.id, scores.get(scoreKey(p.id, c.id))?.value ?? null])),
          pending: new Set(criteria.filter((c) => pending.has(scoreKey(p.id, c.id))).map((c) => c.id)),
        })),
    [projects, criteria, scores, pending],
  );

  // readOnlyEdit: the grid never mutates rows; edits come here and flow back through `scores`.
  const onEdit = useCallback(
    (e: CellEditRequestEvent<ScoreRow>) => {
      const criterion = criteria.find((c) => criterionColId(c) === e.column.getColId());
      const value = typeof e.newValue === 'number' ? e.newValue : Number(e.newValue);
      if (!criterion || !e.data || e.newValue === null || e.newValue === '' || !Number.isFinite(value)) return;
      set(e.data.projectId, criterion.id, value);
    },
    [criteria, set],
  );

  return (
    <AgGridReact<ScoreRow>
      key={lang}
      theme={gridTheme}
      localeText={localeText}
      rowData={rows}
      getRowId={(p) => p.data.code}
      columnDefs={columnDefs}
      quickFilterText={search}
      readOnlyEdit
      onCellEditRequest={onEdit}
      singleClickEdit
      stopEditingWhenCellsLoseFocus
      defaultColDef={{ resizable: true, sortable: true, enableCellChangeFlash: true }}
    />
  );
}

function useScoringColumns(criteria: readonly Criterion[]): ColDef<ScoreRow>[] {
  const { lang, t } = useI18n();
  return useMemo(() => {
    const fixed: ColDef<ScoreRow>[] = [
      { field: 'code', headerName: t.scoring.col.code, width: 120, pinned: 'left' },
      { field: 'title', headerName: t.scoring.col.title, width: 300, tooltipField: 'title', pinned: 'left' },
    ];
    const perCriterion = criteria.map((c): ColDef<ScoreRow> => ({
      colId: criterionColId(c),
      headerName: `${lang === 'th' ? c.nameTh : c.nameEn} (${t.scoring.scale(c.scaleMin, c.scaleMax)})`,
      headerTooltip: lang === 'th' ? c.nameTh : c.nameEn,
      wrapHeaderText: true,
      autoHeaderHeight: true,
      minWidth: 150,
      flex: 1,
      type: 'rightAligned',
      editable: true,
      cellEditor: 'agNumberCellEditor',
      // No min/max in the editor: the host validates the scale and says why in both languages.
      cellEditorParams: { showStepperButtons: false },
      valueGetter: (p) => p.data?.values[c.id] ?? null,
      cellClassRules: {
        'score-pending': (p) => p.data?.pending.has(c.id) ?? false,
        'score-empty': (p) => (p.data?.values[c.id] ?? null) === null,
      },
    }));
    return [
      ...fixed,
      ...perCriterion,
      { field: 'rank', headerName: t.projects.col.rank, width: 100, type: 'rightAligned' },
      {
        field: 'composite',
        headerName: t.projects.col.composite,
        width: 120,
        type: 'rightAligned',
        valueFormatter: (p) => (typeof p.value === 'number' ? p.value.toFixed(2) : ''),
      },
    ];
  }, [criteria, lang, t]);
}
