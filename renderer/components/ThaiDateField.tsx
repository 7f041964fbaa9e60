import TextField from '@mui/material/TextField';
import { useEffect, useState } from 'react';
import { parseThaiDate, typedThaiDate } from '../../shared/domain/thai-date';
import { formatShortDate } from '../i18n/format';
import { useI18n } from '../i18n/i18n-context';

/** What was typed, read: undefined when empty, null when it is not a date. */
function readTyped(typed: string): string | undefined | null {
  return typed.trim() === '' ? undefined : parseThaiDate(typed);
}

/**
 * A date typed as Thai people and files write it (15/9/2569, 15 ก.ย. 2569, 2026-09-15; a year above 2400 is
 * Buddhist era), its value the ISO date (CE), read back under the field as a Buddhist-era date. The browser's own date
 * picker writes Christian-era years, so a Buddhist-era year typed into it lands 543 years late. Text that is not a date
 * leaves the value as it was and says so once the field is left, naming the date still in use.
 */
export function ThaiDateField(props: {
  label: string;
  value: string | undefined;
  onChange: (iso: string | undefined) => void;
  testId: string;
  width: number;
}) {
  const { lang, t } = useI18n();
  const { value, onChange } = props;
  const [text, setText] = useState(() => (value ? typedThaiDate(value) : ''));
  const [left, setLeft] = useState(false);
  // A value set from outside (cleared filters, a restored view) replaces what was typed.
  useEffect(() => {
    setText((typed) => (readTyped(typed) === value ? typed : value ? typedThaiDate(value) : ''));
  }, [value]);
  const iso = readTyped(text);
  const bad = iso === null;
  // Text that is not a date leaves the value as it was: say which date is still in use.
  const badText = value ? `${t.dateField.bad} · ${t.dateField.inUse(formatShortDate(value, lang))}` : t.dateField.bad;
  const helper = bad ? (left ? badText : t.dateField.hint) : iso ? formatShortDate(iso, lang) : t.dateField.hint;
  return (
    <TextField
      size="small"
      label={props.label}
      value={text}
      placeholder={t.dateField.placeholder}
      error={bad && left}
      helperText={helper}
      onChange={(e) => {
        const typed = e.target.value;
        setText(typed);
        setLeft(false);
        const next = readTyped(typed);
        if (next !== null && next !== value) onChange(next);
      }}
      onBlur={() => setLeft(true)}
      slotProps={{
        inputLabel: { shrink: true },
        htmlInput: { 'data-testid': props.testId, maxLength: 40, inputMode: 'text' },
        formHelperText: { 'data-testid': `${props.testId}-helper` } as object,
      }}
      sx={{ width: props.width }}
    />
  );
}
