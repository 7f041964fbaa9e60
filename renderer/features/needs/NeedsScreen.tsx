import { useMemo, useState } from 'react';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { useDebounced } from '../../app/use-debounced';
import { useI18n } from '../../i18n/i18n-context';
import { BackupsPanel } from './BackupsPanel';
import { ProjectChangesView } from './ChangesView';
import { ImportPanel } from './ImportPanel';
import { NeedDetailDrawer } from './NeedDetailDrawer';
import { NeedsFilterBar } from './NeedsFilterBar';
import { NeedsGrid } from './NeedsGrid';
import { NeedsMap } from './NeedsMap';
import { NeedsTotalsBar } from './NeedsTotalsBar';
import { SyncPanel } from './SyncPanel';
import { cleanFilter } from './needs-datasource';
import { useNeedsFilter } from './use-needs-filter';

/**
 * Citizens' needs: bringing them in (sync, file import, backups) and exploring them at province scale (filters, the
 * map, totals, the paged grid and a need's detail), all over one filter.
 */
export function NeedsScreen() {
  const { t } = useI18n();
  const [filter, setFilter] = useNeedsFilter();
  const [openNeed, setOpenNeed] = useState<number | null>(null);
  const search = useDebounced(filter.search ?? '', 300);
  // The grid, totals and map follow the filter with the search box settled, so typing sends one request.
  const settled = useMemo(() => cleanFilter({ ...filter, search }), [filter, search]);
  return (
    <Box data-testid="screen-needs" sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
      <Typography variant="h5" component="h2">
        {t.needs.title}
      </Typography>
      <SyncPanel />
      <ImportPanel />
      <BackupsPanel />
      {filter.projectId !== undefined ? (
        <ProjectChangesView projectId={filter.projectId} onClear={() => setFilter({ ...filter, projectId: undefined })} />
      ) : null}
      <Box sx={{ display: 'flex', gap: 1.5, alignItems: 'flex-start', flexWrap: 'wrap' }} data-testid="needs-filters">
        <NeedsFilterBar filter={filter} onChange={setFilter} />
      </Box>
      <NeedsTotalsBar filter={settled} />
      <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', lg: 'minmax(360px, 2fr) 3fr' }, gap: 2, minHeight: 560 }}>
        <NeedsMap filter={settled} onChange={(f) => setFilter({ ...f, search: filter.search })} />
        <NeedsGrid filter={settled} onOpen={setOpenNeed} />
      </Box>
      <NeedDetailDrawer needId={openNeed} onClose={() => setOpenNeed(null)} />
    </Box>
  );
}
