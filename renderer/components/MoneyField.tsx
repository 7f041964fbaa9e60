import { useEffect, useRef, useState } from 'react';
import TextField from '@mui/material/TextField';
import { formatBaht, parseBaht } from '../../shared/domain/money';
import { useI18n } from '../i18n/i18n-context';

/** How long typing must pause before an amount is sent: one update per edit, not one per key. */
export const COMMIT_DELAY_MS = 400;

type Props = Readonly<{
  /** Committed amount in satang; null = not set. */
  value: number | null;
  onCommit(value: number | null): void;
  label?: string;
  placeholder?: string;
  helperText?: string;
  testId: string;
  disabled?: boolean;
  width?: number | string;
  /** Dense cell editor in tables: no label, no helper line. */
  dense?: boolean;
  /**
   * Told when the text stops being an amount (with the reason) and when it is an amount or empty again (null). A form
   * that submits the value must refuse to while there is a problem: the last amount committed is not what the field
   * shows. Without it (a field that applies what it commits at once), the field says which amount is still in use.
   */
  onProblem?(problem: AmountProblem | null): void;
}>;

/** Why the text of a money field is not an amount, in both languages. */
export type AmountProblem = Readonly<{ th: string; en: string }>;

const show = (value: number | null): string => (value === null ? '' : formatBaht(value));

/**
 * A baht amount typed freely ("5,000,000", "๕ ๐๐๐ ๐๐๐", "5000000 บาท") and committed as satang once typing
 * pauses, on Enter or on leaving the field. Empty means "not set". Typing never waits for the host.
 */
export function MoneyField(props: Props) {
  const { value, onCommit, onProblem, label, placeholder, helperText, testId, disabled, width, dense } = props;
  const { lang, t } = useI18n();
  const [text, setText] = useState(() => show(value));
  const committed = useRef(value);
  const onCommitRef = useRef(onCommit);
  const onProblemRef = useRef(onProblem);
  useEffect(() => {
    onCommitRef.current = onCommit;
    onProblemRef.current = onProblem;
  });

  // A change from elsewhere (another device, a scenario switch) replaces the text; our own echo does not.
  useEffect(() => {
    if (value !== committed.current) {
      committed.current = value;
      setText(show(value));
    }
  }, [value]);

  const trimmed = text.trim();
  const parsed = trimmed === '' ? null : parseBaht(trimmed);
  const next = parsed === null ? null : parsed.ok ? parsed.satang : undefined;

  const commit = (): void => {
    if (next === undefined || next === committed.current) return;
    committed.current = next;
    onCommitRef.current(next);
  };

  useEffect(() => {
    if (next === undefined || next === committed.current) return;
    const timer = setTimeout(() => {
      committed.current = next;
      onCommitRef.current(next);
    }, COMMIT_DELAY_MS);
    return () => clearTimeout(timer);
  }, [next]);

  const problem: AmountProblem | null = parsed !== null && !parsed.ok ? { th: parsed.th, en: parsed.en } : null;
  // Told at once, not after the pause: a form's submit must not stay enabled while the text is not an amount.
  const problemTh = problem?.th ?? null;
  const problemEn = problem?.en ?? null;
  useEffect(() => {
    onProblemRef.current?.(problemTh === null || problemEn === null ? null : { th: problemTh, en: problemEn });
  }, [problemTh, problemEn]);

  const inUse = value === null ? (placeholder ?? t.money.notSet) : formatBaht(value);
  const error =
    problem === null ? undefined : (lang === 'th' ? problem.th : problem.en) + (onProblem ? '' : ` · ${t.money.inUse(inUse)}`);
  return (
    <TextField
      size="small"
      label={dense ? undefined : label}
      placeholder={placeholder}
      value={text}
      disabled={disabled}
      error={error !== undefined}
      title={dense ? error : undefined}
      helperText={dense ? undefined : (error ?? helperText ?? ' ')}
      onChange={(e) => setText(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === 'Enter') commit();
      }}
      slotProps={{
        htmlInput: { 'data-testid': testId, inputMode: 'decimal', 'aria-label': label },
        formHelperText: { 'data-testid': `${testId}-helper` } as object,
      }}
      sx={{
        width: width ?? 220,
        // Dense fields sit in table cells: narrower side padding leaves room for 999,999,999.99 in 136 px.
        '& input': {
          textAlign: 'right',
          fontVariantNumeric: 'tabular-nums',
          py: dense ? 0.5 : undefined,
          px: dense ? 1 : undefined,
        },
      }}
    />
  );
}
