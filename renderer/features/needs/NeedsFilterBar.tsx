import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import { useSession } from '../../app/session-context';
import { useNames } from '../../app/use-names';
import { useI18n } from '../../i18n/i18n-context';
import { SearchField } from '../../components/SearchField';

type Props = Readonly<{
  search: string;
  onSearch(value: string): void;
  districtCode: string;
  onDistrict(code: string): void;
}>;

export function NeedsFilterBar({ search, onSearch, districtCode, onDistrict }: Props) {
  const { t } = useI18n();
  const { areas } = useSession();
  const names = useNames();
  return (
    <>
      <SearchField label={t.needs.search} value={search} onChange={onSearch} testId="needs-search" />
      <TextField
        select
        size="small"
        label={t.needs.district}
        value={districtCode}
        onChange={(e) => onDistrict(e.target.value)}
        data-testid="needs-district"
        sx={{ width: 220 }}
      >
        <MenuItem value="">{t.needs.allDistricts}</MenuItem>
        {(areas?.districts ?? []).map((d) => (
          <MenuItem key={d.code} value={d.code} data-testid={`district-option-${d.code}`}>
            {names.district(d.code)}
          </MenuItem>
        ))}
      </TextField>
    </>
  );
}
