import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { SyncReport } from '../../../shared/api/types';
import { formatCount } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n-context';

export function SyncReportAlert({ report, onClose }: { report: SyncReport; onClose(): void }) {
  const { t, lang } = useI18n();
  const counts = [
    ['new', t.needs.countNew, report.newCount],
    ['changed', t.needs.countChanged, report.changedCount],
    ['withdrawn', t.needs.countWithdrawn, report.withdrawnCount],
    ['unchanged', t.needs.countUnchanged, report.unchangedCount],
    ['flagged', t.needs.countFlagged, report.flaggedProjects],
  ] as const;
  return (
    <Alert severity="success" data-testid="sync-result" onClose={onClose}>
      <AlertTitle>{t.needs.syncDone(report.fileName)}</AlertTitle>
      <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }}>
        {counts.map(([key, label, value]) => (
          <Chip
            key={key}
            variant="outlined"
            color={key === 'flagged' && value > 0 ? 'warning' : 'default'}
            data-testid={`sync-count-${key}`}
            data-value={value}
            label={`${label}: ${formatCount(value)}`}
          />
        ))}
      </Stack>
      {/* What the import says to check: the source it was read as, needs held twice or left out, columns chosen. */}
      {(report.mappingNotes ?? []).map((note, i) => (
        <Typography key={i} variant="body2" sx={{ mt: 1 }} data-testid="sync-note">
          {lang === 'th' ? note.th : note.en}
        </Typography>
      ))}
    </Alert>
  );
}
