import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { useI18n } from '../../i18n/i18n-context';
import { BackupsPanel } from './BackupsPanel';
import { ImportPanel } from './ImportPanel';
import { NeedsGrid } from './NeedsGrid';
import { SyncPanel } from './SyncPanel';

export function NeedsScreen() {
  const { t } = useI18n();
  return (
    <Box data-testid="screen-needs" sx={{ display: 'flex', flexDirection: 'column', gap: 2, height: '100%' }}>
      <Typography variant="h5" component="h2">
        {t.needs.title}
      </Typography>
      <SyncPanel />
      <ImportPanel />
      <BackupsPanel />
      <NeedsGrid />
    </Box>
  );
}
