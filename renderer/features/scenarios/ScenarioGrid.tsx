import { useMemo, useState } from 'react';
import { AgGridReact, type CustomCellRendererProps } from 'ag-grid-react';
import type { ColDef } from 'ag-grid-community';
import Box from '@mui/material/Box';
import IconButton from '@mui/material/IconButton';
import Stack from '@mui/material/Stack';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import type { ScenarioRow } from '../../../shared/api/types';
import { formatBaht } from '../../../shared/domain/money';
import { useNames } from '../../app/use-names';
import { useSession } from '../../app/session-context';
import { gridTheme, useGridLocale } from '../../components/grid';
import { HelpIcon, LockIcon, LockOpenIcon } from '../../components/icons';
import { formatSatang } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n-context';

type Show = 'all' | 'funded' | 'unfunded';

/** What the lock and "why?" cells call; passed as the grid's context so column definitions stay stable. */
type GridContext = Readonly<{
  canLock: boolean;
  onToggleLock(row: ScenarioRow): void;
  onWhy(row: ScenarioRow): void;
  lockLabel: string;
  unlockLabel: string;
  lockedAt(amount: string): string;
  whyLabel: string;
}>;

type Props = Readonly<{
  rows: readonly ScenarioRow[] | undefined;
  /** The scenario's locks as last set here (project id → satang), so a toggle shows at once. */
  locks: Readonly<Record<string, number>>;
  onToggleLock(row: ScenarioRow): void;
  onWhy(row: ScenarioRow): void;
  /** An approved scenario: its locks cannot change (see features/approval). */
  locked?: boolean;
}>;

/** The scenario's outcome per project in rank order, with a lock toggle and a "why?" button on each row. */
export function ScenarioGrid({ rows, locks, onToggleLock, onWhy, locked: frozen = false }: Props) {
  const { lang, t } = useI18n();
  const { can } = useSession();
  const allowed = can('scenarios.update');
  const localeText = useGridLocale();
  const names = useNames();
  const [show, setShow] = useState<Show>('all');
  const s = t.scenarios;

  const rowData = useMemo(() => {
    if (!rows) return undefined;
    const merged = rows.map((r) => {
      const locked = Object.hasOwn(locks, String(r.projectId));
      return locked === r.locked ? r : { ...r, locked };
    });
    if (show === 'funded') return merged.filter((r) => r.funded > 0);
    if (show === 'unfunded') return merged.filter((r) => r.funded === 0);
    return merged;
  }, [rows, locks, show]);

  const context = useMemo<GridContext>(
    () => ({
      canLock: allowed && !frozen,
      onToggleLock,
      onWhy,
      lockLabel: s.lock,
      unlockLabel: s.unlock,
      lockedAt: s.lockedAt,
      whyLabel: s.why,
    }),
    [allowed, frozen, onToggleLock, onWhy, s],
  );

  const columnDefs = useMemo<ColDef<ScenarioRow>[]>(() => {
    const c = s.col;
    const reasons: Readonly<Record<string, string>> = t.allocation.reason;
    const reasonText = (v: unknown): string => (typeof v === 'string' ? (reasons[v] ?? v) : '');
    return [
      { field: 'rank', headerName: c.rank, width: 96, type: 'rightAligned', sort: 'asc' },
      { field: 'code', headerName: c.code, width: 112 },
      { field: 'title', headerName: c.title, flex: 1, minWidth: 180, tooltipField: 'title' },
      {
        colId: 'district',
        field: 'districtCode',
        headerName: c.district,
        width: 130,
        valueFormatter: (p) => names.district(p.value ?? null),
      },
      {
        field: 'requested',
        headerName: c.requested,
        width: 128,
        type: 'rightAligned',
        valueFormatter: (p) => formatSatang(p.value),
      },
      {
        field: 'funded',
        headerName: c.funded,
        width: 136,
        type: 'rightAligned',
        valueFormatter: (p) => formatSatang(p.value),
        cellClassRules: { 'alloc-funded': (p) => (p.data?.funded ?? 0) > 0 },
      },
      {
        field: 'reason',
        headerName: c.reason,
        // Shares the width left with the title, so the grid fits a 1280-pixel projector without scrolling sideways.
        flex: 1,
        minWidth: 160,
        tooltipValueGetter: (p) => reasonText(p.value),
        valueFormatter: (p) => reasonText(p.value),
      },
      { colId: 'reserve', field: 'reservePosition', headerName: c.reserve, width: 128, type: 'rightAligned' },
      { colId: 'lock', field: 'locked', headerName: c.lock, width: 72, sortable: false, pinned: 'right', cellRenderer: LockCell },
      { colId: 'why', headerName: c.why, width: 76, sortable: false, pinned: 'right', cellRenderer: WhyCell },
    ];
  }, [s, t, names]);

  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', height: '100%', gap: 1 }}>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
        <Typography variant="body2" sx={{ color: 'text.secondary' }}>
          {s.showLabel}
        </Typography>
        <ToggleButtonGroup
          exclusive
          size="small"
          value={show}
          onChange={(_e, next: Show | null) => {
            if (next) setShow(next);
          }}
          sx={{ '& .MuiToggleButton-root': { py: 0.25, px: 1.5 } }}
        >
          {(['all', 'funded', 'unfunded'] as const).map((v) => (
            <ToggleButton key={v} value={v} data-testid={`grid-show-${v}`}>
              {s.show[v]}
            </ToggleButton>
          ))}
        </ToggleButtonGroup>
      </Stack>
      <Box data-testid="allocation-grid" data-show={show} sx={{ flex: 1, minHeight: 0 }}>
        <AgGridReact<ScenarioRow>
          key={lang}
          theme={gridTheme}
          localeText={localeText}
          rowData={rowData as ScenarioRow[] | undefined}
          loading={rowData === undefined}
          getRowId={(p) => p.data.code}
          columnDefs={columnDefs}
          context={context}
          tooltipShowDelay={400}
          defaultColDef={{
            resizable: true,
            sortable: true,
            enableCellChangeFlash: true,
            wrapHeaderText: true,
            autoHeaderHeight: true,
          }}
        />
      </Box>
    </Box>
  );
}

function LockCell({ data, context }: CustomCellRendererProps<ScenarioRow, boolean, GridContext>) {
  if (!data) return null;
  const label = data.locked ? `${context.unlockLabel} (${context.lockedAt(formatBaht(data.funded))})` : context.lockLabel;
  return (
    <Tooltip title={label}>
      <span>
        <IconButton
          size="small"
          aria-label={label}
          aria-pressed={data.locked}
          data-testid={`lock-${data.code}`}
          data-locked={String(data.locked)}
          disabled={!context.canLock}
          color={data.locked ? 'secondary' : 'default'}
          onClick={() => context.onToggleLock(data)}
        >
          {data.locked ? <LockIcon fontSize="small" /> : <LockOpenIcon fontSize="small" sx={{ opacity: 0.45 }} />}
        </IconButton>
      </span>
    </Tooltip>
  );
}

function WhyCell({ data, context }: CustomCellRendererProps<ScenarioRow, unknown, GridContext>) {
  if (!data) return null;
  return (
    <Tooltip title={context.whyLabel}>
      <IconButton
        size="small"
        aria-label={`${context.whyLabel} ${data.code}`}
        data-testid={`why-${data.code}`}
        onClick={() => context.onWhy(data)}
      >
        <HelpIcon fontSize="small" color="primary" />
      </IconButton>
    </Tooltip>
  );
}
