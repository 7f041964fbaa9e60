import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import TextField from '@mui/material/TextField';
import MenuItem from '@mui/material/MenuItem';
import Typography from '@mui/material/Typography';
import { useI18n } from '../../i18n/i18n-context';
import { AllocationGrid } from './AllocationGrid';
import { CeilingField } from './CeilingField';
import { DistrictChart } from './DistrictChart';
import { ExportButton } from './ExportButton';
import { SummaryCards } from './SummaryCards';
import { useAllocation } from './use-allocation';

export function AllocationScreen() {
  const { t } = useI18n();
  const allocation = useAllocation();
  const view = allocation.data;
  return (
    <Box data-testid="screen-allocation" sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
      <Box sx={{ display: 'flex', alignItems: 'flex-start', gap: 2, flexWrap: 'wrap' }}>
        <Typography variant="h5" component="h2" sx={{ mr: 2 }}>
          {t.allocation.title}
        </Typography>
        <CeilingField onSaved={allocation.reload} />
        <TextField select size="small" label={t.allocation.rule} value="greedy" sx={{ width: 240 }}>
          <MenuItem value="greedy">{t.allocation.ruleGreedy}</MenuItem>
        </TextField>
        <Box sx={{ ml: 'auto' }}>
          <ExportButton />
        </Box>
      </Box>
      <SummaryCards view={view} />
      <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: 'minmax(0, 1fr)', lg: 'minmax(0, 1fr) 440px' } }}>
        <Box data-testid="allocation-grid" sx={{ height: 520 }}>
          <AllocationGrid rows={view?.rows} />
        </Box>
        <Paper variant="outlined" sx={{ p: 2 }}>
          <DistrictChart districts={view?.byDistrict ?? []} />
        </Paper>
      </Box>
    </Box>
  );
}
