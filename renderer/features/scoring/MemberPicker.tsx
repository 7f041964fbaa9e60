import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import type { Member } from '../../../shared/api/types';
import { useI18n } from '../../i18n/i18n-context';

type Props = Readonly<{ members: readonly Member[]; memberId: number | null; onChange(memberId: number): void }>;

export function MemberPicker({ members, memberId, onChange }: Props) {
  const { lang, t } = useI18n();
  return (
    <TextField
      select
      size="small"
      label={t.scoring.member}
      value={memberId ?? ''}
      onChange={(e) => onChange(Number(e.target.value))}
      data-testid="member-select"
      sx={{ minWidth: 320 }}
    >
      {members.map((m) => (
        <MenuItem key={m.id} value={m.id} data-testid={`member-option-${m.id}`} data-name={m.name}>
          {m.name}
          {(lang === 'th' ? m.titleTh : m.titleEn) ? ` — ${lang === 'th' ? m.titleTh : m.titleEn}` : ''}
        </MenuItem>
      ))}
    </TextField>
  );
}
