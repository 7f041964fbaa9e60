import { useEffect, useState } from 'react';
import AppBar from '@mui/material/AppBar';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import Toolbar from '@mui/material/Toolbar';
import Typography from '@mui/material/Typography';
import { useApi } from '../../app/api-context';
import { useQuery } from '../../app/use-query';
import { LangSwitch } from '../../components/LangSwitch';
import { useI18n } from '../../i18n/i18n-context';
import { MemberSheet } from './MemberSheet';
import { Projector } from './Projector';
import { SignInPage } from './SignInPage';
import { WorkshopPanel } from './WorkshopPanel';
import { forgetSignIn } from './workshop-token';

const DEVICE_ROUTES = ['join', 'sheet', 'projector', 'facilitate'] as const;
type DeviceRoute = (typeof DEVICE_ROUTES)[number];

function routeOf(hash: string): DeviceRoute | null {
  const name = hash.replace(/^#\/?/u, '').split('?')[0];
  return DEVICE_ROUTES.find((r) => r === name) ?? null;
}

/** Is this page a workshop device's (sign-in, a member's sheet, the projector) rather than the workbench? */
export function isDeviceRoute(): boolean {
  return routeOf(location.hash) !== null;
}

/**
 * What a device in the room sees: the sign-in page until it signs in, then a member's own sheet, or the projector
 * (observers, and the owner's second window on the projector); a facilitator also gets the session panel.
 */
export function WorkshopDeviceApp() {
  const { t } = useI18n();
  const [route, setRoute] = useState<DeviceRoute>(() => routeOf(location.hash) ?? 'join');
  useEffect(() => {
    const onHash = (): void => setRoute(routeOf(location.hash) ?? 'join');
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  const me = useQuery('workshop.me', {}, { refetchOn: ['workshop.changed'] });
  const who = me.data;
  let body;
  if (!who) body = <CircularProgress sx={{ m: 4 }} />;
  else if (who.role === 'owner' && route === 'projector') body = <Projector />;
  else if (!who.participant && who.role !== 'owner' && route !== 'projector') body = <SignInPage />;
  else if (who.role === 'member') body = <MemberSheet revealed={who.session?.revealed ?? false} />;
  else if (who.role === 'facilitator' && route === 'facilitate') body = <WorkshopPanel />;
  else body = <Projector />;
  return (
    <Box sx={{ minHeight: '100vh', display: 'flex', flexDirection: 'column' }}>
      <AppBar position="static" elevation={1}>
        <Toolbar sx={{ gap: 2, flexWrap: 'wrap', py: 0.5 }}>
          <Typography variant="h6" component="h1" sx={{ fontWeight: 700 }}>
            {t.app.name}
          </Typography>
          {/* Beside the name on a phone (the rest wraps below), at the far right on a wider screen. */}
          <LangSwitch compact sx={{ ml: { xs: 'auto', sm: 0 }, order: { xs: 0, sm: 1 } }} />
          {who?.session ? <Typography noWrap>{who.session.roundName}</Typography> : null}
          <ConnectionNote />
          <Box sx={{ ml: 'auto', display: 'flex', gap: 1, alignItems: 'center', flexWrap: 'wrap', justifyContent: 'flex-end' }}>
            {who?.participant ? (
              <>
                <Typography data-testid="signed-in-as">{t.workshop.signIn.signedInAs(who.participant.name)}</Typography>
                <SignOutButton />
              </>
            ) : null}
          </Box>
        </Toolbar>
        {who?.role === 'facilitator' ? (
          <Tabs value={route === 'facilitate' ? 'facilitate' : 'projector'} textColor="inherit" indicatorColor="secondary">
            <Tab value="projector" label={t.workshop.projector.title} onClick={() => (location.hash = '#/projector')} />
            <Tab value="facilitate" label={t.workshop.title} onClick={() => (location.hash = '#/facilitate')} />
          </Tabs>
        ) : null}
      </AppBar>
      <Box component="main" sx={{ flex: 1, p: { xs: 1, sm: 2 } }}>
        {body}
      </Box>
    </Box>
  );
}

function ConnectionNote() {
  const { t } = useI18n();
  const { status } = useApi();
  if (status === 'open') return null;
  return (
    <Typography data-testid="connection-chip" sx={{ bgcolor: 'warning.main', px: 1, borderRadius: 1 }}>
      {status === 'connecting' ? t.app.connecting : t.app.reconnecting}
    </Typography>
  );
}

function SignOutButton() {
  const { t } = useI18n();
  const { client } = useApi();
  return (
    <Button
      color="inherit"
      variant="outlined"
      data-testid="sign-out"
      onClick={() => {
        void client.call('workshop.signOut', {}).then(() => forgetSignIn());
      }}
    >
      {t.workshop.signIn.signOut}
    </Button>
  );
}
