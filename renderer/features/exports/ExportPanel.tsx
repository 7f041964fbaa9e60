import { useEffect, useRef, useState } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import FormControl from '@mui/material/FormControl';
import InputLabel from '@mui/material/InputLabel';
import LinearProgress from '@mui/material/LinearProgress';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Select from '@mui/material/Select';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { Result } from '../../../shared/api/errors';
import type { ExportedDocument, PlanFormat } from '../../../shared/api/exports';
import { useApi } from '../../app/api-context';
import { downloadFile } from '../../app/download';
import { useNotify } from '../../app/notify-context';
import { useQuery } from '../../app/use-query';
import { useSession } from '../../app/session-context';
import { WhyDisabled } from '../../components/WhyDisabled';
import { useI18n } from '../../i18n/i18n-context';

/** A bar appears only when an export takes longer than this (a quick one should not flash). */
const PROGRESS_AFTER_MS = 1000;

const FORMATS: readonly PlanFormat[] = ['xlsx', 'pdf', 'opendata', 'csv', 'json'];

type Props = Readonly<{ roundId: number; scenarioId: number; approved: boolean }>;

/**
 * The official documents of the scenario on the workbench: the province's workbook, the PDF report, open data for
 * citizens and one agency's evidence pack. A draft's documents say "ร่าง"; each export is recorded in the audit trail
 * with the file's SHA-256, which the panel shows after the download.
 */
export function ExportPanel({ roundId, scenarioId, approved }: Props) {
  const { client } = useApi();
  const { can } = useSession();
  const notify = useNotify();
  const { lang, t } = useI18n();
  const e = t.exports;
  const agencies = useQuery('exports.agencies', { roundId, scenarioId });
  const [agency, setAgency] = useState('');
  const [busy, setBusy] = useState<string | null>(null);
  const [slow, setSlow] = useState(false);
  const [last, setLast] = useState<ExportedDocument | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => (timer.current ? clearTimeout(timer.current) : undefined), []);

  const run = async (what: string, call: () => Promise<Result<ExportedDocument>>): Promise<void> => {
    setBusy(what);
    setSlow(false);
    timer.current = setTimeout(() => setSlow(true), PROGRESS_AFTER_MS);
    const result = await call();
    if (timer.current) clearTimeout(timer.current);
    setBusy(null);
    setSlow(false);
    if (!result.ok) {
      notify.error(result.error);
      return;
    }
    const file = result.value;
    downloadFile(file);
    setLast(file);
    notify.success(t.allocation.exported(file.fileName));
  };

  const chosen = agency || agencies.data?.[0]?.agency || '';
  return (
    <Paper variant="outlined" sx={{ p: 2, display: 'flex', flexDirection: 'column', gap: 1.5 }} data-testid="exports-panel">
      <Stack direction="row" spacing={1} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
        <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600 }}>
          {e.title}
        </Typography>
        <Chip
          size="small"
          color={approved ? 'success' : 'warning'}
          variant="outlined"
          label={approved ? e.approved : e.draft}
          data-testid="exports-status"
        />
      </Stack>
      <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'center' }}>
        {FORMATS.map((format) => (
          <WhyDisabled key={format} reason={can('exports.plan') ? undefined : t.app.readOnlyRole}>
            <Button
              variant="outlined"
              size="small"
              data-testid={`exports-${format}`}
              disabled={!can('exports.plan') || busy !== null}
              title={can('exports.plan') ? e.hint[format] : t.app.readOnlyRole}
              onClick={() => void run(format, () => client.call('exports.plan', { roundId, scenarioId, format, lang }))}
            >
              {e.format[format]}
            </Button>
          </WhyDisabled>
        ))}
      </Stack>
      <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'center' }}>
        <FormControl size="small" sx={{ minWidth: 320, maxWidth: '100%' }}>
          <InputLabel id="exports-agency-label">{e.agency}</InputLabel>
          <Select
            labelId="exports-agency-label"
            label={e.agency}
            value={chosen}
            data-testid="exports-agency"
            onChange={(ev) => setAgency(ev.target.value)}
          >
            {(agencies.data ?? []).map((a) => (
              <MenuItem key={a.agency} value={a.agency}>
                {e.agencyOption(a.agency, a.proposals)}
              </MenuItem>
            ))}
          </Select>
        </FormControl>
        <WhyDisabled reason={can('exports.evidencePack') ? undefined : t.app.readOnlyRole}>
          <Button
            variant="outlined"
            size="small"
            data-testid="exports-evidence"
            disabled={!can('exports.evidencePack') || busy !== null || chosen === ''}
            onClick={() =>
              void run('evidence', () => client.call('exports.evidencePack', { roundId, scenarioId, agency: chosen, lang }))
            }
          >
            {e.evidence}
          </Button>
        </WhyDisabled>
      </Stack>
      {busy !== null && slow ? (
        <Box data-testid="exports-progress">
          <Typography variant="body2" sx={{ color: 'text.secondary', mb: 0.5 }}>
            {e.working}
          </Typography>
          <LinearProgress />
        </Box>
      ) : null}
      {last ? (
        <Typography variant="caption" sx={{ color: 'text.secondary', wordBreak: 'break-all' }} data-testid="exports-last">
          {e.recorded(last.fileName, last.sha256, last.chainLength)}
        </Typography>
      ) : null}
    </Paper>
  );
}
