import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { ProgressStep, ProgressStepKey, StepState } from '../../../shared/api/rounds';
import type { RoundDetail } from '../../../shared/api/types';
import { useQuery } from '../../app/use-query';
import { formatCount } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n-context';

/** The screen where each step's work is done. */
const STEP_SCREEN: Readonly<Record<ProgressStepKey, string | null>> = {
  needs: 'needs',
  proposals: 'projects',
  linked: 'projects',
  scored: 'scoring',
  scenarios: 'allocation',
  approved: 'allocation',
  exported: 'allocation',
};

const STATE_STYLE: Readonly<Record<StepState, { color: string; mark: string }>> = {
  done: { color: '#2e7d32', mark: '✓' },
  in_progress: { color: '#ed6c02', mark: '…' },
  todo: { color: '#9e9e9e', mark: '' },
};

/** The narrowest a step's name and help may be (px) before what follows them moves to a line of its own. */
const STEP_TEXT_MIN = 240;

/** The steps of the round's work in order, each one's state from the database, and what to do next. */
export function RoundSteps({ round }: { round: RoundDetail }) {
  const { t } = useI18n();
  const r = t.rounds;
  const progress = useQuery(
    'rounds.progress',
    { roundId: round.id },
    { refetchOn: ['round.changed', 'needs.synced', 'scores.changed', 'scenario.changed', 'allocation.changed'] },
  );
  const p = progress.data;
  if (!p) return null;
  const setup = p.setup;
  return (
    <Stack spacing={2} data-testid="round-steps" data-next={p.next ?? ''}>
      <Paper variant="outlined" sx={{ p: 2 }}>
        <Typography variant="subtitle1" sx={{ fontWeight: 700, mb: 1 }}>
          {r.setupTitle}
        </Typography>
        <Stack direction="row" spacing={1} sx={{ flexWrap: 'wrap', rowGap: 1 }}>
          <SetupChip ok={setup.developmentIssues > 0} label={r.setupIssues(setup.developmentIssues)} testId="setup-issues" />
          <SetupChip ok={setup.activeMembers > 0} label={r.setupMembers(setup.activeMembers)} testId="setup-members" />
          <SetupChip ok={setup.memberCriteria > 0} label={r.setupCriteria(setup.criteria)} testId="setup-criteria" />
          <SetupChip
            ok={Math.abs(setup.weightSum - 1) < 1e-6}
            label={r.setupWeights(setup.weightSum.toFixed(4))}
            testId="setup-weights"
          />
        </Stack>
      </Paper>
      {p.next ? (
        <Alert severity="info" data-testid="round-next">
          <strong>{r.nextLabel}</strong> {r.stepHelp[p.next]}
        </Alert>
      ) : (
        <Alert severity="success" data-testid="round-next">
          {r.allDone}
        </Alert>
      )}
      <Box component="ol" sx={{ listStyle: 'none', p: 0, m: 0, display: 'flex', flexDirection: 'column', gap: 1 }}>
        {p.steps.map((s, i) => (
          <StepRow key={s.key} step={s} index={i + 1} isNext={p.next === s.key} />
        ))}
      </Box>
    </Stack>
  );
}

function SetupChip({ ok, label, testId }: { ok: boolean; label: string; testId: string }) {
  return <Chip label={label} color={ok ? 'success' : 'default'} variant={ok ? 'filled' : 'outlined'} data-testid={testId} />;
}

function StepRow({ step, index, isNext }: { step: ProgressStep; index: number; isNext: boolean }) {
  const { t } = useI18n();
  const r = t.rounds;
  const style = STATE_STYLE[step.state];
  const screen = STEP_SCREEN[step.key];
  const count =
    step.done === null
      ? ''
      : step.total === null
        ? formatCount(step.done)
        : `${formatCount(step.done)} / ${formatCount(step.total)}`;
  return (
    <Paper
      component="li"
      variant="outlined"
      data-testid={`step-${step.key}`}
      data-state={step.state}
      sx={{
        p: 1.5,
        display: 'flex',
        // On a phone the count, state and button go under the step's text instead of squeezing it to a word a line.
        flexWrap: 'wrap',
        alignItems: 'center',
        gap: 2,
        borderLeft: `6px solid ${style.color}`,
        bgcolor: isNext ? '#e3f2fd' : undefined,
      }}
    >
      <Box
        sx={{
          width: 32,
          height: 32,
          borderRadius: '50%',
          bgcolor: style.color,
          color: '#fff',
          display: 'grid',
          placeItems: 'center',
          fontWeight: 700,
          flexShrink: 0,
        }}
      >
        {style.mark || index}
      </Box>
      <Box sx={{ flex: `1 1 ${STEP_TEXT_MIN}px`, minWidth: 0 }}>
        <Typography sx={{ fontWeight: 700 }}>{`${index}. ${r.step[step.key]}`}</Typography>
        <Typography variant="body2" sx={{ color: 'text.secondary' }}>
          {r.stepHelp[step.key]}
        </Typography>
      </Box>
      {/* One group, so that on a phone the count, state and button move under the text together. */}
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 2 }}>
        {count ? (
          <Typography
            component="span"
            sx={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}
            data-testid={`step-${step.key}-count`}
          >
            {count}
          </Typography>
        ) : null}
        <Chip size="small" label={r.state[step.state]} sx={{ color: style.color, borderColor: style.color }} variant="outlined" />
        {screen && step.state !== 'done' ? (
          <Button size="small" variant={isNext ? 'contained' : 'text'} href={`#/${screen}`} data-testid={`step-${step.key}-go`}>
            {r.go}
          </Button>
        ) : (
          <Box sx={{ width: 64 }} />
        )}
      </Box>
    </Paper>
  );
}
