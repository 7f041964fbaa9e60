import Box from '@mui/material/Box';
import LinearProgress from '@mui/material/LinearProgress';
import Typography from '@mui/material/Typography';
import type { JudgementView } from '../../../shared/api/judgement';
import type { Member } from '../../../shared/api/types';
import { useI18n } from '../../i18n/i18n-context';

/** Each member's share of their cells scored (declared conflicts excluded from what is due). */
export function ProgressPanel({
  progress,
  members,
}: Readonly<{ progress: JudgementView['progress']; members: readonly Member[] }>) {
  const { t } = useI18n();
  const name = new Map(members.map((m) => [m.id, m.name]));
  return (
    <Box data-testid="progress-panel" sx={{ display: 'flex', flexDirection: 'column', gap: 0.75 }}>
      <Typography variant="body2">{t.judgement.progress(progress.scored, progress.total)}</Typography>
      {progress.members.map((m) => (
        <Box key={m.memberId} data-testid={`progress-member-${m.memberId}`} data-conflicts={m.conflicts}>
          <Typography variant="caption">
            {name.get(m.memberId) ?? m.memberId} · {t.judgement.progress(m.scored, m.total)}
            {m.conflicts > 0 ? ` · ${t.judgement.conflicts(m.conflicts)}` : ''}
          </Typography>
          <LinearProgress variant="determinate" value={m.total === 0 ? 100 : (100 * m.scored) / m.total} />
        </Box>
      ))}
    </Box>
  );
}
