import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { AgGridReact } from 'ag-grid-react';
import type { ColDef } from 'ag-grid-community';
import Autocomplete from '@mui/material/Autocomplete';
import Box from '@mui/material/Box';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import type { AuditEventRow, ProjectRow } from '../../../shared/api/types';
import { parseDoorKey } from '../../../shared/domain/routing';
import { formatThaiDateTime } from '../../../shared/domain/thai-date';
import { useApi, useApiEvent } from '../../app/api-context';
import { useNotify } from '../../app/notify-context';
import { useNames } from '../../app/use-names';
import { useSession } from '../../app/session-context';
import { gridTheme, useGridLocale, PAGED_GRID } from '../../components/grid';
import { formatCount } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n-context';
import { ExportFileButton } from '../allocation/ExportButton';
import { useProjects } from '../projects/use-projects';
import { useScenarioList } from '../scenarios/use-scenarios';
import { auditDatasource, filterArgs, type AuditFilter } from './audit-datasource';
import { ownLabel, summarizePayload, type SummaryLabels, type SummaryNames } from './payload-summary';

const NO_FILTER: AuditFilter = { kind: null, projectId: null, memberId: null };

/**
 * The trail itself, newest first, paged by the host: filters by kind, project and member, and the CSV export of
 * exactly what the filter shows. `brokenEventId` marks the event the last verification named.
 */
export function AuditTrail({ brokenEventId, refreshKey }: { brokenEventId: number | null; refreshKey: number }) {
  const { client } = useApi();
  const notify = useNotify();
  const { lang, t } = useI18n();
  const localeText = useGridLocale();
  const gridRef = useRef<AgGridReact<AuditEventRow>>(null);
  const [filter, setFilter] = useState<AuditFilter>(NO_FILTER);
  const [total, setTotal] = useState<number | null>(null);
  const [kinds, setKinds] = useState<readonly string[]>([]);
  const columnDefs = useAuditColumns();

  const datasource = useMemo(
    () =>
      auditDatasource(client, filter, {
        onPage: (n, k) => {
          setTotal(n);
          setKinds(k);
        },
        onError: notify.error,
      }),
    [client, filter, notify],
  );
  const refresh = useCallback(() => gridRef.current?.api?.purgeInfiniteCache(), []);
  // A verification asks for the pages again, and the event it named is marked.
  useEffect(() => {
    if (refreshKey > 0) refresh();
  }, [refreshKey, refresh]);
  useEffect(() => {
    gridRef.current?.api?.redrawRows();
  }, [brokenEventId]);
  // Every change the app records adds an event.
  useApiEvent(['scores.changed', 'round.changed', 'needs.synced', 'scenario.changed', 'areas.changed'], refresh);

  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', flex: 1, minHeight: 420, gap: 1 }}>
      <Box sx={{ display: 'flex', gap: 2, alignItems: 'center', flexWrap: 'wrap' }}>
        <FilterBar filter={filter} kinds={kinds} onFilter={setFilter} />
        <Typography data-testid="audit-total" data-total={total ?? ''} sx={{ ml: 'auto', color: 'text.secondary' }}>
          {total === null ? '' : t.audit.total(formatCount(total))}
        </Typography>
        <ExportFileButton
          testId="audit-export"
          method="audit.export"
          label={t.audit.export}
          run={() => {
            const pending = client.call('audit.export', filterArgs(filter));
            // The export is itself an event.
            void pending.then(refresh);
            return pending;
          }}
        />
      </Box>
      <Box
        data-testid="audit-grid"
        sx={{ flex: 1, minHeight: 360, '& .audit-broken': { backgroundColor: '#ffebee', color: '#b71c1c', fontWeight: 700 } }}
      >
        <AgGridReact<AuditEventRow>
          key={lang}
          ref={gridRef}
          theme={gridTheme}
          localeText={localeText}
          {...PAGED_GRID}
          datasource={datasource}
          columnDefs={columnDefs}
          rowClassRules={{ 'audit-broken': (p) => brokenEventId !== null && p.data?.id === brokenEventId }}
          defaultColDef={{ resizable: true, suppressMovable: true, sortable: false }}
        />
      </Box>
    </Box>
  );
}

function FilterBar({
  filter,
  kinds,
  onFilter,
}: {
  filter: AuditFilter;
  kinds: readonly string[];
  onFilter(f: AuditFilter): void;
}) {
  const { t } = useI18n();
  const { round } = useSession();
  const projects = useProjects();
  const members = round?.members ?? [];
  const project = projects.data?.find((p) => p.id === filter.projectId) ?? null;
  const kindLabel = (k: string): string => ownLabel(t.audit.kinds, k) ?? k;
  return (
    <>
      <TextField
        select
        size="small"
        label={t.audit.filterKind}
        value={filter.kind ?? ''}
        onChange={(e) => onFilter({ ...filter, kind: e.target.value || null })}
        data-testid="audit-kind-filter"
        sx={{ minWidth: 220 }}
      >
        <MenuItem value="">{t.audit.all}</MenuItem>
        {kinds.map((k) => (
          <MenuItem key={k} value={k} data-testid={`audit-kind-option-${k}`}>
            {kindLabel(k)}
          </MenuItem>
        ))}
      </TextField>
      <Autocomplete<ProjectRow>
        size="small"
        options={projects.data ?? []}
        value={project}
        onChange={(_e, p) => onFilter({ ...filter, projectId: p?.id ?? null })}
        getOptionLabel={(p) => p.code}
        isOptionEqualToValue={(a, b) => a.id === b.id}
        filterOptions={(options, state) => {
          const q = state.inputValue.trim().toLowerCase();
          return (
            q ? options.filter((p) => p.code.toLowerCase().includes(q) || p.title.toLowerCase().includes(q)) : options
          ).slice(0, 50);
        }}
        renderOption={(props, p) => (
          <li {...props} key={p.id} data-testid={`audit-project-option-${p.code}`}>
            {p.code} — {p.title}
          </li>
        )}
        renderInput={(params) => <TextField {...params} label={t.audit.filterProject} />}
        data-testid="audit-project-filter"
        sx={{ minWidth: 220 }}
      />
      <TextField
        select
        size="small"
        label={t.audit.filterMember}
        value={filter.memberId ?? ''}
        onChange={(e) => onFilter({ ...filter, memberId: e.target.value === '' ? null : Number(e.target.value) })}
        data-testid="audit-member-filter"
        sx={{ minWidth: 240 }}
      >
        <MenuItem value="">{t.audit.all}</MenuItem>
        {members.map((m) => (
          <MenuItem key={m.id} value={m.id} data-testid={`audit-member-option-${m.id}`} data-name={m.name}>
            {m.name}
          </MenuItem>
        ))}
      </TextField>
    </>
  );
}

function useSummaryNames(): SummaryNames {
  const { round, rounds } = useSession();
  const projects = useProjects();
  const scenarios = useScenarioList();
  return useMemo(() => {
    const byId = <T extends { id: number }>(list: readonly T[]): Map<number, T> => new Map(list.map((x) => [x.id, x]));
    const roundsById = byId(rounds);
    const members = byId(round?.members ?? []);
    const criteria = byId(round?.criteria ?? []);
    const projectsById = byId(projects.data ?? []);
    const scenariosById = byId(scenarios.data ?? []);
    return {
      round: (id) => roundsById.get(id)?.name,
      member: (id) => members.get(id)?.name,
      project: (id) => projectsById.get(id)?.code,
      criterion: (id) => criteria.get(id)?.code,
      scenario: (id) => scenariosById.get(id)?.name,
    };
  }, [round, rounds, projects.data, scenarios.data]);
}

/** Words for the coded values payloads carry (a rule, a format, a role, a category, a door), in the current language. */
function useSummaryLabels(): SummaryLabels {
  const { t } = useI18n();
  const areaNames = useNames();
  return useMemo(() => {
    const a = t.audit;
    const door = (raw: string): string | undefined => {
      const d = parseDoorKey(raw);
      if (!d) return undefined;
      if (d.kind === 'province') return t.unmet.doorKind.province;
      if (d.kind === 'agency') return d.agency;
      return `${t.unmet.doorKind.local} ${areaNames.tambon(d.tambonCode)}`;
    };
    const value = (key: string, raw: string): string | undefined => {
      switch (key) {
        case 'rule':
          return ownLabel(t.scenarios.ruleName, raw);
        case 'format':
          return ownLabel(a.format, raw);
        case 'lang':
          return ownLabel(a.lang, raw);
        case 'with':
          return ownLabel(a.signInWith, raw);
        case 'status':
        case 'from':
        case 'to':
          return ownLabel(t.roundStatus, raw);
        case 'level':
        case 'levels':
          return ownLabel(t.rounds.level, raw);
        case 'role':
          return ownLabel(t.rounds.role, raw) ?? ownLabel(t.workshop.roles, raw);
        case 'kind':
          return ownLabel(t.judgement.kinds, raw) ?? ownLabel(a.referenceKind, raw);
        case 'aggregation':
          return ownLabel(t.judgement.aggregations, raw);
        case 'scope':
          return ownLabel(t.projects.scope, raw);
        case 'category':
          return areaNames.category(raw);
        case 'districtCode':
          return areaNames.district(raw);
        case 'door':
          return door(raw);
        default:
          return undefined;
      }
    };
    return {
      field: a.field,
      items: a.items,
      baht: t.money.withUnit,
      bytes: (n) => a.bytes(formatCount(n)),
      yes: a.yes,
      no: a.no,
      value,
    };
  }, [t, areaNames]);
}

function useAuditColumns(): ColDef<AuditEventRow>[] {
  const { lang, t } = useI18n();
  const names = useSummaryNames();
  const labels = useSummaryLabels();
  return useMemo(() => {
    const c = t.audit.col;
    return [
      { field: 'id', headerName: c.id, width: 100, type: 'rightAligned', valueFormatter: (p) => formatCount(p.value) },
      {
        field: 'at',
        headerName: c.at,
        width: 190,
        valueFormatter: (p) => (p.value ? formatThaiDateTime(new Date(p.value), lang) : ''),
        tooltipValueGetter: (p) => (typeof p.value === 'string' ? p.value : ''),
      },
      {
        field: 'actor',
        headerName: c.actor,
        width: 170,
        valueFormatter: (p) => (p.value ? (ownLabel(t.audit.actor, p.value) ?? p.value) : ''),
      },
      {
        field: 'kind',
        headerName: c.kind,
        width: 200,
        valueFormatter: (p) => (p.value ? (ownLabel(t.audit.kinds, p.value) ?? p.value) : ''),
        tooltipField: 'kind',
      },
      {
        colId: 'summary',
        headerName: c.summary,
        flex: 1,
        minWidth: 320,
        valueGetter: (p) => (p.data ? summarizePayload(p.data.payload, names, labels) : ''),
        tooltipValueGetter: (p) => p.data?.payload ?? '',
      },
      {
        field: 'hash',
        headerName: c.hash,
        width: 150,
        cellStyle: { fontFamily: 'monospace' },
        valueFormatter: (p) => (p.value ? `${String(p.value).slice(0, 12)}…` : ''),
        tooltipField: 'hash',
      },
    ];
  }, [lang, t, names, labels]);
}
