import { useCallback, useState } from 'react';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import { RULES, type RuleKind } from '../../../shared/api/scenario';
import type { ScenarioResult, ScenarioRow } from '../../../shared/api/types';
import { formatBaht } from '../../../shared/domain/money';
import { useSession } from '../../app/session-context';
import { MoneyField } from '../../components/MoneyField';
import { useI18n } from '../../i18n/i18n-context';
import { ApprovalPanel } from '../approval/ApprovalPanel';
import { ExportPanel } from '../exports/ExportPanel';
import { useScenarioApproval } from '../approval/use-approval';
import { ConstraintsPanel } from '../scenarios/ConstraintsPanel';
import { FairnessPanel } from '../scenarios/FairnessPanel';
import { RunProgress } from '../scenarios/RunProgress';
import { ScenarioBar } from '../scenarios/ScenarioBar';
import { UnreadableScenariosAlert } from '../scenarios/UnreadableScenariosAlert';
import { ScenarioGrid } from '../scenarios/ScenarioGrid';
import { StrategyChart } from '../scenarios/StrategyChart';
import { WhyDialog } from '../scenarios/WhyDialog';
import { useCurrentScenarioId, useScenarioEditor, useScenarioList, useScenarioRun } from '../scenarios/use-scenarios';
import { CeilingField } from './CeilingField';
import { DistrictChart } from './DistrictChart';
import { ExportButton, ExportPbButton } from './ExportButton';
import { SummaryCards } from './SummaryCards';

/**
 * The scenario workbench: pick or branch a scenario, switch its rule, set its ceiling and constraints, lock
 * projects, and watch the totals, the grid, the charts and the fairness figures follow each change.
 */
export function AllocationScreen() {
  const { t } = useI18n();
  const { round, can } = useSession();
  const allowed = can('scenarios.update');
  const list = useScenarioList();
  const [currentId, select] = useCurrentScenarioId(list.data);
  const editor = useScenarioEditor(list.data?.find((s) => s.id === currentId));
  const scenario = editor.scenario;
  const run = useScenarioRun(currentId);
  // A result of the previous scenario must not show under the new one's name.
  const result = run.data && run.data.scenario.id === currentId ? run.data : undefined;
  const [why, setWhy] = useState<ScenarioRow | null>(null);
  const { patch } = editor;
  // An approved scenario shows its frozen plan, locked: its edit controls are disabled and the panel says why.
  const { approval, reload: reloadApproval } = useScenarioApproval(currentId);
  const locked = approval != null;
  const canEdit = allowed && !locked;

  const toggleLock = useCallback(
    (row: ScenarioRow) =>
      patch((latest) => {
        const key = String(row.projectId);
        const locks: Record<string, number> = { ...latest.locks };
        if (Object.hasOwn(locks, key)) delete locks[key];
        // Locked at what it gets now, or at what it asked for when it gets nothing.
        else locks[key] = row.funded > 0 ? row.funded : row.requested;
        return { locks };
      }),
    [patch],
  );

  const s = t.scenarios;
  return (
    <Box data-testid="screen-allocation" sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
      <Box sx={{ display: 'flex', alignItems: 'flex-start', gap: 2, flexWrap: 'wrap' }}>
        <Typography variant="h5" component="h2" sx={{ mr: 2 }}>
          {t.allocation.title}
        </Typography>
        <CeilingField label={s.roundCeiling} onSaved={run.reload} />
        <Box sx={{ ml: 'auto', display: 'flex', gap: 1 }}>
          <ExportButton scenarioId={currentId} />
          <ExportPbButton scenarioId={currentId} />
        </Box>
      </Box>

      <Paper variant="outlined" sx={{ p: 2, display: 'flex', flexDirection: 'column', gap: 2 }}>
        <ScenarioBar
          scenarios={list.data}
          current={scenario}
          onSelect={select}
          onRename={(name) => patch({ name })}
          locked={locked}
        />
        <UnreadableScenariosAlert />
        {scenario ? <ApprovalPanel scenario={scenario} approval={approval} onApproved={reloadApproval} /> : null}
        {scenario && round && approval !== undefined ? (
          <ExportPanel roundId={round.id} scenarioId={scenario.id} approved={approval !== null} />
        ) : null}
        {list.data && list.data.length === 0 ? <Alert severity="info">{s.none}</Alert> : null}
        {scenario ? (
          <Stack direction="row" spacing={2} useFlexGap sx={{ alignItems: 'flex-start', flexWrap: 'wrap' }}>
            <Box>
              <Typography variant="body2" sx={{ color: 'text.secondary', mb: 0.5 }}>
                {s.rule}
              </Typography>
              <ToggleButtonGroup
                exclusive
                size="small"
                color="primary"
                value={scenario.rule}
                disabled={!canEdit}
                data-testid="rule-switch"
                data-rule={scenario.rule}
                onChange={(_e, next: RuleKind | null) => {
                  if (next && next !== scenario.rule) patch({ rule: next });
                }}
              >
                {RULES.map((r) => (
                  <ToggleButton key={r} value={r} data-testid={`rule-${r}`} sx={{ px: 1.5 }}>
                    {s.ruleName[r]}
                  </ToggleButton>
                ))}
              </ToggleButtonGroup>
            </Box>
            <Box sx={{ pt: 3 }}>
              <MoneyField
                key={scenario.id}
                label={s.ceiling}
                testId="scenario-ceiling-input"
                value={scenario.params.ceiling}
                placeholder={round ? formatBaht(round.ceiling) : undefined}
                helperText={locked ? t.approval.lockedReason : round ? s.ceilingHint(formatBaht(round.ceiling)) : undefined}
                disabled={!canEdit}
                width={300}
                onCommit={(ceiling) => patch({ params: { ceiling } })}
              />
            </Box>
            <RunStatus running={run.loading} result={result} frozen={locked} />
          </Stack>
        ) : null}
      </Paper>

      <RunProgress
        running={run.loading}
        scenarioId={currentId}
        cancelled={run.error?.code === 'CANCELLED'}
        onRunAgain={run.reload}
      />

      {result?.status === 'infeasible' ? (
        <Alert severity="error" data-testid="scenario-infeasible">
          <AlertTitle>{s.infeasibleTitle}</AlertTitle>
          <Typography variant="body2" sx={{ mb: 0.5 }}>
            {s.infeasibleHint}
          </Typography>
          <ConflictList result={result} />
        </Alert>
      ) : null}

      <Box
        data-testid="scenario-result"
        data-scenario={result?.scenario.id ?? ''}
        data-status={result?.status ?? ''}
        data-rule={result?.scenario.rule ?? ''}
        data-updated={result?.scenario.updatedAt ?? ''}
        data-running={String(run.loading)}
      >
        <SummaryCards view={result} />
      </Box>

      <Box sx={{ height: 600 }}>
        <ScenarioGrid
          rows={result?.rows}
          locks={scenario?.locks ?? {}}
          onToggleLock={toggleLock}
          onWhy={setWhy}
          locked={locked}
        />
      </Box>

      {/* Constraints beside the charts they move: an edit redraws the bars next to it. */}
      <Box
        data-testid="scenario-charts"
        sx={{
          display: 'grid',
          gap: 2,
          alignItems: 'start',
          gridTemplateColumns: { xs: 'minmax(0, 1fr)', lg: '480px repeat(2, minmax(0, 1fr))' },
        }}
      >
        <Box sx={{ maxHeight: { lg: 760 }, display: 'flex' }}>
          {scenario ? <ConstraintsPanel scenario={scenario} result={result} patch={patch} locked={locked} /> : null}
        </Box>
        <Paper variant="outlined" sx={{ p: 2 }}>
          <DistrictChart districts={result?.byDistrict ?? []} />
        </Paper>
        <Paper variant="outlined" sx={{ p: 2 }}>
          <StrategyChart strategies={result?.byStrategy ?? []} />
        </Paper>
      </Box>

      <FairnessPanel fairness={result?.fairness} />

      {why && currentId !== null ? (
        <WhyDialog scenarioId={currentId} projectId={why.projectId} code={why.code} onClose={() => setWhy(null)} />
      ) : null}
    </Box>
  );
}

function RunStatus({ running, result, frozen }: { running: boolean; result: ScenarioResult | undefined; frozen: boolean }) {
  const { t } = useI18n();
  return (
    <Typography
      variant="body2"
      data-testid="scenario-elapsed"
      data-running={String(running)}
      sx={{ color: 'text.secondary', pt: 4, minWidth: 180 }}
    >
      {running
        ? t.scenarios.running
        : result
          ? frozen
            ? t.approval.frozenRun
            : t.scenarios.elapsed(result.elapsedMs.toLocaleString('en-US'))
          : ''}
    </Typography>
  );
}

function ConflictList({ result }: { result: ScenarioResult }) {
  const { lang } = useI18n();
  return (
    <Box component="ul" sx={{ m: 0, pl: 3 }}>
      {result.conflict.map((g) => (
        <li key={g.id} data-testid="conflict-group" data-id={g.id}>
          {lang === 'th' ? g.th : g.en}
        </li>
      ))}
    </Box>
  );
}
