import { useState } from 'react';
import Accordion from '@mui/material/Accordion';
import AccordionDetails from '@mui/material/AccordionDetails';
import AccordionSummary from '@mui/material/AccordionSummary';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import type { PbAnalysis } from '../../../shared/api/types';
import { useApi } from '../../app/api-context';
import { useNotify } from '../../app/notify-context';
import { useSession } from '../../app/session-context';
import { useUpload } from '../../app/upload';
import { MAX_PB_BYTES } from '../../../shared/api/limits';
import { groupDecimal } from '../../../shared/domain/money';
import { FilePickButton } from '../../components/FilePickButton';
import { dictionaries, useI18n } from '../../i18n/i18n-context';
import { pbCountMismatches } from '../../../shared/domain/pabulib/pb-format';
import { isPbRuleKey } from '../../../shared/domain/pabulib/rules';

const SHOWN_IDS = 24;

const sameSet = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((x) => b.includes(x));

/**
 * "Pabulib check": upload a .pb / .pb.gz (one exported from a scenario, or any Pabulib instance) and see what
 * each reference rule selects, next to the file's official outcome.
 */
export function PabulibPanel() {
  const { t } = useI18n();
  const { client } = useApi();
  const notify = useNotify();
  const { info } = useSession();
  const [busy, setBusy] = useState(false);
  const [analysis, setAnalysis] = useState<PbAnalysis | null>(null);
  const upload = useUpload();
  const p = t.pabulib;
  const allowed = info?.role === 'owner' || info?.role === 'member';

  const analyze = async (file: File): Promise<void> => {
    setBusy(true);
    try {
      const sent = await upload(file);
      if (!sent.ok) {
        notify.error(sent.error);
        return;
      }
      const result = await client.call('pabulib.analyze', { uploadId: sent.value.uploadId });
      if (result.ok) setAnalysis(result.value);
      else notify.error(result.error);
    } catch {
      notify.error({ code: 'INTERNAL', message: dictionaries.en.errors.fileRead, messageTh: dictionaries.th.errors.fileRead });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Accordion variant="outlined" disableGutters data-testid="pabulib-panel">
      <AccordionSummary aria-controls="pabulib-content" id="pabulib-header">
        <Typography variant="h6" component="h3">
          {p.title}
        </Typography>
      </AccordionSummary>
      <AccordionDetails id="pabulib-content">
        <Stack spacing={2}>
          <Typography variant="body2" sx={{ color: 'text.secondary' }}>
            {p.hint}
          </Typography>
          <Box>
            <FilePickButton
              variant="outlined"
              testId="pabulib-upload"
              inputTestId="pabulib-file-input"
              accept=".pb,.gz"
              label={p.upload}
              busyLabel={p.analyzing}
              busy={busy}
              disabled={!allowed}
              title={allowed ? undefined : t.app.readOnlyRole}
              onFile={(file) => void analyze(file)}
            />
            <Typography component="span" variant="body2" sx={{ color: 'text.secondary', ml: 2 }}>
              {t.app.maxFileSize(Math.round(MAX_PB_BYTES / (1024 * 1024)))}
            </Typography>
          </Box>
          {analysis ? <AnalysisView analysis={analysis} /> : null}
        </Stack>
      </AccordionDetails>
    </Accordion>
  );
}

function AnalysisView({ analysis }: { analysis: PbAnalysis }) {
  const { t } = useI18n();
  const p = t.pabulib;
  // A rule this screen has no label for (a newer core) still shows, by its code.
  const ruleLabel = (rule: string): { name: string; explain: string } =>
    isPbRuleKey(rule) ? p.ruleNames[rule] : { name: rule, explain: '' };
  // Votes that are not approvals (ordinal, points) are read as approvals: said above the table.
  const readAsApproval = p.readAsApproval[analysis.meta['vote_type'] ?? ''];
  const mismatches = pbCountMismatches(analysis.meta, analysis.projects, analysis.voters);
  const ids = (list: readonly string[]): string =>
    list.length > SHOWN_IDS ? `${list.slice(0, SHOWN_IDS).join(', ')} … (+${list.length - SHOWN_IDS})` : list.join(', ');
  return (
    <Box data-testid="pabulib-result">
      <Typography sx={{ fontWeight: 700 }}>{analysis.fileName}</Typography>
      <Typography variant="body2" sx={{ color: 'text.secondary', mb: 1 }}>
        {p.summary(analysis.projects, analysis.voters)}
        {analysis.meta.description ? ` · ${analysis.meta.description}` : ''}
      </Typography>
      {readAsApproval ? (
        <Typography variant="body2" sx={{ mb: 1 }} data-testid="pabulib-read-as-approval">
          {readAsApproval}
        </Typography>
      ) : null}
      {mismatches.map((m) => (
        <Typography key={m.key} variant="body2" sx={{ mb: 1, color: 'warning.dark' }} data-testid="pabulib-count-mismatch">
          {p.countMismatch(m.key, m.declared, m.found)}
        </Typography>
      ))}
      {analysis.duplicateVoters ? (
        <Typography variant="body2" sx={{ mb: 1, color: 'warning.dark' }} data-testid="pabulib-duplicate-voters">
          {p.duplicateVoters(analysis.duplicateVoters.ids, analysis.duplicateVoters.first, analysis.duplicateVoters.times)}
        </Typography>
      ) : null}
      <Table size="small">
        <TableHead>
          <TableRow>
            <TableCell>{p.rule}</TableCell>
            <TableCell align="right">{p.selectedCount}</TableCell>
            <TableCell align="right">{p.totalCost}</TableCell>
            <TableCell align="right">{p.seconds}</TableCell>
            <TableCell>{p.selectedIds}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {analysis.rules.map((r) => (
            <TableRow key={r.rule} data-testid={`pabulib-rule-${r.rule}`} data-count={r.selected.length}>
              <TableCell title={r.rule} sx={{ minWidth: 220 }}>
                <Typography variant="body2" component="span" sx={{ fontWeight: 600 }} data-testid="pabulib-rule-name">
                  {ruleLabel(r.rule).name}
                </Typography>
                {analysis.official ? (
                  <Chip
                    size="small"
                    sx={{ ml: 1 }}
                    color={sameSet(r.selected, analysis.official) ? 'success' : 'default'}
                    label={sameSet(r.selected, analysis.official) ? p.matches : p.differs}
                  />
                ) : null}
                <Typography variant="caption" component="div" sx={{ color: 'text.secondary' }} data-testid="pabulib-rule-explain">
                  {ruleLabel(r.rule).explain}
                </Typography>
              </TableCell>
              <TableCell align="right">{r.selected.length}</TableCell>
              <TableCell align="right" sx={{ fontVariantNumeric: 'tabular-nums' }}>
                {groupDecimal(r.totalCost)}
              </TableCell>
              <TableCell align="right">{r.seconds.toFixed(2)}</TableCell>
              <TableCell sx={{ fontSize: 12, wordBreak: 'break-word' }}>{ids(r.selected)}</TableCell>
            </TableRow>
          ))}
          {analysis.official ? (
            <TableRow data-testid="pabulib-official" data-count={analysis.official.length}>
              <TableCell sx={{ fontWeight: 700 }}>{p.official}</TableCell>
              <TableCell align="right">{analysis.official.length}</TableCell>
              <TableCell />
              <TableCell />
              <TableCell sx={{ fontSize: 12, wordBreak: 'break-word' }}>{ids(analysis.official)}</TableCell>
            </TableRow>
          ) : null}
        </TableBody>
      </Table>
    </Box>
  );
}
