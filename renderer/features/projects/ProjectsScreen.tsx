import { useCallback, useMemo, useState } from 'react';
import { AgGridReact } from 'ag-grid-react';
import type { CellClassParams, CellEditRequestEvent, ColDef, ITooltipParams } from 'ag-grid-community';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import { PROPOSAL_TEXT_LIMITS, type ProposalDetail } from '../../../shared/api/projects';
import { PLANNING_LEVELS } from '../../../shared/api/rounds';
import { READINESS_ITEMS } from '../../../shared/domain/proposals';
import { useNames } from '../../app/use-names';
import { useNotify } from '../../app/notify-context';
import { useSession } from '../../app/session-context';
import { gridTheme, textEditor, useGridLocale } from '../../components/grid';
import { SearchField } from '../../components/SearchField';
import { formatCount, formatSatang } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n-context';
import { ScoredConfirmDialog, RemoveDialog } from './ConfirmDialogs';
import { EvidenceCell } from './EvidenceCell';
import { ActionsCell, ChangedAfterScoringCell, NeedCountCell, type ProposalActions } from './ProjectCells';
import { ProposalDialog } from './ProposalDialog';
import { ProposalsImportPanel } from './ProposalsImportPanel';
import { gridRows, type ProposalGridRow } from './proposal-grid-row';
import { pointText } from '../../../shared/domain/import/coordinates';
import { EDITABLE_FIELDS, applyCellEdit, areaLabel, toInput, type EditableField, type Refusal } from './proposal-edit';
import { useProjects } from './use-projects';
import { useProposals } from './use-proposals';

/** A cell's refusal is keyed by the proposal's code and the column. */
type CellErrors = ReadonlyMap<string, Refusal>;
const cellKey = (code: string, field: string): string => `${code}:${field}`;
const isEditable = (field: string | undefined): field is EditableField =>
  field !== undefined && (EDITABLE_FIELDS as readonly string[]).includes(field);

/**
 * The round's proposals with their ranking. The owner edits them in place (name, level, agency, issue, amounts,
 * people), adds, removes and opens a form for areas, readiness and KPIs; everyone else reads.
 */
export function ProjectsScreen() {
  const { lang, t } = useI18n();
  const { can } = useSession();
  const canEdit = can('projects.update');
  const notify = useNotify();
  const localeText = useGridLocale();
  const ranking = useProjects();
  const editor = useProposals();
  const [search, setSearch] = useState('');
  const [form, setForm] = useState<{ proposal?: ProposalDetail } | null>(null);
  const [removing, setRemoving] = useState<ProposalDetail | null>(null);
  const [cellErrors, setCellErrors] = useState<CellErrors>(new Map());
  const columnDefs = useProposalColumns(canEdit, cellErrors);
  const rows = useMemo(() => (editor.rows ? gridRows(editor.rows, ranking.data) : undefined), [editor.rows, ranking.data]);

  const markCell = useCallback((key: string, refusal: Refusal | null) => {
    setCellErrors((m) => {
      const next = new Map(m);
      if (refusal) next.set(key, refusal);
      else next.delete(key);
      return next;
    });
  }, []);

  // readOnlyEdit: the grid never changes a row itself; a valid edit is saved and comes back with the refetch.
  const onCellEditRequest = useCallback(
    (e: CellEditRequestEvent<ProposalGridRow>) => {
      const field = e.colDef.colId ?? e.colDef.field;
      if (!e.data || !isEditable(field)) return;
      const row = e.data;
      const key = cellKey(row.code, field);
      const edit = applyCellEdit(toInput(row), field, e.newValue);
      if (!edit.ok) {
        markCell(key, edit.problem);
        notify.error({
          code: 'BAD_ARGS',
          message: `${row.code}: ${edit.problem.en}`,
          messageTh: `${row.code}: ${edit.problem.th}`,
        });
        return;
      }
      markCell(key, null);
      void editor.save(row, edit.input).then((outcome) => {
        const [problem] = outcome.ok ? [] : outcome.problems;
        if (problem) markCell(key, problem);
      });
    },
    [editor, markCell, notify],
  );

  const actions = useMemo<ProposalActions>(
    () => ({
      canEdit,
      canRemove: can('projects.remove'),
      edit: (row) => setForm({ proposal: row }),
      remove: (row) => setRemoving(row),
    }),
    [canEdit, can],
  );

  return (
    <Box
      data-testid="screen-projects"
      sx={{
        display: 'flex',
        flexDirection: 'column',
        gap: 2,
        height: '100%',
        '& .cell-invalid': { outline: '2px solid', outlineColor: 'error.main', outlineOffset: '-2px', bgcolor: '#fdecea' },
      }}
    >
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 2 }}>
        <Typography variant="h5" component="h2">
          {t.projects.title}
        </Typography>
        {can('projects.create') ? (
          <Button variant="contained" size="small" onClick={() => setForm({})} data-testid="proposal-add">
            {t.projects.add}
          </Button>
        ) : null}
        <SearchField label={t.projects.search} value={search} onChange={setSearch} testId="projects-search" alignEnd />
      </Box>
      {can('projects.importApply') ? <ProposalsImportPanel /> : null}
      <Box
        data-testid="projects-grid"
        sx={{ flex: 1, minHeight: 420, '& .chipao-point-outside': { color: 'warning.dark', fontWeight: 600 } }}
      >
        <AgGridReact<ProposalGridRow>
          key={lang}
          theme={gridTheme}
          localeText={localeText}
          rowData={rows}
          loading={rows === undefined}
          getRowId={(p) => p.data.code}
          columnDefs={columnDefs}
          context={actions}
          quickFilterText={search}
          readOnlyEdit
          onCellEditRequest={onCellEditRequest}
          stopEditingWhenCellsLoseFocus
          // Every column stays rendered (a few hundred rows), so flags and actions at the far right are always there.
          suppressColumnVirtualisation
          tooltipShowDelay={300}
          // Live updates during a session: briefly highlight rank and score changes.
          defaultColDef={{ resizable: true, sortable: true, enableCellChangeFlash: true }}
        />
      </Box>
      {form ? (
        <ProposalDialog
          proposal={form.proposal}
          busy={editor.busy}
          onClose={() => setForm(null)}
          onSave={(input) => (form.proposal ? editor.save(form.proposal, input) : editor.create(input))}
        />
      ) : null}
      {editor.confirm ? <ScoredConfirmDialog pending={editor.confirm} /> : null}
      {removing ? (
        <RemoveDialog
          code={removing.code}
          busy={editor.busy}
          onAnswer={(yes) => {
            const target = removing;
            setRemoving(null);
            if (yes) void editor.remove(target);
          }}
        />
      ) : null}
    </Box>
  );
}

function useProposalColumns(canEdit: boolean, cellErrors: CellErrors): ColDef<ProposalGridRow>[] {
  const { lang, t } = useI18n();
  const { round } = useSession();
  const names = useNames();
  return useMemo(() => {
    const c = t.projects.col;
    const levelText = (v: unknown): string => (v === 'province' || v === 'agency' || v === 'local' ? t.projects.level[v] : '');
    const issues = round?.developmentIssues ?? [];
    const issueText = (no: unknown): string => {
      const issue = issues.find((i) => i.no === no);
      if (!issue) return typeof no === 'number' && no > 0 ? String(no) : t.projects.noIssue;
      return `${issue.no}. ${lang === 'th' || issue.titleEn === '' ? issue.titleTh : issue.titleEn}`;
    };
    const refusal = (p: CellClassParams<ProposalGridRow> | ITooltipParams<ProposalGridRow>): Refusal | undefined =>
      p.data ? cellErrors.get(cellKey(p.data.code, p.colDef && 'colId' in p.colDef ? (p.colDef.colId ?? '') : '')) : undefined;
    /** An in-place editable column: marked and explained when its last edit was refused. */
    const editable = (field: EditableField, def: ColDef<ProposalGridRow>): ColDef<ProposalGridRow> => ({
      colId: field,
      editable: canEdit,
      // The typed text reaches applyCellEdit as is (AG Grid's inferred number type would parse "1,000" as NaN).
      cellDataType: false,
      singleClickEdit: false,
      cellClassRules: { 'cell-invalid': (p) => refusal(p) !== undefined },
      tooltipValueGetter: (p) => {
        const r = refusal(p);
        return r ? (lang === 'th' ? r.th : r.en) : undefined;
      },
      ...def,
    });
    const money = (field: 'operating' | 'investment' | 'minimum', headerName: string): ColDef<ProposalGridRow> =>
      editable(field, {
        field,
        headerName,
        width: 160,
        type: 'rightAligned',
        valueFormatter: (p) => formatSatang(p.value),
        cellEditor: 'agTextCellEditor',
        cellEditorParams: { useFormatter: true },
      });
    const count = (field: 'people' | 'households', headerName: string): ColDef<ProposalGridRow> =>
      editable(field, {
        field,
        headerName,
        width: 130,
        type: 'rightAligned',
        valueFormatter: (p) => formatCount(p.value),
        cellEditor: 'agTextCellEditor',
      });
    return [
      {
        field: 'rank',
        headerName: c.rank,
        width: 100,
        sort: 'asc',
        type: 'rightAligned',
        valueFormatter: (p) => (p.value === null ? '' : String(p.value)),
      },
      { field: 'code', headerName: c.code, width: 120, pinned: 'left' },
      editable('title', {
        field: 'title',
        headerName: c.title,
        flex: 2,
        minWidth: 260,
        ...textEditor(PROPOSAL_TEXT_LIMITS.title),
      }),
      editable('level', {
        field: 'level',
        headerName: c.level,
        width: 120,
        valueFormatter: (p) => levelText(p.value),
        cellEditor: 'agSelectCellEditor',
        cellEditorParams: { values: [...PLANNING_LEVELS] },
      }),
      editable('agency', {
        field: 'agency',
        headerName: c.agency,
        flex: 1,
        minWidth: 180,
        ...textEditor(PROPOSAL_TEXT_LIMITS.agency),
      }),
      editable('agencyPriority', {
        field: 'agencyPriority',
        headerName: c.agencyPriority,
        headerTooltip: t.projects.field.agencyPriorityHelp,
        width: 170,
        type: 'rightAligned',
        valueFormatter: (p) => (p.value === null || p.value === undefined ? '' : String(p.value)),
        cellEditor: 'agTextCellEditor',
        // Proposals without a priority stay below the ranked ones, whichever way the column is sorted.
        comparator: (a: number | null, b: number | null, _x, _y, descending) =>
          a === b ? 0 : a === null ? (descending ? -1 : 1) : b === null ? (descending ? 1 : -1) : a - b,
      }),
      editable('developmentIssueNo', {
        headerName: c.issue,
        width: 200,
        valueGetter: (p) => p.data?.developmentIssueNo ?? 0,
        valueFormatter: (p) => issueText(p.value),
        getQuickFilterText: (p) => issueText(p.value),
        cellEditor: 'agSelectCellEditor',
        cellEditorParams: { values: [0, ...issues.map((i) => i.no)] },
      }),
      {
        colId: 'areas',
        headerName: c.areas,
        width: 220,
        valueGetter: (p) =>
          p.data ? areaLabel(p.data, { district: (code) => names.district(code), tambon: names.tambon }, t.projects) : '',
        tooltipValueGetter: (p) => (typeof p.value === 'string' ? p.value : undefined),
      },
      {
        // Where it is carried out as a point (the request form's พิกัด), set in the proposal's form or its file.
        colId: 'point',
        headerName: c.point,
        width: 170,
        valueGetter: (p) => (p.data?.point ? pointText(p.data.point) : ''),
        // A point in none of the tambons the proposal covers stands out, and says why on hover.
        cellClassRules: { 'chipao-point-outside': (p) => p.data?.pointOutside === true },
        tooltipValueGetter: (p) => (p.data?.pointOutside ? t.projects.pointOutside : undefined),
      },
      {
        field: 'requested',
        headerName: c.requested,
        width: 160,
        type: 'rightAligned',
        valueFormatter: (p) => formatSatang(p.value),
      },
      money('operating', c.operating),
      money('investment', c.investment),
      money('minimum', c.minimum),
      count('people', c.people),
      count('households', c.households),
      {
        field: 'readinessCount',
        colId: 'readiness',
        headerName: c.readiness,
        width: 110,
        type: 'rightAligned',
        valueFormatter: (p) => t.projects.readinessCount(p.value ?? 0, READINESS_ITEMS.length),
      },
      {
        field: 'composite',
        headerName: c.composite,
        width: 120,
        type: 'rightAligned',
        valueFormatter: (p) => (p.value === null || p.value === undefined ? '' : p.value.toFixed(2)),
      },
      { field: 'needCount', headerName: c.needCount, width: 190, type: 'rightAligned', cellRenderer: NeedCountCell },
      { field: 'evidenceChanged', headerName: c.evidence, width: 150, cellRenderer: EvidenceCell },
      { field: 'changedAfterScoring', headerName: c.flags, width: 170, cellRenderer: ChangedAfterScoringCell },
      { colId: 'actions', headerName: c.actions, width: canEdit ? 330 : 170, sortable: false, cellRenderer: ActionsCell },
    ] satisfies ColDef<ProposalGridRow>[];
  }, [t, lang, names, round, canEdit, cellErrors]);
}
