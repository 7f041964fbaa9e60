import Button from '@mui/material/Button';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import type { NeedsFilter } from '../../../shared/api/needs-explorer';
import { CHANNELS } from '../../../shared/domain/taxonomy';
import { useSession } from '../../app/session-context';
import { useNames } from '../../app/use-names';
import { SearchField } from '../../components/SearchField';
import { ThaiDateField } from '../../components/ThaiDateField';
import { useI18n } from '../../i18n/i18n-context';

const TPMAP = ['health', 'living', 'education', 'income', 'accessibility'] as const;
const STATUSES = ['active', 'withdrawn'] as const;

type Props = Readonly<{
  filter: NeedsFilter;
  onChange(filter: NeedsFilter): void;
}>;

type Option = Readonly<{ value: string; label: string }>;

/** One select of the filter bar: "all" (no filter) and the options, with a test id per option. */
function FilterSelect(props: {
  label: string;
  all: string;
  value: string | undefined;
  options: readonly Option[];
  testId: string;
  width: number;
  disabled?: boolean;
  onChange(value: string | undefined): void;
}) {
  return (
    <TextField
      select
      size="small"
      label={props.label}
      value={props.value ?? ''}
      disabled={props.disabled ?? false}
      onChange={(e) => props.onChange(e.target.value === '' ? undefined : e.target.value)}
      data-testid={props.testId}
      sx={{ width: props.width }}
    >
      <MenuItem value="">{props.all}</MenuItem>
      {props.options.map((o) => (
        <MenuItem key={o.value} value={o.value} data-testid={`${props.testId}-option-${o.value}`}>
          {o.label}
        </MenuItem>
      ))}
    </TextField>
  );
}

/** The explorer's filters: text, area, category, channel, status, TPMAP dimension and the reported dates. */
export function NeedsFilterBar({ filter, onChange }: Props) {
  const { t } = useI18n();
  const x = t.needsExplorer;
  const { areas } = useSession();
  const names = useNames();
  const set = (patch: Partial<NeedsFilter>): void => onChange({ ...filter, ...patch });
  const tambons = (areas?.tambons ?? []).filter((tb) => tb.districtCode === filter.districtCode);
  const date = (key: 'dateFrom' | 'dateTo', label: string) => (
    <ThaiDateField
      label={label}
      value={filter[key]}
      onChange={(iso) => set({ [key]: iso })}
      testId={`needs-${key}`}
      width={175}
    />
  );
  return (
    <>
      <SearchField label={x.search} value={filter.search ?? ''} onChange={(v) => set({ search: v })} testId="needs-search" />
      <FilterSelect
        label={t.needs.district}
        all={t.needs.allDistricts}
        value={filter.districtCode}
        options={(areas?.districts ?? []).map((d) => ({ value: d.code, label: names.district(d.code) }))}
        testId="needs-district"
        width={190}
        onChange={(districtCode) => set({ districtCode, tambonCode: undefined })}
      />
      <FilterSelect
        label={x.tambon}
        all={x.allTambons}
        value={filter.tambonCode}
        options={tambons.map((tb) => ({ value: tb.code, label: names.tambon(tb.code) }))}
        testId="needs-tambon"
        width={190}
        disabled={!filter.districtCode}
        onChange={(tambonCode) => set({ tambonCode })}
      />
      <FilterSelect
        label={x.category}
        all={x.allCategories}
        value={filter.category}
        options={(areas?.categories ?? []).map((c) => ({ value: c.id, label: names.category(c.id) }))}
        testId="needs-category"
        width={220}
        onChange={(category) => set({ category })}
      />
      <FilterSelect
        label={x.channel}
        all={x.allChannels}
        value={filter.channel}
        options={CHANNELS.map((c) => ({ value: c, label: names.channel(c) }))}
        testId="needs-channel"
        width={150}
        onChange={(channel) => set({ channel })}
      />
      <FilterSelect
        label={x.status}
        all={x.allStatuses}
        value={filter.status}
        options={STATUSES.map((s) => ({ value: s, label: t.needs.status[s] }))}
        testId="needs-status"
        width={140}
        onChange={(status) => set({ status: status === 'active' || status === 'withdrawn' ? status : undefined })}
      />
      <FilterSelect
        label={x.tpmap}
        all={x.allTpmap}
        value={filter.tpmap}
        options={TPMAP.map((d) => ({ value: d, label: x.tpmapName[d] }))}
        testId="needs-tpmap"
        width={190}
        onChange={(tpmap) => set({ tpmap: TPMAP.find((d) => d === tpmap) })}
      />
      {date('dateFrom', x.dateFrom)}
      {date('dateTo', x.dateTo)}
      <Button size="small" onClick={() => onChange({})} data-testid="needs-clear">
        {x.clear}
      </Button>
    </>
  );
}
