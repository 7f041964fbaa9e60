import { lazy, Suspense } from 'react';
import Box from '@mui/material/Box';
import CircularProgress from '@mui/material/CircularProgress';
import { AppHeader } from './AppHeader';
import { useScreen, type Screen } from './use-screen';
import { ErrorBoundary } from './ErrorBoundary';
import { NeedsScreen } from '../features/needs/NeedsScreen';
import { ProjectsScreen } from '../features/projects/ProjectsScreen';
import { LinksScreen } from '../features/links/LinksScreen';
import { UnmetScreen } from '../features/unmet/UnmetScreen';
import { ScoringScreen } from '../features/scoring/ScoringScreen';
import { RoundScreen } from '../features/rounds/RoundScreen';
import { useReloadWhenSampleRemoved } from '../features/rounds/SampleRemovalCard';
import { AuditScreen } from '../features/audit/AuditScreen';
import { AuditBanner } from '../features/audit/AuditBanner';
import { WorkshopScreen } from '../features/workshop/WorkshopScreen';

// ECharts is the largest dependency and only the allocation and comparison screens draw charts.
const AllocationScreen = lazy(() =>
  import('../features/allocation/AllocationScreen').then((m) => ({ default: m.AllocationScreen })),
);
const CompareScreen = lazy(() => import('../features/scenarios/CompareScreen').then((m) => ({ default: m.CompareScreen })));

export function App() {
  const [screen, setScreen] = useScreen();
  useReloadWhenSampleRemoved();
  return (
    <Box sx={{ height: '100vh', display: 'flex', flexDirection: 'column' }}>
      <AppHeader screen={screen} onScreen={setScreen} />
      <AuditBanner onOpen={() => setScreen('audit')} />
      <Box component="main" sx={{ flex: 1, minHeight: 0, p: 2, overflow: 'auto' }}>
        <ErrorBoundary key={screen}>
          <Suspense fallback={<CircularProgress />}>
            <ScreenView screen={screen} />
          </Suspense>
        </ErrorBoundary>
      </Box>
    </Box>
  );
}

function ScreenView({ screen }: { screen: Screen }) {
  switch (screen) {
    case 'round':
      return <RoundScreen />;
    case 'needs':
      return <NeedsScreen />;
    case 'projects':
      return <ProjectsScreen />;
    case 'links':
      return <LinksScreen />;
    case 'unmet':
      return <UnmetScreen />;
    case 'scoring':
      return <ScoringScreen />;
    case 'allocation':
      return <AllocationScreen />;
    case 'compare':
      return <CompareScreen />;
    case 'audit':
      return <AuditScreen />;
    case 'workshop':
      return <WorkshopScreen />;
  }
}
