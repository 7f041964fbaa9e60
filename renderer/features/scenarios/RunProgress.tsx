import { useEffect, useState } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Typography from '@mui/material/Typography';
import type { ScenarioRunProgress } from '../../../shared/api/scenario';
import { useApi, useApiEvent } from '../../app/api-context';
import { useNotify } from '../../app/notify-context';
import { useI18n } from '../../i18n/i18n-context';

/** How long a run goes before the screen offers its time and a cancel. */
export const SLOW_RUN_MS = 1000;

type Props = Readonly<{
  /** Whether the scenario's run is in flight. */
  running: boolean;
  scenarioId: number | null;
  /** Whether the last run ended because it was cancelled. */
  cancelled: boolean;
  /** Runs the scenario again (after a cancel). */
  onRunAgain: () => void;
}>;

/**
 * The run's progress under the scenario bar: a thin bar while it runs; past a second (Equal Shares over a province's
 * needs), its stage (`scenario.progress` events: reading, computing, putting the result together), the seconds so
 * far and a button that stops the run on its worker (`scenarios.cancelRun`). The bar shows a fraction only while a
 * rule that can tell how far it is computes (Equal Shares' add1 scan); otherwise it runs without one rather than
 * invent it.
 */
export function RunProgress({ running, scenarioId, cancelled, onRunAgain }: Props) {
  const { t } = useI18n();
  const s = t.scenarios;
  const { client } = useApi();
  const notify = useNotify();
  const [elapsedMs, setElapsedMs] = useState(0);
  const [cancelling, setCancelling] = useState(false);
  const [progress, setProgress] = useState<ScenarioRunProgress | null>(null);
  useApiEvent(['scenario.progress'], (m) => {
    if (m.event === 'scenario.progress' && running && m.payload.scenarioId === scenarioId) setProgress(m.payload);
  });

  useEffect(() => {
    setElapsedMs(0);
    setCancelling(false);
    setProgress(null);
    if (!running) return;
    const started = performance.now();
    const timer = setInterval(() => setElapsedMs(performance.now() - started), 100);
    return () => clearInterval(timer);
  }, [running, scenarioId]);

  const cancel = (): void => {
    if (scenarioId === null) return;
    setCancelling(true);
    void client.call('scenarios.cancelRun', { scenarioId }).then((result) => {
      if (!result.ok) {
        setCancelling(false);
        notify.error(result.error);
      }
    });
  };

  if (!running) {
    return cancelled ? (
      <Box data-testid="scenario-run-cancelled" sx={{ display: 'flex', alignItems: 'center', gap: 2 }}>
        <Typography variant="body2" sx={{ color: 'text.secondary' }}>
          {s.cancelledNote}
        </Typography>
        <Button size="small" variant="outlined" onClick={onRunAgain} data-testid="scenario-run-again">
          {s.runAgain}
        </Button>
      </Box>
    ) : (
      <Box sx={{ height: 4 }} />
    );
  }
  const slow = elapsedMs >= SLOW_RUN_MS;
  const seconds = (elapsedMs / 1000).toFixed(1);
  const fraction = progress?.stage === 'computing' ? progress.fraction : null;
  return (
    <Box data-testid="scenario-run-progress" data-slow={String(slow)} data-stage={progress?.stage ?? ''}>
      <LinearProgress
        data-testid="scenario-running"
        aria-label={s.running}
        variant={fraction === null ? 'indeterminate' : 'determinate'}
        value={fraction === null ? undefined : Math.round(fraction * 100)}
      />
      {slow ? (
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, mt: 1 }}>
          <Typography variant="body2" data-testid="scenario-run-seconds" data-seconds={seconds} sx={{ color: 'text.secondary' }}>
            {progress
              ? s.runStatus(s.runStage[progress.stage], fraction === null ? null : String(Math.round(fraction * 100)), seconds)
              : s.runningFor(seconds)}
          </Typography>
          <Button size="small" variant="outlined" disabled={cancelling} onClick={cancel} data-testid="scenario-run-cancel">
            {cancelling ? s.cancelling : s.cancelRun}
          </Button>
        </Box>
      ) : null}
    </Box>
  );
}
