import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import { useI18n } from '../../i18n/i18n-context';
import type { PendingConfirm } from './use-proposals';

/** "มีคะแนนแล้ว N รายการ…": editing a scored proposal flags it, so the user confirms first. */
export function ScoredConfirmDialog({ pending }: { pending: PendingConfirm }) {
  const { t } = useI18n();
  return (
    <Dialog open onClose={() => pending.answer(false)} data-testid="scored-confirm">
      <DialogTitle>{t.projects.scoredTitle(pending.code)}</DialogTitle>
      <DialogContent>
        <DialogContentText>{t.projects.scoredBody(pending.scoreCount)}</DialogContentText>
      </DialogContent>
      <DialogActions>
        <Button onClick={() => pending.answer(false)} data-testid="scored-confirm-cancel">
          {t.projects.cancel}
        </Button>
        <Button variant="contained" color="warning" onClick={() => pending.answer(true)} data-testid="scored-confirm-ok">
          {t.projects.confirmEdit}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

/** Asks before removing a proposal (the removal is audited, never silent). */
export function RemoveDialog({ code, onAnswer, busy }: { code: string; onAnswer(remove: boolean): void; busy: boolean }) {
  const { t } = useI18n();
  return (
    <Dialog open onClose={() => onAnswer(false)} data-testid="remove-confirm">
      <DialogTitle>{t.projects.removeTitle(code)}</DialogTitle>
      <DialogContent>
        <DialogContentText>{t.projects.removeBody}</DialogContentText>
      </DialogContent>
      <DialogActions>
        <Button onClick={() => onAnswer(false)}>{t.projects.cancel}</Button>
        <Button variant="contained" color="error" disabled={busy} onClick={() => onAnswer(true)} data-testid="remove-confirm-ok">
          {t.projects.remove}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
