import AppBar from '@mui/material/AppBar';
import Chip from '@mui/material/Chip';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import Toolbar from '@mui/material/Toolbar';
import Typography from '@mui/material/Typography';
import { LangSwitch } from '../components/LangSwitch';
import { useI18n } from '../i18n/i18n-context';
import { useApi } from './api-context';
import { useSession } from './session-context';
import { SCREENS, type Screen } from './use-screen';

export function AppHeader({ screen, onScreen }: { screen: Screen; onScreen(screen: Screen): void }) {
  const { t } = useI18n();
  return (
    <AppBar position="static" elevation={1}>
      <Toolbar sx={{ gap: 2, flexWrap: 'wrap', py: 0.5 }}>
        <Typography variant="h6" component="h1" data-testid="app-name" sx={{ fontWeight: 700, whiteSpace: 'nowrap' }}>
          {t.app.name}
        </Typography>
        <RoundLabel />
        <SyntheticChip />
        <ConnectionChip />
        <LangSwitch sx={{ ml: 'auto' }} />
      </Toolbar>
      <Tabs
        value={screen}
        onChange={(_e, next: Screen) => onScreen(next)}
        textColor="inherit"
        indicatorColor="secondary"
        // Ten screens' Thai names overflow a projector's 1280-1440 px: the row scrolls, with arrows, instead of
        // cutting off the last screens (the workshop's among them).
        variant="scrollable"
        scrollButtons="auto"
        sx={{
          px: 2,
          '& .MuiTab-root': { fontSize: 15, minHeight: 44 },
          '& .MuiTabs-scrollButtons.Mui-disabled': { opacity: 0.3 },
        }}
      >
        {SCREENS.map((s) => (
          <Tab key={s} value={s} label={t.nav[s]} data-testid={`nav-${s}`} />
        ))}
      </Tabs>
    </AppBar>
  );
}

function RoundLabel() {
  const { t } = useI18n();
  const { round } = useSession();
  return (
    <Typography data-testid="round-name" sx={{ opacity: 0.95, flexShrink: 1, minWidth: 0 }} noWrap>
      {round ? `${round.name} · ${t.app.fiscalYear(round.fiscalYear)} · ${t.roundStatus[round.status]}` : t.app.noRound}
    </Typography>
  );
}

function SyntheticChip() {
  const { t } = useI18n();
  const { info } = useSession();
  if (!info?.synthetic) return null;
  return (
    <Chip
      data-testid="synthetic-chip"
      label={t.app.synthetic}
      sx={{ bgcolor: '#ffd54f', color: '#3e2a00', fontWeight: 700, border: '2px solid #3e2a00' }}
    />
  );
}

function ConnectionChip() {
  const { t } = useI18n();
  const { status } = useApi();
  if (status === 'open') return null;
  return (
    <Chip data-testid="connection-chip" color="warning" label={status === 'connecting' ? t.app.connecting : t.app.reconnecting} />
  );
}
