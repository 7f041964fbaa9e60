import { useEffect, useState } from 'react';
import TextField from '@mui/material/TextField';
import { parseScore, type ScoreScale } from '../../../shared/domain/judgement/score-input';
import { useI18n } from '../../i18n/i18n-context';

type Props = Readonly<{
  testId: string;
  label: string;
  scale: ScoreScale;
  /** The stored score (null: not scored). */
  value: number | null;
  onSave(value: number): void;
}>;

/**
 * A score typed on a phone, for a scale too wide for a row of buttons (0–100) or with fractions: saved on Enter or
 * when the field is left; text that is not a score on the scale is refused under the field, saying why, and not sent.
 */
export function ScoreField({ testId, label, scale, value, onSave }: Props) {
  const { t, lang } = useI18n();
  const [text, setText] = useState(value === null ? '' : String(value));
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setText(value === null ? '' : String(value)), [value]);
  const commit = (): void => {
    const parsed = parseScore(text, scale);
    if (!parsed.ok) {
      setError(lang === 'th' ? parsed.th : parsed.en);
      return;
    }
    setError(null);
    if (parsed.value !== null && parsed.value !== value) onSave(parsed.value);
  };
  return (
    <TextField
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        setError(null);
      }}
      onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === 'Enter') commit();
      }}
      error={error !== null}
      helperText={error ?? t.workshop.sheet.typeScore(scale.scaleMin, scale.scaleMax)}
      id={testId}
      slotProps={{ htmlInput: { inputMode: 'decimal', maxLength: 24, 'aria-label': label, 'data-testid': testId } }}
      sx={{ width: 200, '& input': { fontSize: 22, fontWeight: 700, py: 1.5 } }}
    />
  );
}
