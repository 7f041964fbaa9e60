import { useCallback, useMemo, useRef } from 'react';
import { AgGridReact } from 'ag-grid-react';
import type { CellEditRequestEvent, CellFocusedEvent, ColDef, GridApi } from 'ag-grid-community';
import type { Criterion, ProjectRow } from '../../../shared/api/types';
import { gridTheme, useGridLocale } from '../../components/grid';
import { en } from '../../i18n/en';
import { useI18n } from '../../i18n/i18n-context';
import { th } from '../../i18n/th';
import { scoreKey, type MemberScores } from './use-member-scores';
import { pastedCells, type PasteTarget } from './paste';

export type ScoreRow = Readonly<{
  projectId: number;
  code: string;
  title: string;
  rank: number;
  composite: number;
  conflict: boolean;
  values: Readonly<Record<number, number | null>>;
  commented: ReadonlySet<number>;
  pending: ReadonlySet<number>;
}>;

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
  const { scores, pending, conflicts, set } = memberScores;
  const api = useRef<GridApi<ScoreRow> | null>(null);
  const columnDefs = useScoringColumns(criteria, onConflict);

  // Rows are kept from one render to the next unless something shown in them changed: AG Grid then redraws only the
  // rows whose object is new, so one edit at province scale (5,000 rows) redraws one row and the re-ranked ones.
  const previous = useRef(new Map<number, ScoreRow>());
  const rows = useMemo<ScoreRow[]>(() => {
    const kept = previous.current;
    const next = new Map<number, ScoreRow>();
    const out = [...projects]
      .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
      .map((p) => {
        const cells = criteria.map((c) => scores.get(scoreKey(p.id, c.id)));
        const waiting = criteria.map((c) => pending.has(scoreKey(p.id, c.id)));
        const conflict = conflicts.has(p.id);
        const old = kept.get(p.id);
        const same =
          old !== undefined &&
          old.code === p.code &&
          old.title === p.title &&
          old.rank === p.rank &&
          old.composite === p.composite &&
          old.conflict === conflict &&
          criteria.every(
            (c, i) =>
              (old.values[c.id] ?? null) === (cells[i]?.value ?? null) &&
              old.commented.has(c.id) === Boolean(cells[i]?.comment) &&
              old.pending.has(c.id) === waiting[i],
          );
        const row: ScoreRow = same
          ? old
          : {
              projectId: p.id,
              code: p.code,
              title: p.title,
              rank: p.rank,
              composite: p.composite,
              conflict,
              values: Object.fromEntries(criteria.map((c, i) => [c.id, cells[i]?.value ?? null])),
              commented: new Set(criteria.filter((_, i) => cells[i]?.comment).map((c) => c.id)),
              pending: new Set(criteria.filter((_, i) => waiting[i]).map((c) => c.id)),
            };
        next.set(p.id, row);
        return row;
      });
    previous.current = next;
    return out;
  }, [projects, criteria, scores, pending, conflicts]);

  // readOnlyEdit: the grid never mutates rows; edits come here and flow back through `scores`.
  const onEdit = useCallback(
    (e: CellEditRequestEvent<ScoreRow>) => {
      const criterion = criteria.find((c) => criterionColId(c) === e.column.getColId());
      if (!criterion || !e.data) return;
      const text = e.newValue === null || e.newValue === undefined ? '' : String(e.newValue);
      const target: PasteTarget = { projectId: e.data.projectId, code: e.data.code, criterion, conflict: e.data.conflict };
      const parsed = pastedCells([[text]], [[target]]);
      if (!parsed.ok) {
        const why = parsed.problems[0]!;
        onRefused(
          en.judgement.badInput(e.data.code, criterion.nameEn, why.en),
          th.judgement.badInput(e.data.code, criterion.nameTh, why.th),
        );
        return;
      }
      const cell = parsed.cells[0]!;
      if (cell.value === (e.data.values[criterion.id] ?? null)) return;
      set(cell.projectId, cell.criterionId, cell.value);
    },
    [criteria, set, onRefused],
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

  return (
    <div style={{ height: '100%' }} onPaste={onPaste}>
      <AgGridReact<ScoreRow>
        key={lang}
        theme={gridTheme}
        localeText={localeText}
        rowData={rows}
        getRowId={(p) => p.data.code}
        columnDefs={columnDefs}
        quickFilterText={search}
        cacheQuickFilter
        readOnlyEdit
        onCellEditRequest={onEdit}
        onCellFocused={onFocused}
        onGridReady={(e) => (api.current = e.api)}
        singleClickEdit
        stopEditingWhenCellsLoseFocus
        rowClassRules={{ 'score-conflict': (p) => p.data?.conflict ?? false }}
        defaultColDef={{ resizable: true, sortable: true, enableCellChangeFlash: true }}
      />
    </div>
  );
}

/**
 * The search box finds projects by code and title only: scores, ranks and composites add nothing to it, and leaving
 * them out spares re-reading every score of every re-ranked row after each edit (AG Grid rebuilds a row's search text
 * whenever its row object changes, and one edit can move thousands of ranks).
 */
const noSearchText = (): string => '';

function useScoringColumns(criteria: readonly Criterion[], onConflict: (row: ScoreRow) => void): ColDef<ScoreRow>[] {
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
      valueGetter: (p) => p.data?.values[c.id] ?? null,
      cellClassRules: {
        'score-pending': (p) => p.data?.pending.has(c.id) ?? false,
        'score-empty': (p) => !(p.data?.conflict ?? false) && (p.data?.values[c.id] ?? null) === null,
        'score-commented': (p) => p.data?.commented.has(c.id) ?? false,
      },
    }));
    return [
      ...fixed,
      ...perCriterion,
      { field: 'rank', headerName: t.projects.col.rank, width: 100, type: 'rightAligned', getQuickFilterText: noSearchText },
      {
        field: 'composite',
        getQuickFilterText: noSearchText,
        headerName: t.projects.col.composite,
        width: 120,
        type: 'rightAligned',
        valueFormatter: (p) => (typeof p.value === 'number' ? p.value.toFixed(2) : ''),
      },
    ];
  }, [criteria, lang, t, onConflict]);
}
