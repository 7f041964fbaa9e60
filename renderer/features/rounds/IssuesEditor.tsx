import { useCallback, useEffect, useMemo, useState } from 'react';
import { AgGridReact } from 'ag-grid-react';
import type { CellEditRequestEvent, ColDef } from 'ag-grid-community';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { NATIONAL_STRATEGY_COUNT, ROUND_TEXT_LIMITS, type DevelopmentIssueInput } from '../../../shared/api/rounds';
import type { RoundDetail } from '../../../shared/api/types';
import { normalizeName } from '../../../shared/domain/names';
import { useSession } from '../../app/session-context';
import { useNotify } from '../../app/notify-context';
import { gridTheme, textEditor, useGridLocale } from '../../components/grid';
import { dictionaries, useI18n } from '../../i18n/i18n-context';
import { RowEditorActions } from './RowEditorActions';
import { useCall } from './use-call';

/** One editable row; lists are edited as text ("a; b", "3, 11") and parsed on save. */
type IssueRow = {
  key: string;
  no: number | null;
  titleTh: string;
  titleEn: string;
  approaches: string;
  nationalStrategy: string;
  masterPlans: string;
};

let nextKey = 0;
const newKey = (): string => `i${++nextKey}`;

function toRows(round: RoundDetail): IssueRow[] {
  return round.developmentIssues.map((i) => ({
    key: newKey(),
    no: i.no,
    titleTh: i.titleTh,
    titleEn: i.titleEn,
    approaches: i.approaches.join('; '),
    nationalStrategy: i.nationalStrategy === null ? '' : String(i.nationalStrategy),
    masterPlans: i.masterPlans.join(', '),
  }));
}

/** Parses the rows; returns the issues, or the first problem as [row number, message key]. */
function parseRows(rows: readonly IssueRow[]): DevelopmentIssueInput[] | { row: number; problem: 'no' | 'title' | 'plans' } {
  const out: DevelopmentIssueInput[] = [];
  for (const [k, r] of rows.entries()) {
    if (r.no === null || !Number.isInteger(r.no) || r.no < 1) return { row: k + 1, problem: 'no' };
    if (normalizeName(r.titleTh) === '') return { row: k + 1, problem: 'title' };
    const plans = r.masterPlans
      .split(/[,\s]+/u)
      .filter((x) => x !== '')
      .map(Number);
    if (plans.some((p) => !Number.isInteger(p) || p < 1 || p > 23)) return { row: k + 1, problem: 'plans' };
    out.push({
      no: r.no,
      titleTh: r.titleTh.trim(),
      titleEn: r.titleEn.trim(),
      approaches: r.approaches
        .split(/[;\n]/u)
        .map(normalizeName)
        .filter((x) => x !== ''),
      nationalStrategy: r.nationalStrategy === '' ? null : Number(r.nationalStrategy),
      masterPlans: [...new Set(plans)],
    });
  }
  return out;
}

/** The round's development issues (ประเด็นการพัฒนา) with their approaches and national links, edited in a grid. */
export function IssuesEditor({ round }: { round: RoundDetail }) {
  const { t, lang } = useI18n();
  const r = t.rounds;
  const { can } = useSession();
  const allowed = can('developmentIssues.set');
  const notify = useNotify();
  const { busy, call } = useCall();
  const localeText = useGridLocale();
  const [rows, setRows] = useState<IssueRow[]>(() => toRows(round));
  const [dirty, setDirty] = useState(false);
  const [selected, setSelected] = useState<string | null>(null);
  const editable = allowed && round.status !== 'closed' && !round.archived;

  // Another device saved: show its list unless this one has unsaved edits.
  useEffect(() => {
    if (!dirty) setRows(toRows(round));
  }, [round, dirty]);

  const update = (next: IssueRow[]): void => {
    setRows(next);
    setDirty(true);
  };

  const onEdit = useCallback((e: CellEditRequestEvent<IssueRow>) => {
    const field = e.colDef.field;
    if (!field || !e.data) return;
    const key = e.data.key;
    const value =
      field === 'no' ? (e.newValue === null || e.newValue === '' ? null : Number(e.newValue)) : String(e.newValue ?? '');
    setRows((prev) => prev.map((row) => (row.key === key ? { ...row, [field]: value } : row)));
    setDirty(true);
  }, []);

  const columns = useMemo<ColDef<IssueRow>[]>(
    () => [
      { field: 'no', headerName: r.issueCol.no, width: 90, editable, cellEditor: 'agNumberCellEditor', type: 'rightAligned' },
      {
        field: 'titleTh',
        headerName: r.issueCol.titleTh,
        flex: 2,
        minWidth: 220,
        editable,
        tooltipField: 'titleTh',
        ...textEditor(ROUND_TEXT_LIMITS.issueTitle),
      },
      {
        field: 'titleEn',
        headerName: r.issueCol.titleEn,
        flex: 1,
        minWidth: 160,
        editable,
        ...textEditor(ROUND_TEXT_LIMITS.issueTitle),
      },
      {
        field: 'approaches',
        headerName: r.issueCol.approaches,
        flex: 2,
        minWidth: 220,
        editable,
        cellEditor: 'agLargeTextCellEditor',
        cellEditorPopup: true,
        tooltipField: 'approaches',
      },
      {
        field: 'nationalStrategy',
        headerName: r.issueCol.nationalStrategy,
        minWidth: 220,
        flex: 1,
        editable,
        cellEditor: 'agSelectCellEditor',
        cellEditorParams: { values: ['', ...Array.from({ length: NATIONAL_STRATEGY_COUNT }, (_, i) => String(i + 1))] },
        refData: Object.fromEntries([['', '—'], ...r.nationalStrategies.map((name, i) => [String(i + 1), `${i + 1}. ${name}`])]),
      },
      {
        field: 'masterPlans',
        headerName: r.issueCol.masterPlans,
        minWidth: 160,
        editable,
        tooltipValueGetter: (p) =>
          String(p.value ?? '')
            .split(/[,\s]+/u)
            .filter((x) => x !== '')
            .map((x) => `${x}. ${r.masterPlans[Number(x) - 1] ?? '?'}`)
            .join('\n'),
      },
    ],
    [editable, r],
  );

  const save = async (): Promise<void> => {
    const parsed = parseRows(rows);
    if (!Array.isArray(parsed)) {
      notify.error({
        code: 'BAD_ARGS',
        message: dictionaries.en.rounds.issueProblem[parsed.problem](parsed.row),
        messageTh: dictionaries.th.rounds.issueProblem[parsed.problem](parsed.row),
      });
      return;
    }
    const saved = await call('developmentIssues.set', { roundId: round.id, issues: parsed });
    if (!saved) return;
    setDirty(false);
    notify.success(r.issuesSaved(saved.length));
  };

  return (
    <Stack spacing={1.5}>
      <Typography variant="body2" sx={{ color: 'text.secondary' }}>
        {r.issuesHelp}
      </Typography>
      {rows.length === 0 ? <Alert severity="info">{r.noIssues}</Alert> : null}
      <Box data-testid="issues-grid" sx={{ height: Math.min(480, 90 + rows.length * 40), minHeight: 180 }}>
        <AgGridReact<IssueRow>
          key={lang}
          theme={gridTheme}
          localeText={localeText}
          rowData={rows}
          getRowId={(p) => p.data.key}
          columnDefs={columns}
          readOnlyEdit
          onCellEditRequest={onEdit}
          singleClickEdit
          stopEditingWhenCellsLoseFocus
          rowSelection={{ mode: 'singleRow', checkboxes: false, enableClickSelection: true }}
          onSelectionChanged={(e) => setSelected(e.api.getSelectedRows()[0]?.key ?? null)}
          tooltipShowDelay={300}
        />
      </Box>
      {editable ? (
        <RowEditorActions
          item="issue"
          list="issues"
          addLabel={r.addIssue}
          onAdd={() =>
            update([
              ...rows,
              {
                key: newKey(),
                no: Math.max(0, ...rows.map((x) => x.no ?? 0)) + 1,
                titleTh: '',
                titleEn: '',
                approaches: '',
                nationalStrategy: '',
                masterPlans: '',
              },
            ])
          }
          removeDisabled={selected === null}
          onRemove={() => update(rows.filter((x) => x.key !== selected))}
          dirty={dirty}
          onRevert={() => {
            setRows(toRows(round));
            setDirty(false);
          }}
          saveDisabled={!dirty || busy}
          onSave={() => void save()}
        />
      ) : null}
    </Stack>
  );
}
