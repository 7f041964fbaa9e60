import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, type RefObject } from 'react';
import { AgGridReact } from 'ag-grid-react';
import type {
  CellEditRequestEvent,
  CellFocusedEvent,
  ColDef,
  GridApi,
  GridReadyEvent,
  IRowNode,
  RowClassRules,
} from 'ag-grid-community';
import type { Criterion, ProjectRow } from '../../../shared/api/types';
import { gridTheme, useGridLocale } from '../../components/grid';
import { en } from '../../i18n/en';
import { useI18n } from '../../i18n/i18n-context';
import { th } from '../../i18n/th';
import { scoreKey, type MemberScores } from './use-member-scores';
import { pastedCells, typedScore, type PasteTarget } from './paste';
import { noScoreRows, scoreRows, type ScoreRow, type ScoreRows } from './score-rows';

export type { ScoreRow } from './score-rows';

/** A project's place in the ranking, by id: what the rank and composite columns show. */
type Ranking = ReadonlyMap<number, ProjectRow>;

export type FocusedCell = Readonly<{ projectId: number; code: string; criterion: Criterion }>;

type Props = Readonly<{
  projects: readonly ProjectRow[];
  criteria: readonly Criterion[];
  memberScores: MemberScores;
  search: string;
  onFocusCell(cell: FocusedCell | null): void;
  onConflict(row: ScoreRow): void;
  /** A typed or pasted value that is not a score: the message in both languages, never a silent drop. */
  onRefused(message: string, messageTh: string): void;
  onPasted(count: number): void;
}>;

export const criterionColId = (c: Criterion): string => `c-${c.code}`;

/**
 * A member's scores, keyboard first: arrows move, typing starts an edit, Enter saves, Delete takes a score back
 * ("not scored", never zero), and a block copied from Excel is pasted from the focused cell down and across
 * (AG Grid Community has no clipboard module, so the paste event is read here; all or nothing).
 */
export function ScoringGrid({ projects, criteria, memberScores, search, onFocusCell, onConflict, onRefused, onPasted }: Props) {
  const { lang } = useI18n();
  const localeText = useGridLocale();
  const { scores, pending, conflicts, set, subscribe } = memberScores;
  const api = useRef<GridApi<ScoreRow> | null>(null);
  // The ranking the rank and composite columns read: replaced, never changed in place, when a new one arrives, and
  // set before the grid draws (it may draw before this component's effects run).
  const ranking = useRef<Ranking>(new Map());
  ranking.current = useMemo<Ranking>(() => new Map(projects.map((p) => [p.id, p])), [projects]);
  const columnDefs = useScoringColumns(criteria, onConflict, scores, pending, ranking);

  // Rows change only when a project is added, removed or renamed, or a conflict is declared or withdrawn: a score
  // edit or a new ranking keeps the same array, so AG Grid neither diffs 5,000 rows nor filters them again.
  const previous = useRef<ScoreRows>(noScoreRows);
  const rows = useMemo(() => {
    previous.current = scoreRows(previous.current, projects, conflicts);
    return previous.current.rows;
  }, [projects, conflicts]);

  // A new ranking: the rank and composite cells on screen are redrawn where they changed (AG Grid compares the old
  // and new value of each cell drawn), before the browser paints; the rows are re-sorted only when sorted by them.
  useLayoutEffect(() => {
    const grid = api.current;
    if (!grid) return;
    grid.refreshCells({ columns: [RANK_COL, COMPOSITE_COL] });
    if (isSortedBy(grid, [RANK_COL, COMPOSITE_COL])) grid.onSortChanged();
  }, [projects]);

  // A score edited, saved or refused: only its cell is redrawn; a sheet read again redraws the score cells on screen.
  useEffect(
    () =>
      subscribe((change) => {
        const grid = api.current;
        if (!grid) return;
        if (change === null) {
          const columns = criteria.map(criterionColId);
          grid.refreshCells({ columns });
          if (isSortedBy(grid, columns)) grid.onSortChanged();
          return;
        }
        const rowNodes: IRowNode<ScoreRow>[] = [];
        const columns = new Set<string>();
        for (const key of change) {
          const [projectId, criterionId] = key.split(':').map(Number);
          const row = previous.current.byId.get(projectId!);
          const node = row ? grid.getRowNode(row.code) : undefined;
          const criterion = criteria.find((c) => c.id === criterionId);
          if (!node || !criterion) continue;
          rowNodes.push(node);
          columns.add(criterionColId(criterion));
        }
        if (rowNodes.length === 0) return;
        grid.refreshCells({ rowNodes, columns: [...columns] });
        if (isSortedBy(grid, [...columns])) grid.onSortChanged();
      }),
    [subscribe, criteria],
  );

  // readOnlyEdit: the grid never mutates rows; edits come here and flow back through `scores`.
  const onEdit = useCallback(
    (e: CellEditRequestEvent<ScoreRow>) => {
      const criterion = criteria.find((c) => criterionColId(c) === e.column.getColId());
      if (!criterion || !e.data) return;
      const text = e.newValue === null || e.newValue === undefined ? '' : String(e.newValue);
      const target: PasteTarget = { projectId: e.data.projectId, code: e.data.code, criterion, conflict: e.data.conflict };
      const typed = typedScore(text, target);
      if (!typed.ok) {
        onRefused(typed.en, typed.th);
        return;
      }
      const cell = typed.cell;
      if (cell.value === (scores.get(scoreKey(cell.projectId, cell.criterionId))?.value ?? null)) return;
      set(cell.projectId, cell.criterionId, cell.value);
    },
    [criteria, set, onRefused, scores],
  );

  const onFocused = useCallback(
    (e: CellFocusedEvent<ScoreRow>) => {
      const colId = typeof e.column === 'string' ? e.column : e.column?.getColId();
      const criterion = criteria.find((c) => criterionColId(c) === colId);
      const row = e.rowIndex === null || e.rowIndex === undefined ? undefined : e.api.getDisplayedRowAtIndex(e.rowIndex)?.data;
      onFocusCell(criterion && row ? { projectId: row.projectId, code: row.code, criterion } : null);
    },
    [criteria, onFocusCell],
  );

  const onPaste = useCallback(
    (e: React.ClipboardEvent<HTMLDivElement>) => {
      const grid = api.current;
      const focused = grid?.getFocusedCell();
      if (!grid || !focused || grid.getEditingCells().length > 0) return;
      const text = e.clipboardData.getData('text/plain');
      if (!text) return;
      e.preventDefault();
      const block = text
        .replace(/\r?\n$/u, '')
        .split(/\r?\n/u)
        .map((line) => line.split('\t'));
      const displayed = grid.getAllDisplayedColumns().map((c) => c.getColId());
      const startCol = displayed.indexOf(focused.column.getColId());
      const targets: PasteTarget[][] = [];
      for (let r = 0; r < block.length; r++) {
        const row = grid.getDisplayedRowAtIndex(focused.rowIndex + r)?.data;
        const line: PasteTarget[] = [];
        for (let k = 0; k < block[r]!.length; k++) {
          const criterion = criteria.find((c) => criterionColId(c) === displayed[startCol + k]);
          if (!row || !criterion) {
            onRefused(en.judgement.pasteOutside, th.judgement.pasteOutside);
            return;
          }
          line.push({ projectId: row.projectId, code: row.code, criterion, conflict: row.conflict });
        }
        targets.push(line);
      }
      const parsed = pastedCells(block, targets);
      if (!parsed.ok) {
        const first = parsed.problems[0]!;
        onRefused(
          en.judgement.pasteRefused(parsed.problems.length, first.en),
          th.judgement.pasteRefused(parsed.problems.length, first.th),
        );
        return;
      }
      for (const c of parsed.cells) set(c.projectId, c.criterionId, c.value);
      onPasted(parsed.cells.length);
    },
    [criteria, set, onRefused, onPasted],
  );

  // Changes announced before the grid was ready found no grid to redraw: every value cell drawn is read again now.
  const onGridReady = useCallback((e: GridReadyEvent<ScoreRow>) => {
    api.current = e.api;
    e.api.refreshCells();
  }, []);

  return (
    <div style={{ height: '100%' }} onPaste={onPaste}>
      <AgGridReact<ScoreRow>
        key={lang}
        theme={gridTheme}
        localeText={localeText}
        rowData={rows}
        getRowId={rowId}
        columnDefs={columnDefs}
        quickFilterText={search}
        cacheQuickFilter
        readOnlyEdit
        onCellEditRequest={onEdit}
        onCellFocused={onFocused}
        onGridReady={onGridReady}
        singleClickEdit
        stopEditingWhenCellsLoseFocus
        rowClassRules={rowClassRules}
        defaultColDef={defaultColDef}
      />
    </div>
  );
}

// Grid options given as new objects on every render make AG Grid rebuild every column and re-run the quick filter
// over every row, so the ones that never change are made once.
const rowId = (p: { data: ScoreRow }): string => p.data.code;
const rowClassRules: RowClassRules<ScoreRow> = { 'score-conflict': (p) => p.data?.conflict ?? false };
const defaultColDef: ColDef<ScoreRow> = { resizable: true, sortable: true, enableCellChangeFlash: true };

/**
 * The search box finds projects by code and title only: scores, ranks and composites add nothing to it, and leaving
 * them out spares re-reading every score of every re-ranked row after each edit (AG Grid rebuilds a row's search text
 * whenever its row object changes, and one edit can move thousands of ranks).
 */
const noSearchText = (): string => '';

const RANK_COL = 'rank';
const COMPOSITE_COL = 'composite';

/** Whether the grid is sorted by one of these columns (its order then depends on their values). */
function isSortedBy(grid: GridApi<ScoreRow>, colIds: readonly string[]): boolean {
  return grid.getColumnState().some((c) => c.sort && colIds.includes(c.colId));
}

function useScoringColumns(
  criteria: readonly Criterion[],
  onConflict: (row: ScoreRow) => void,
  scores: MemberScores['scores'],
  pending: MemberScores['pending'],
  ranking: RefObject<Ranking>,
): ColDef<ScoreRow>[] {
  const { lang, t } = useI18n();
  return useMemo(() => {
    const fixed: ColDef<ScoreRow>[] = [
      { field: 'code', headerName: t.scoring.col.code, width: 120, pinned: 'left' },
      { field: 'title', headerName: t.scoring.col.title, width: 280, tooltipField: 'title', pinned: 'left' },
      {
        colId: 'conflict',
        headerName: t.judgement.conflict,
        getQuickFilterText: noSearchText,
        width: 110,
        sortable: false,
        cellRenderer: (p: { data?: ScoreRow }) =>
          p.data ? (
            <button
              type="button"
              className="conflict-toggle"
              data-testid={`conflict-${p.data.code}`}
              aria-pressed={p.data.conflict}
              onClick={() => p.data && onConflict(p.data)}
            >
              {p.data.conflict ? '⚑ ' + t.judgement.conflict : '—'}
            </button>
          ) : null,
      },
    ];
    const perCriterion = criteria.map((c): ColDef<ScoreRow> => ({
      colId: criterionColId(c),
      getQuickFilterText: noSearchText,
      headerName: `${lang === 'th' ? c.nameTh : c.nameEn} (${t.scoring.scale(c.scaleMin, c.scaleMax)})`,
      headerTooltip: lang === 'th' ? c.nameTh : c.nameEn,
      wrapHeaderText: true,
      autoHeaderHeight: true,
      minWidth: 150,
      flex: 1,
      type: 'rightAligned',
      editable: (p) => !(p.data?.conflict ?? false),
      // A text editor: what was typed reaches the check as typed, so "abc" or "๔" is refused with a reason.
      cellEditor: 'agTextCellEditor',
      valueGetter: (p) => (p.data ? (scores.get(scoreKey(p.data.projectId, c.id))?.value ?? null) : null),
      cellClassRules: {
        'score-pending': (p) => (p.data ? pending.has(scoreKey(p.data.projectId, c.id)) : false),
        'score-empty': (p) =>
          p.data !== undefined && !p.data.conflict && (scores.get(scoreKey(p.data.projectId, c.id))?.value ?? null) === null,
        'score-commented': (p) => (p.data ? Boolean(scores.get(scoreKey(p.data.projectId, c.id))?.comment) : false),
      },
    }));
    return [
      ...fixed,
      ...perCriterion,
      {
        colId: RANK_COL,
        valueGetter: (p) => (p.data ? ranking.current.get(p.data.projectId)?.rank : undefined),
        headerName: t.projects.col.rank,
        width: 100,
        type: 'rightAligned',
        getQuickFilterText: noSearchText,
      },
      {
        colId: COMPOSITE_COL,
        valueGetter: (p) => (p.data ? ranking.current.get(p.data.projectId)?.composite : undefined),
        getQuickFilterText: noSearchText,
        headerName: t.projects.col.composite,
        width: 120,
        type: 'rightAligned',
        valueFormatter: (p) => (typeof p.value === 'number' ? p.value.toFixed(2) : ''),
      },
    ];
  }, [criteria, lang, t, onConflict, scores, pending, ranking]);
}
