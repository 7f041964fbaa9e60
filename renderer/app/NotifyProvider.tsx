import { useMemo, useState, type ReactNode } from 'react';
import Alert from '@mui/material/Alert';
import Snackbar from '@mui/material/Snackbar';
import type { ApiError } from '../../shared/api/errors';
import { errorText, useI18n } from '../i18n/i18n-context';
import { NotifyContext, type Notify } from './notify-context';

type Message = { key: number; kind: 'error'; error: ApiError } | { key: number; kind: 'success'; text: string };

export function NotifyProvider({ children }: { children: ReactNode }) {
  const { lang, t } = useI18n();
  const [message, setMessage] = useState<Message | null>(null);
  const [open, setOpen] = useState(false);

  const notify = useMemo<Notify>(
    () => ({
      error: (error) => {
        setMessage({ key: Date.now(), kind: 'error', error });
        setOpen(true);
      },
      success: (text) => {
        setMessage({ key: Date.now(), kind: 'success', text });
        setOpen(true);
      },
    }),
    [],
  );

  return (
    <NotifyContext.Provider value={notify}>
      {children}
      <Snackbar
        key={message?.key}
        open={open}
        autoHideDuration={message?.kind === 'error' ? 8000 : 3000}
        onClose={(_e, reason) => {
          if (reason !== 'clickaway') setOpen(false);
        }}
        anchorOrigin={{ vertical: 'bottom', horizontal: 'center' }}
      >
        {message ? (
          <Alert
            data-testid={message.kind === 'error' ? 'snackbar-error' : 'snackbar-success'}
            data-code={message.kind === 'error' ? message.error.code : undefined}
            severity={message.kind}
            variant="filled"
            onClose={() => setOpen(false)}
            slotProps={{ closeButton: { title: t.app.close, 'aria-label': t.app.close } }}
            sx={{ width: '100%' }}
          >
            {message.kind === 'error' ? errorText(message.error, lang) : message.text}
          </Alert>
        ) : undefined}
      </Snackbar>
    </NotifyContext.Provider>
  );
}
