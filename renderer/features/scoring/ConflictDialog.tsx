import { useState } from 'react';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { JUDGEMENT_TEXT_LIMITS } from '../../../shared/api/judgement';
import { useI18n } from '../../i18n/i18n-context';

type Props = Readonly<{
  code: string;
  declared: boolean;
  onClose(): void;
  onConfirm(declared: boolean, reason: string): void;
}>;

/** Declares a conflict of interest on a project (with its nature), or withdraws the declaration. */
export function ConflictDialog({ code, declared, onClose, onConfirm }: Props) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  return (
    <Dialog open onClose={onClose} data-testid="conflict-dialog">
      <DialogTitle>{t.judgement.conflictTitle(code)}</DialogTitle>
      <DialogContent sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
        <Typography variant="body2">{t.judgement.conflictNote}</Typography>
        {declared ? null : (
          <TextField
            label={t.judgement.conflictReason}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            slotProps={{ htmlInput: { maxLength: JUDGEMENT_TEXT_LIMITS.conflictReason, 'data-testid': 'conflict-reason' } }}
          />
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t.judgement.cancel}</Button>
        <Button variant="contained" data-testid="conflict-confirm" onClick={() => onConfirm(!declared, reason)}>
          {declared ? t.judgement.conflictWithdraw : t.judgement.conflictDeclare}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
