import { useCallback, useEffect, useMemo, useState } from 'react';
import { AgGridReact } from 'ag-grid-react';
import type { CellEditRequestEvent, ColDef } from 'ag-grid-community';
import Box from '@mui/material/Box';
import Stack from '@mui/material/Stack';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import {
  CRITERION_DIRECTIONS,
  EVIDENCE_SOURCES,
  SOURCE_DIRECTION,
  type CriterionDirection,
  type CriterionInput,
  type EvidenceSource,
  ROUND_TEXT_LIMITS,
} from '../../../shared/api/rounds';
import type { RoundDetail } from '../../../shared/api/types';
import { AhpMatrixError, ahpWeights, matrixFromUpper, roundWeights, type AhpResult } from '../../../shared/domain/ahp';
import { useSession } from '../../app/session-context';
import { useNotify } from '../../app/notify-context';
import { gridTheme, textEditor, useGridLocale } from '../../components/grid';
import { useI18n } from '../../i18n/i18n-context';
import { RowEditorActions } from './RowEditorActions';
import { AhpPanel } from './AhpPanel';
import { useCall } from './use-call';

type Row = {
  key: string;
  code: string;
  nameTh: string;
  nameEn: string;
  kind: 'member' | 'computed';
  source: EvidenceSource | '';
  direction: CriterionDirection;
  scaleMin: number;
  scaleMax: number;
  weight: number;
};

type Mode = 'direct' | 'ahp';

let nextKey = 0;
const newKey = (): string => `c${++nextKey}`;

function toRows(round: RoundDetail): Row[] {
  return round.criteria.map((c) => ({
    key: newKey(),
    code: c.code,
    nameTh: c.nameTh,
    nameEn: c.nameEn,
    kind: c.kind,
    source: c.source ?? '',
    direction: c.direction,
    scaleMin: c.scaleMin,
    scaleMax: c.scaleMax,
    weight: c.weight,
  }));
}

const pairCount = (n: number): number => (n * (n - 1)) / 2;

/** The stored comparison when it still matches the criteria, else all "equally important". */
function initialUpper(round: RoundDetail, rows: readonly Row[]): number[] {
  const a = round.ahp;
  if (a && a.codes.join('\n') === rows.map((r) => r.code).join('\n')) return [...a.upper];
  return Array<number>(pairCount(rows.length)).fill(1);
}

/** Keeps judgments between criteria that stay when one is added or removed. */
function resizeUpper(upper: readonly number[], before: readonly string[], after: readonly string[]): number[] {
  const old = new Map<string, number>();
  let k = 0;
  for (let i = 0; i < before.length; i++)
    for (let j = i + 1; j < before.length; j++) old.set(`${before[i]}|${before[j]}`, upper[k++] ?? 1);
  const out: number[] = [];
  for (let i = 0; i < after.length; i++) {
    for (let j = i + 1; j < after.length; j++) {
      const direct = old.get(`${after[i]}|${after[j]}`);
      const reverse = old.get(`${after[j]}|${after[i]}`);
      out.push(direct ?? (reverse ? 1 / reverse : 1));
    }
  }
  return out;
}

/** The round's criteria: names, kind and evidence source, direction, scale, and weights typed or from AHP. */
export function CriteriaEditor({ round }: { round: RoundDetail }) {
  const { t, lang } = useI18n();
  const r = t.rounds;
  const { can } = useSession();
  const allowed = can('criteria.set');
  const notify = useNotify();
  const { busy, call } = useCall();
  const localeText = useGridLocale();
  const editable = allowed && round.status !== 'closed' && !round.archived;
  const [rows, setRows] = useState<Row[]>(() => toRows(round));
  const [mode, setMode] = useState<Mode>(round.ahp ? 'ahp' : 'direct');
  const [upper, setUpper] = useState<number[]>(() => initialUpper(round, toRows(round)));
  const [dirty, setDirty] = useState(false);
  const [selected, setSelected] = useState<string | null>(null);

  useEffect(() => {
    if (dirty) return;
    const fresh = toRows(round);
    setRows(fresh);
    setUpper(initialUpper(round, fresh));
    setMode(round.ahp ? 'ahp' : 'direct');
  }, [round, dirty]);

  const setRowsKeepingJudgments = (next: Row[]): void => {
    setUpper((u) =>
      resizeUpper(
        u,
        rows.map((x) => x.key),
        next.map((x) => x.key),
      ),
    );
    setRows(next);
    setDirty(true);
  };

  const ahp: AhpResult | null = useMemo(() => {
    if (mode !== 'ahp' || rows.length === 0) return null;
    try {
      return ahpWeights(matrixFromUpper(rows.length, upper));
    } catch (e) {
      if (e instanceof AhpMatrixError) return null;
      throw e;
    }
  }, [mode, rows.length, upper]);

  // What the weights will be once saved (AHP: the eigenvector; direct: normalised to sum 1).
  const shownWeights = useMemo(() => {
    if (mode === 'ahp') return ahp ? roundWeights(ahp.weights) : rows.map(() => 0);
    const total = rows.reduce((s, x) => s + Math.max(0, x.weight), 0);
    return total > 0 ? roundWeights(rows.map((x) => Math.max(0, x.weight))) : rows.map(() => 0);
  }, [mode, ahp, rows]);
  const gridRows = useMemo(() => rows.map((x, i) => ({ ...x, share: shownWeights[i] ?? 0 })), [rows, shownWeights]);

  const onEdit = useCallback((e: CellEditRequestEvent<Row & { share: number }>) => {
    const field = e.colDef.field;
    if (!field || !e.data) return;
    const key = e.data.key;
    const raw: unknown = e.newValue;
    setRows((prev) =>
      prev.map((row) => {
        if (row.key !== key) return row;
        switch (field) {
          case 'scaleMin':
          case 'scaleMax':
          case 'weight': {
            const v = Number(raw);
            return Number.isFinite(v) ? { ...row, [field]: v } : row;
          }
          case 'kind':
            return raw === 'computed'
              ? { ...row, kind: 'computed', source: row.source || 'people', direction: SOURCE_DIRECTION[row.source || 'people'] }
              : { ...row, kind: 'member', source: '' };
          case 'source': {
            const source = EVIDENCE_SOURCES.find((s) => s === raw);
            return source ? { ...row, kind: 'computed', source, direction: SOURCE_DIRECTION[source] } : row;
          }
          case 'direction': {
            const direction = CRITERION_DIRECTIONS.find((d) => d === raw);
            return direction ? { ...row, direction } : row;
          }
          default:
            return { ...row, [field]: String(raw ?? '').trim() };
        }
      }),
    );
    setDirty(true);
  }, []);

  const columns = useMemo<ColDef<Row & { share: number }>[]>(
    () => [
      { field: 'code', headerName: r.critCol.code, width: 120, editable },
      {
        field: 'nameTh',
        headerName: r.critCol.nameTh,
        flex: 2,
        minWidth: 180,
        editable,
        tooltipField: 'nameTh',
        ...textEditor(ROUND_TEXT_LIMITS.criterionName),
      },
      {
        field: 'nameEn',
        headerName: r.critCol.nameEn,
        flex: 1,
        minWidth: 130,
        editable,
        ...textEditor(ROUND_TEXT_LIMITS.criterionName),
      },
      {
        field: 'kind',
        headerName: r.critCol.kind,
        width: 160,
        editable,
        cellEditor: 'agSelectCellEditor',
        cellEditorParams: { values: ['member', 'computed'] },
        refData: { ...r.kind },
      },
      {
        field: 'source',
        headerName: r.critCol.source,
        width: 190,
        editable: (p) => editable && p.data?.kind === 'computed',
        cellEditor: 'agSelectCellEditor',
        cellEditorParams: { values: [...EVIDENCE_SOURCES] },
        refData: { '': '—', ...r.source },
      },
      {
        field: 'direction',
        headerName: r.critCol.direction,
        width: 130,
        editable: (p) => editable && p.data?.kind === 'member',
        cellEditor: 'agSelectCellEditor',
        cellEditorParams: { values: [...CRITERION_DIRECTIONS] },
        refData: { ...r.direction },
      },
      {
        field: 'scaleMin',
        headerName: r.critCol.scaleMin,
        width: 100,
        wrapHeaderText: true,
        autoHeaderHeight: true,
        type: 'rightAligned',
        editable: (p) => editable && p.data?.kind === 'member',
        cellEditor: 'agNumberCellEditor',
        valueFormatter: (p) => (p.data?.kind === 'member' ? String(p.value) : '—'),
      },
      {
        field: 'scaleMax',
        headerName: r.critCol.scaleMax,
        width: 100,
        wrapHeaderText: true,
        autoHeaderHeight: true,
        type: 'rightAligned',
        editable: (p) => editable && p.data?.kind === 'member',
        cellEditor: 'agNumberCellEditor',
        valueFormatter: (p) => (p.data?.kind === 'member' ? String(p.value) : '—'),
      },
      {
        field: 'weight',
        headerName: r.critCol.weight,
        width: 110,
        wrapHeaderText: true,
        autoHeaderHeight: true,
        type: 'rightAligned',
        editable: editable && mode === 'direct',
        cellEditor: 'agNumberCellEditor',
        hide: mode === 'ahp',
      },
      {
        field: 'share',
        headerName: r.critCol.share,
        width: 110,
        type: 'rightAligned',
        valueFormatter: (p) => `${((p.value as number) * 100).toFixed(2)}%`,
        cellStyle: { fontWeight: 700 },
      },
    ],
    [editable, mode, r],
  );

  const save = async (): Promise<void> => {
    const criteria: CriterionInput[] = rows.map((x) => ({
      code: x.code,
      nameTh: x.nameTh,
      nameEn: x.nameEn,
      kind: x.kind,
      source: x.kind === 'computed' && x.source !== '' ? x.source : null,
      direction: x.direction,
      scaleMin: x.scaleMin,
      scaleMax: x.scaleMax,
      weight: mode === 'direct' ? Math.max(0, x.weight) : 0,
    }));
    const saved = await call('criteria.set', { roundId: round.id, criteria, ahp: mode === 'ahp' ? { upper } : null });
    if (!saved) return;
    setDirty(false);
    notify.success(r.criteriaSaved(saved.criteria.length));
  };

  const names = rows.map((x) => (lang === 'th' ? x.nameTh || x.code : x.nameEn || x.nameTh || x.code));
  return (
    <Stack spacing={1.5}>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
        <Typography variant="body2" sx={{ color: 'text.secondary', flex: 1, minWidth: 280 }}>
          {r.criteriaHelp}
        </Typography>
        <ToggleButtonGroup
          exclusive
          size="small"
          value={mode}
          disabled={!editable}
          onChange={(_e, next: Mode | null) => {
            if (next) {
              setMode(next);
              setDirty(true);
            }
          }}
        >
          <ToggleButton value="direct" data-testid="weights-direct">
            {r.weightsDirect}
          </ToggleButton>
          <ToggleButton value="ahp" data-testid="weights-ahp">
            {r.weightsAhp}
          </ToggleButton>
        </ToggleButtonGroup>
      </Stack>
      <Box data-testid="criteria-grid" sx={{ height: Math.min(440, 90 + rows.length * 40), minHeight: 180 }}>
        <AgGridReact<Row & { share: number }>
          key={`${lang}-${mode}`}
          theme={gridTheme}
          localeText={localeText}
          rowData={gridRows}
          getRowId={(p) => p.data.key}
          columnDefs={columns}
          readOnlyEdit
          onCellEditRequest={onEdit}
          singleClickEdit
          stopEditingWhenCellsLoseFocus
          rowSelection={{ mode: 'singleRow', checkboxes: false, enableClickSelection: true }}
          onSelectionChanged={(e) => setSelected(e.api.getSelectedRows()[0]?.key ?? null)}
        />
      </Box>
      {editable ? (
        <RowEditorActions
          item="criterion"
          list="criteria"
          addLabel={r.addCriterion}
          addDisabled={rows.length >= 15}
          onAdd={() => {
            let n = rows.length + 1;
            while (rows.some((x) => x.code === `c${n}`)) n++;
            setRowsKeepingJudgments([
              ...rows,
              {
                key: newKey(),
                code: `c${n}`,
                nameTh: '',
                nameEn: '',
                kind: 'member',
                source: '',
                direction: 'benefit',
                scaleMin: 1,
                scaleMax: 5,
                weight: 1,
              },
            ]);
          }}
          removeDisabled={selected === null}
          onRemove={() => setRowsKeepingJudgments(rows.filter((x) => x.key !== selected))}
          dirty={dirty}
          onRevert={() => setDirty(false)}
          saveDisabled={!dirty || busy || rows.length === 0}
          onSave={() => void save()}
        />
      ) : null}
      {mode === 'ahp' && rows.length >= 2 ? (
        <AhpPanel
          names={names}
          upper={upper}
          result={ahp}
          disabled={!editable}
          onChange={(next) => {
            setUpper(next);
            setDirty(true);
          }}
        />
      ) : null}
      {round.ahp && mode === 'ahp' && !dirty ? (
        <Typography variant="body2" data-testid="ahp-saved-cr">
          {r.ahpSavedCr(round.ahp.cr.toFixed(3))}
        </Typography>
      ) : null}
    </Stack>
  );
}
