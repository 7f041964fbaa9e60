import { useMemo, useRef, useState, type ReactNode } from 'react';
import Alert from '@mui/material/Alert';
import Snackbar from '@mui/material/Snackbar';
import type { ApiError } from '../../shared/api/errors';
import { errorText, useI18n } from '../i18n/i18n-context';
import { NotifyContext, type Notify } from './notify-context';

type Message = { key: number; kind: 'error'; error: ApiError } | { key: number; kind: 'success' | 'warning'; text: string };

export function NotifyProvider({ children }: { children: ReactNode }) {
  const { lang, t } = useI18n();
  const [message, setMessage] = useState<Message | null>(null);
  // The open message by its key: the hide timer or close button of a message already replaced closes nothing (a save's
  // message shown just as the one before it timed out stayed hidden).
  const [openKey, setOpenKey] = useState<number | null>(null);
  const counter = useRef(0);

  const notify = useMemo<Notify>(
    () => ({
      error: (error) => {
        const key = ++counter.current;
        setMessage({ key, kind: 'error', error });
        setOpenKey(key);
      },
      success: (text) => {
        const key = ++counter.current;
        setMessage({ key, kind: 'success', text });
        setOpenKey(key);
      },
      warning: (text) => {
        const key = ++counter.current;
        setMessage({ key, kind: 'warning', text });
        setOpenKey(key);
      },
    }),
    [],
  );
  const key = message?.key ?? null;
  const close = (): void => setOpenKey((open) => (open === key ? null : open));

  return (
    <NotifyContext.Provider value={notify}>
      {children}
      <Snackbar
        key={key ?? undefined}
        open={key !== null && openKey === key}
        autoHideDuration={message?.kind === 'success' ? 3000 : 8000}
        onClose={(_e, reason) => {
          if (reason !== 'clickaway') close();
        }}
        anchorOrigin={{ vertical: 'bottom', horizontal: 'center' }}
      >
        {message ? (
          <Alert
            data-testid={`snackbar-${message.kind}`}
            data-code={message.kind === 'error' ? message.error.code : undefined}
            severity={message.kind}
            variant="filled"
            onClose={close}
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
