import Box from '@mui/material/Box';
import { useSession } from '../../app/session-context';
import { WorkshopPanel } from './WorkshopPanel';

/** The workbench's workshop tab: the session panel for the current round. */
export function WorkshopScreen() {
  const { round } = useSession();
  return (
    <Box data-testid="screen-workshop">
      <WorkshopPanel {...(round ? { roundId: round.id } : {})} />
    </Box>
  );
}
