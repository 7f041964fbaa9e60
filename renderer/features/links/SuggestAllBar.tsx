import { useState } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Typography from '@mui/material/Typography';
import type { RoundSuggestions } from '../../../shared/domain/links/types';
import { useApiEvent } from '../../app/api-context';
import { useCall } from '../rounds/use-call';
import { formatCount } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n-context';

/**
 * "Suggest for all proposals": runs links.suggestAll on the host's compute worker and shows its progress from the
 * `links.progress` events as a bar; the result marks each proposal in the picker.
 */
export function SuggestAllBar(props: { roundId: number; onDone: (result: RoundSuggestions) => void }) {
  const { t } = useI18n();
  const { busy, call } = useCall();
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [last, setLast] = useState<RoundSuggestions | null>(null);
  useApiEvent(['links.progress'], (m) => {
    if (m.event === 'links.progress' && m.payload.roundId === props.roundId) setProgress(m.payload);
  });
  const run = async (): Promise<void> => {
    setProgress({ done: 0, total: 0 });
    const result = await call('links.suggestAll', { roundId: props.roundId });
    setProgress(null);
    if (result) {
      setLast(result);
      props.onDone(result);
    }
  };
  const value = progress && progress.total > 0 ? (100 * progress.done) / progress.total : 0;
  return (
    <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, minWidth: 320 }}>
      <Button variant="outlined" onClick={() => void run()} disabled={busy} data-testid="links-suggest-all">
        {t.links.suggestAll}
      </Button>
      {busy ? (
        <Box sx={{ flex: 1, minWidth: 200 }} data-testid="links-progress">
          <LinearProgress variant={progress && progress.total > 0 ? 'determinate' : 'indeterminate'} value={value} />
          <Typography variant="caption" sx={{ color: 'text.secondary' }}>
            {progress ? t.links.progress(progress.done, progress.total) : ''}
          </Typography>
        </Box>
      ) : last ? (
        <Typography variant="body2" sx={{ color: 'text.secondary' }} data-testid="links-all-done">
          {t.links.allDone(formatCount(last.proposals), formatCount(last.needs), last.seconds.toFixed(1))}
        </Typography>
      ) : null}
    </Box>
  );
}
