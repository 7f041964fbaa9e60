import { useMemo, useState } from 'react';
import Autocomplete from '@mui/material/Autocomplete';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormGroup from '@mui/material/FormGroup';
import FormHelperText from '@mui/material/FormHelperText';
import FormLabel from '@mui/material/FormLabel';
import IconButton from '@mui/material/IconButton';
import MenuItem from '@mui/material/MenuItem';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import {
  KPI_TEXT_LIMITS,
  PROPOSAL_SCOPES,
  PROPOSAL_TEXT_LIMITS,
  MAX_KPIS,
  type ProposalDetail,
} from '../../../shared/api/projects';
import { PLANNING_LEVELS } from '../../../shared/api/rounds';
import type { Tambon } from '../../../shared/api/types';
import { parseCoordinates, pointText } from '../../../shared/domain/import/coordinates';
import { parsePriority } from '../../../shared/domain/import/proposal-rows';
import { formatBaht } from '../../../shared/domain/money';
import {
  READINESS_ITEMS,
  proposalProblems,
  type Kpi,
  type ProposalInput,
  type ReadinessKey,
} from '../../../shared/domain/proposals';
import { MoneyField, type AmountProblem } from '../../components/MoneyField';
import { useNames } from '../../app/use-names';
import { useSession } from '../../app/session-context';
import { useI18n } from '../../i18n/i18n-context';
import { parseCount, toInput } from './proposal-edit';
import type { FieldProblem, SaveOutcome } from './use-proposals';

type Props = Readonly<{
  /** The proposal to edit; absent for a new one. */
  proposal?: ProposalDetail | undefined;
  onSave(input: ProposalInput): Promise<SaveOutcome>;
  onClose(): void;
  busy: boolean;
}>;

const AMOUNT_FIELDS = ['operating', 'investment', 'minimum'] as const;
type AmountField = (typeof AMOUNT_FIELDS)[number];

const EMPTY: ProposalInput = {
  code: '',
  title: '',
  level: 'agency',
  agency: '',
  developmentIssueNo: null,
  scope: 'tambons',
  tambonCodes: [],
  districtCode: null,
  operating: 0,
  investment: 0,
  minimum: null,
  people: null,
  households: null,
  agencyPriority: null,
  point: null,
  readiness: [],
  kpis: [],
  description: '',
  strategy: '',
};

/**
 * A proposal's whole form: a new proposal, or the parts of an existing one the grid cannot edit in place (areas,
 * readiness checklist, KPIs). Problems are shown on their fields; nothing is sent while the form breaks a rule.
 */
export function ProposalDialog({ proposal, onSave, onClose, busy }: Props) {
  const { t, lang } = useI18n();
  const f = t.projects.field;
  const { round, areas } = useSession();
  const names = useNames();
  const [form, setForm] = useState<ProposalInput>(() => (proposal ? toInput(proposal) : EMPTY));
  const [people, setPeople] = useState(proposal?.people?.toString() ?? '');
  const [households, setHouseholds] = useState(proposal?.households?.toString() ?? '');
  const [priority, setPriority] = useState(proposal?.agencyPriority?.toString() ?? '');
  const [point, setPoint] = useState(proposal?.point ? pointText(proposal.point) : '');
  const [tried, setTried] = useState(false);
  const [hostProblems, setHostProblems] = useState<readonly FieldProblem[]>([]);
  // Amount fields whose text is not an amount: what they last committed is not what they show, so nothing is sent.
  const [amountProblems, setAmountProblems] = useState<Readonly<Partial<Record<AmountField, AmountProblem>>>>({});
  const amountProblem =
    (field: AmountField) =>
    (problem: AmountProblem | null): void =>
      setAmountProblems((x) => {
        const { [field]: _old, ...rest } = x;
        return problem ? { ...rest, [field]: problem } : rest;
      });
  const set = (patch: Partial<ProposalInput>): void => {
    setForm((x) => ({ ...x, ...patch }));
    setHostProblems([]);
  };

  const tambons = useMemo(
    () =>
      [...(areas?.tambons ?? [])].sort(
        (a, b) =>
          names.district(a.districtCode).localeCompare(names.district(b.districtCode), 'th') ||
          names.tambon(a.code).localeCompare(names.tambon(b.code), 'th'),
      ),
    [areas, names],
  );
  const byCode = useMemo(() => new Map(tambons.map((x) => [x.code, x])), [tambons]);

  const peopleParsed = parseCount(people);
  const householdsParsed = parseCount(households);
  const priorityParsed = priority.trim() === '' ? null : parsePriority(priority);
  // A point as the import reads one: "14.5312, 100.9104", degrees-minutes-seconds, or a map link pasted whole.
  const pointParsed = point.trim() === '' ? null : parseCoordinates(point);
  const input: ProposalInput = {
    ...form,
    code: form.code.trim(),
    title: form.title.trim(),
    agency: form.agency.trim(),
    people: peopleParsed.ok ? peopleParsed.value : null,
    households: householdsParsed.ok ? householdsParsed.value : null,
    agencyPriority: priorityParsed?.ok ? priorityParsed.value : null,
    point: pointParsed?.ok ? pointParsed.value : null,
    kpis: form.kpis.map((k) => ({ name: k.name.trim(), target: k.target.trim(), unit: k.unit.trim() })),
  };
  const problems: FieldProblem[] = [
    ...proposalProblems(input),
    ...(peopleParsed.ok ? [] : [{ field: 'people', ...peopleParsed.problem }]),
    ...(householdsParsed.ok ? [] : [{ field: 'households', ...householdsParsed.problem }]),
    ...(priorityParsed === null || priorityParsed.ok
      ? []
      : [{ field: 'agencyPriority', en: priorityParsed.en, th: priorityParsed.th }]),
    ...(pointParsed === null || pointParsed.ok ? [] : [{ field: 'point', en: pointParsed.en, th: pointParsed.th }]),
    ...AMOUNT_FIELDS.flatMap((field) => {
      const p = amountProblems[field];
      return p ? [{ field, th: p.th, en: p.en }] : [];
    }),
    ...input.kpis
      .filter((k) => k.name === '')
      .slice(0, 1)
      .map(() => ({ field: 'kpis', en: 'a KPI has no name', th: 'มีตัวชี้วัดที่ไม่มีชื่อ' })),
    ...hostProblems,
  ];
  const problemOf = (field: string): string | undefined => {
    const p = (tried ? problems : hostProblems).find((x) => x.field === field);
    return p ? (lang === 'th' ? p.th : p.en) : undefined;
  };

  const submit = async (): Promise<void> => {
    setTried(true);
    if (problems.length > 0) return;
    const outcome = await onSave(input);
    // After a conflict the form holds stale data: close it, so the user reopens the reloaded proposal.
    if (outcome.ok || outcome.conflict) onClose();
    else setHostProblems(outcome.problems);
  };

  const helper = (field: string, fallback = ' '): Readonly<{ error: boolean; helperText: string }> => {
    const p = problemOf(field);
    return { error: p !== undefined, helperText: p ?? fallback };
  };
  const setKpi = (i: number, patch: Partial<Kpi>): void =>
    set({ kpis: form.kpis.map((k, j) => (j === i ? { ...k, ...patch } : k)) });

  return (
    <Dialog open onClose={onClose} maxWidth="md" fullWidth data-testid="proposal-dialog">
      <DialogTitle>{proposal ? `${t.projects.editDetails} · ${proposal.code}` : t.projects.add}</DialogTitle>
      <DialogContent>
        <Stack spacing={1.5} sx={{ pt: 1 }}>
          <Stack direction="row" spacing={2}>
            <TextField
              size="small"
              label={f.code}
              value={form.code}
              disabled={proposal !== undefined}
              onChange={(e) => set({ code: e.target.value })}
              {...helper('code')}
              slotProps={{ htmlInput: { 'data-testid': 'proposal-code', maxLength: PROPOSAL_TEXT_LIMITS.code } }}
              sx={{ width: 200 }}
            />
            <TextField
              size="small"
              label={f.title}
              value={form.title}
              onChange={(e) => set({ title: e.target.value })}
              {...helper('title')}
              slotProps={{ htmlInput: { 'data-testid': 'proposal-title', maxLength: PROPOSAL_TEXT_LIMITS.title } }}
              sx={{ flex: 1 }}
            />
          </Stack>
          <Stack direction="row" spacing={2}>
            <TextField
              select
              size="small"
              label={f.level}
              value={form.level}
              onChange={(e) => set({ level: e.target.value as ProposalInput['level'] })}
              data-testid="proposal-level"
              sx={{ width: 200 }}
            >
              {PLANNING_LEVELS.map((l) => (
                <MenuItem key={l} value={l}>
                  {t.projects.level[l]}
                </MenuItem>
              ))}
            </TextField>
            <TextField
              size="small"
              label={f.agency}
              value={form.agency}
              onChange={(e) => set({ agency: e.target.value })}
              {...helper('agency')}
              slotProps={{ htmlInput: { 'data-testid': 'proposal-agency', maxLength: PROPOSAL_TEXT_LIMITS.agency } }}
              sx={{ flex: 1 }}
            />
          </Stack>
          <TextField
            select
            size="small"
            label={f.issue}
            value={form.developmentIssueNo ?? 0}
            onChange={(e) => set({ developmentIssueNo: Number(e.target.value) || null })}
            {...helper('developmentIssueNo')}
            data-testid="proposal-issue"
          >
            <MenuItem value={0}>{t.projects.noIssue}</MenuItem>
            {(round?.developmentIssues ?? []).map((i) => (
              <MenuItem key={i.no} value={i.no}>
                {`${i.no}. ${lang === 'th' || i.titleEn === '' ? i.titleTh : i.titleEn}`}
              </MenuItem>
            ))}
          </TextField>

          <FormLabel>{f.scope}</FormLabel>
          <RadioGroup row value={form.scope} onChange={(e) => set({ scope: e.target.value as ProposalInput['scope'] })}>
            {PROPOSAL_SCOPES.map((s) => (
              <FormControlLabel
                key={s}
                value={s}
                label={t.projects.scope[s]}
                control={<Radio slotProps={{ input: { 'data-testid': `proposal-scope-${s}` } as object }} />}
              />
            ))}
          </RadioGroup>
          {form.scope === 'tambons' ? (
            <Autocomplete<Tambon, true>
              multiple
              size="small"
              options={tambons}
              groupBy={(x) => names.district(x.districtCode)}
              getOptionLabel={(x) => names.tambon(x.code)}
              value={form.tambonCodes.map((c) => byCode.get(c)).filter((x): x is Tambon => x !== undefined)}
              onChange={(_e, value) => set({ tambonCodes: value.map((x) => x.code) })}
              isOptionEqualToValue={(a, b) => a.code === b.code}
              renderInput={(params) => (
                <TextField
                  {...params}
                  label={f.tambons}
                  {...helper('tambonCodes')}
                  slotProps={{
                    ...params.slotProps,
                    htmlInput: { ...params.slotProps.htmlInput, 'data-testid': 'proposal-tambons' },
                  }}
                />
              )}
            />
          ) : null}
          {form.scope === 'district' ? (
            <TextField
              select
              size="small"
              label={f.district}
              value={form.districtCode ?? ''}
              onChange={(e) => set({ districtCode: e.target.value || null })}
              {...helper('districtCode')}
              data-testid="proposal-district"
              sx={{ width: 300 }}
            >
              {(areas?.districts ?? []).map((d) => (
                <MenuItem key={d.code} value={d.code}>
                  {names.district(d.code)}
                </MenuItem>
              ))}
            </TextField>
          ) : null}

          <TextField
            size="small"
            label={f.point}
            value={point}
            onChange={(e) => {
              setPoint(e.target.value);
              setHostProblems([]);
            }}
            {...helper('point', f.pointHelp)}
            slotProps={{ htmlInput: { 'data-testid': 'proposal-point', maxLength: 2000 } }}
          />

          <Stack direction="row" spacing={2} sx={{ alignItems: 'flex-start' }}>
            <MoneyField
              label={f.operating}
              value={form.operating}
              onCommit={(v) => set({ operating: v ?? 0 })}
              onProblem={amountProblem('operating')}
              testId="proposal-operating"
              width={200}
            />
            <MoneyField
              label={f.investment}
              value={form.investment}
              onCommit={(v) => set({ investment: v ?? 0 })}
              onProblem={amountProblem('investment')}
              testId="proposal-investment"
              width={200}
              helperText={`${f.requested} ${formatBaht(input.operating + input.investment)}`}
            />
            <MoneyField
              label={f.minimum}
              value={form.minimum}
              onCommit={(v) => set({ minimum: v })}
              onProblem={amountProblem('minimum')}
              testId="proposal-minimum"
              width={220}
              helperText={f.minimumHelp}
            />
          </Stack>
          {/* An amount field says itself that its text is not an amount. */}
          {AMOUNT_FIELDS.map((field) =>
            problemOf(field) && !amountProblems[field] ? (
              <FormHelperText key={field} error data-testid={`proposal-${field}-problem`}>
                {problemOf(field)}
              </FormHelperText>
            ) : null,
          )}
          <Stack direction="row" spacing={2}>
            <TextField
              size="small"
              label={f.people}
              value={people}
              onChange={(e) => setPeople(e.target.value)}
              {...helper('people')}
              slotProps={{ htmlInput: { 'data-testid': 'proposal-people', inputMode: 'numeric' } }}
              sx={{ width: 200 }}
            />
            <TextField
              size="small"
              label={f.households}
              value={households}
              onChange={(e) => setHouseholds(e.target.value)}
              {...helper('households')}
              slotProps={{ htmlInput: { 'data-testid': 'proposal-households', inputMode: 'numeric' } }}
              sx={{ width: 200 }}
            />
            <TextField
              size="small"
              label={f.agencyPriority}
              value={priority}
              onChange={(e) => setPriority(e.target.value)}
              {...helper('agencyPriority', f.agencyPriorityHelp)}
              slotProps={{ htmlInput: { 'data-testid': 'proposal-agency-priority', inputMode: 'numeric' } }}
              sx={{ width: 260 }}
            />
          </Stack>

          <FormGroup>
            <FormLabel>{f.readiness}</FormLabel>
            {READINESS_ITEMS.map((item) => (
              <FormControlLabel
                key={item.key}
                label={lang === 'th' ? item.th : item.en}
                control={
                  <Checkbox
                    size="small"
                    checked={form.readiness.includes(item.key)}
                    onChange={(e) =>
                      set({
                        readiness: e.target.checked
                          ? [...form.readiness, item.key]
                          : form.readiness.filter((k): k is ReadinessKey => k !== item.key),
                      })
                    }
                    slotProps={{ input: { 'data-testid': `proposal-readiness-${item.key}` } as object }}
                  />
                }
              />
            ))}
          </FormGroup>

          <FormLabel>{f.kpis}</FormLabel>
          {form.kpis.map((k, i) => (
            <Stack key={i} direction="row" spacing={1} sx={{ alignItems: 'center' }}>
              <TextField
                size="small"
                label={f.kpiName}
                value={k.name}
                onChange={(e) => setKpi(i, { name: e.target.value })}
                slotProps={{ htmlInput: { 'data-testid': `proposal-kpi-${i}-name`, maxLength: KPI_TEXT_LIMITS.name } }}
                sx={{ flex: 2 }}
              />
              <TextField
                size="small"
                label={f.kpiTarget}
                value={k.target}
                onChange={(e) => setKpi(i, { target: e.target.value })}
                slotProps={{
                  htmlInput: { 'data-testid': `proposal-kpi-${i}-target`, maxLength: KPI_TEXT_LIMITS.target },
                }}
                sx={{ flex: 1 }}
              />
              <TextField
                size="small"
                label={f.kpiUnit}
                value={k.unit}
                onChange={(e) => setKpi(i, { unit: e.target.value })}
                slotProps={{ htmlInput: { 'data-testid': `proposal-kpi-${i}-unit`, maxLength: KPI_TEXT_LIMITS.unit } }}
                sx={{ flex: 1 }}
              />
              <IconButton
                aria-label={f.removeKpi}
                title={f.removeKpi}
                onClick={() => set({ kpis: form.kpis.filter((_k, j) => j !== i) })}
              >
                ×
              </IconButton>
            </Stack>
          ))}
          {problemOf('kpis') ? <FormHelperText error>{problemOf('kpis')}</FormHelperText> : null}
          <Box>
            <Button
              size="small"
              disabled={form.kpis.length >= MAX_KPIS}
              onClick={() => set({ kpis: [...form.kpis, { name: '', target: '', unit: '' }] })}
              data-testid="proposal-kpi-add"
            >
              {f.addKpi}
            </Button>
          </Box>
          {tried && problems.length > 0 ? (
            <Typography color="error" variant="body2" data-testid="proposal-problems">
              {problems.map((p) => (lang === 'th' ? p.th : p.en)).join(' · ')}
            </Typography>
          ) : null}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t.projects.cancel}</Button>
        <Button variant="contained" disabled={busy} onClick={() => void submit()} data-testid="proposal-save">
          {proposal ? t.projects.save : t.projects.create}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
