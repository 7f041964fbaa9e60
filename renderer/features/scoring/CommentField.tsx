import { useEffect, useState } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import TextField from '@mui/material/TextField';
import { JUDGEMENT_TEXT_LIMITS } from '../../../shared/api/judgement';
import { useI18n } from '../../i18n/i18n-context';
import type { FocusedCell } from './ScoringGrid';

type Props = Readonly<{ cell: FocusedCell | null; comment: string; onSave(text: string): Promise<boolean> }>;

/** The comment of the focused score cell: edited below the grid, saved with Enter or the button. */
export function CommentField({ cell, comment, onSave }: Props) {
  const { lang, t } = useI18n();
  const [text, setText] = useState(comment);
  useEffect(() => setText(comment), [comment, cell?.projectId, cell?.criterion.id]);
  const label = cell
    ? t.judgement.commentFor(cell.code, lang === 'th' ? cell.criterion.nameTh : cell.criterion.nameEn)
    : t.judgement.commentPick;
  const save = () => void onSave(text);
  return (
    <Box sx={{ display: 'flex', gap: 1, alignItems: 'center' }}>
      <TextField
        size="small"
        fullWidth
        disabled={!cell}
        label={label}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') save();
        }}
        slotProps={{ htmlInput: { maxLength: JUDGEMENT_TEXT_LIMITS.comment, 'data-testid': 'score-comment' } }}
      />
      <Button
        variant="outlined"
        disabled={!cell || text === comment}
        onClick={save}
        data-testid="score-comment-save"
        sx={{ whiteSpace: 'nowrap', flexShrink: 0 }}
      >
        {t.judgement.commentSave}
      </Button>
    </Box>
  );
}
