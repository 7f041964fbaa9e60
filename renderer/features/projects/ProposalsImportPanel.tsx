import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import type { ApiError } from '../../../shared/api/errors';
import type {
  PossiblyRenamed,
  SamePriority,
  ProposalsImportPreview,
  ProposalsImportReport,
  UnlistedProposals,
} from '../../../shared/api/types';
import { PROPOSALS_IMPORT_EXTENSIONS } from '../../../shared/api/import-files';
import type { ClearedField } from '../../../shared/api/projects';
import { useApi } from '../../app/api-context';
import { useSession } from '../../app/session-context';
import { useUpload } from '../../app/upload';
import { FilePickButton } from '../../components/FilePickButton';
import { firstGrid, remapped } from '../../../shared/domain/import/columns';
import { ImportPreviewCard } from '../../components/ImportPreviewCard';
import { TemplateButton } from '../../components/TemplateButton';
import { downloadProblems } from '../../components/problems-csv';
import { dictionaries, useI18n } from '../../i18n/i18n-context';
import { SyncRejectedAlert } from '../needs/SyncRejectedAlert';

type Mapping = Record<string, number>;
type Options = Readonly<{ mapping?: Mapping; fiscalYear?: number; confirmAfterScoring: boolean; sheets?: string[] }>;
type Step =
  | { kind: 'idle' }
  | { kind: 'preview'; uploadId: string; preview: ProposalsImportPreview; options: Options }
  | { kind: 'done'; report: ProposalsImportReport }
  | { kind: 'rejected'; error: ApiError };

/**
 * Import agencies' and local governments' proposals files through the same mapping step as the needs import:
 * upload → preview (the round of the fiscal year the file states, or one the user picks when it states none; new,
 * changed and unchanged proposals; problems by row and column) → confirm changes to scored proposals → apply.
 */
export function ProposalsImportPanel() {
  const { client } = useApi();
  const { can, rounds } = useSession();
  const allowed = can('projects.importApply');
  const { t, lang } = useI18n();
  const upload = useUpload();
  const [step, setStep] = useState<Step>({ kind: 'idle' });
  const [busy, setBusy] = useState(false);
  const [partial, setPartial] = useState(false);
  const [fileName, setFileName] = useState('');
  const fail = (error: ApiError): void => setStep({ kind: 'rejected', error });

  const preview = async (uploadId: string, options: Options): Promise<void> => {
    setBusy(true);
    try {
      const result = await client.call('projects.importPreview', {
        uploadId,
        ...(options.mapping ? { mapping: options.mapping } : {}),
        ...(options.fiscalYear ? { fiscalYear: options.fiscalYear } : {}),
        ...(options.sheets ? { sheets: options.sheets } : {}),
        confirmAfterScoring: options.confirmAfterScoring,
      });
      if (!result.ok) return fail(result.error);
      setStep({ kind: 'preview', uploadId, preview: result.value, options });
    } finally {
      setBusy(false);
    }
  };

  const choose = async (file: File): Promise<void> => {
    setFileName(file.name);
    setPartial(false);
    setStep({ kind: 'idle' });
    setBusy(true);
    try {
      const sent = await upload(file);
      if (!sent.ok) return fail(sent.error);
      await preview(sent.value.uploadId, { confirmAfterScoring: false });
    } catch {
      fail({ code: 'INTERNAL', message: dictionaries.en.errors.fileRead, messageTh: dictionaries.th.errors.fileRead });
    } finally {
      setBusy(false);
    }
  };

  const remap = (field: string, column: number | null): void => {
    if (step.kind !== 'preview') return;
    const mapping = remapped(step.options.mapping ?? firstGrid(step.preview)?.mapping ?? {}, field, column);
    void preview(step.uploadId, { ...step.options, mapping });
  };

  const apply = async (): Promise<void> => {
    if (step.kind !== 'preview') return;
    setBusy(true);
    try {
      const { mapping, fiscalYear, confirmAfterScoring, sheets } = step.options;
      const result = await client.call('projects.importApply', {
        uploadId: step.uploadId,
        ...(mapping ? { mapping } : {}),
        ...(fiscalYear ? { fiscalYear } : {}),
        ...(sheets ? { sheets } : {}),
        confirmAfterScoring,
        partial,
      });
      setStep(result.ok ? { kind: 'done', report: result.value } : { kind: 'rejected', error: result.error });
    } finally {
      setBusy(false);
    }
  };

  const years = [...new Set(rounds.filter((r) => !r.archived).map((r) => r.fiscalYear))].sort((a, b) => b - a);

  return (
    <Stack spacing={1.5} data-testid="proposals-import">
      <Box>
        <FilePickButton
          variant="outlined"
          testId="proposals-import-button"
          inputTestId="proposals-import-input"
          accept={PROPOSALS_IMPORT_EXTENSIONS.join(',')}
          label={t.proposalsImport.button}
          busyLabel={t.needsImport.reading}
          busy={busy && step.kind !== 'preview'}
          disabled={!allowed}
          title={allowed ? undefined : t.app.readOnlyRole}
          onFile={(file) => void choose(file)}
        />
        <TemplateButton kind="proposals" testId="proposals-template" />
      </Box>
      {step.kind === 'preview' ? (
        <ImportPreviewCard
          preview={step.preview}
          mapping={step.options.mapping ?? firstGrid(step.preview)?.mapping ?? {}}
          busy={busy}
          partial={partial}
          lang={lang}
          onPartial={setPartial}
          onRemap={remap}
          // Another choice of sheets is previewed afresh: its first table's mapping is suggested or remembered again.
          onSheets={(sheets) => {
            const { mapping: _dropped, ...rest } = step.options;
            void preview(step.uploadId, { ...rest, sheets });
          }}
          onApply={() => void apply()}
          onCancel={() => setStep({ kind: 'idle' })}
          onDownload={() => downloadProblems(step.preview.problems, step.preview.fileName, t.needsImport.csvHeader)}
          extra={
            <Stack spacing={1} data-testid="proposals-import-round">
              <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap' }} useFlexGap>
                <Typography variant="body2" data-testid="proposals-import-target" data-round={step.preview.roundId ?? ''}>
                  {step.preview.roundId !== null
                    ? t.proposalsImport.target(step.preview.roundName ?? '', step.preview.fiscalYear ?? 0)
                    : t.proposalsImport.noTarget}
                </Typography>
                <TextField
                  select
                  size="small"
                  sx={{ minWidth: 360 }}
                  label={t.proposalsImport.fiscalYear}
                  value={step.options.fiscalYear ?? ''}
                  onChange={(e) => void preview(step.uploadId, { ...step.options, fiscalYear: Number(e.target.value) })}
                  slotProps={{ htmlInput: { 'data-testid': 'proposals-import-year' } }}
                >
                  {years.map((y) => (
                    <MenuItem key={y} value={y}>
                      {t.proposalsImport.year(y)}
                    </MenuItem>
                  ))}
                </TextField>
              </Stack>
              <Typography variant="body2" data-testid="proposals-import-counts">
                {t.proposalsImport.counts(step.preview.newCount, step.preview.changedCount, step.preview.unchangedCount)}
              </Typography>
              <RenamedList renamed={step.preview.possiblyRenamed} />
              <UnlistedList unlisted={step.preview.unlisted} />
              <SamePriorityList same={step.preview.samePriority} />
              <ClearedList cleared={step.preview.cleared} done={false} />
              {step.preview.scoredChanged.length > 0 || step.options.confirmAfterScoring ? (
                <FormControlLabel
                  control={
                    <Checkbox
                      checked={step.options.confirmAfterScoring}
                      onChange={(e) => void preview(step.uploadId, { ...step.options, confirmAfterScoring: e.target.checked })}
                      data-testid="proposals-import-confirm-scored"
                    />
                  }
                  label={t.proposalsImport.confirmScored(step.preview.scoredChanged.length)}
                />
              ) : null}
            </Stack>
          }
        />
      ) : null}
      {step.kind === 'done' ? (
        <Alert
          severity={step.report.partial ? 'warning' : 'success'}
          onClose={() => setStep({ kind: 'idle' })}
          data-testid="proposals-import-done"
        >
          {t.proposalsImport.done(step.report.newCount, step.report.changedCount, step.report.unchangedCount)}
          {step.report.partial ? ` ${t.needsImport.partialDone(step.report.rejectedCount)}` : ''}
          <RenamedList renamed={step.report.possiblyRenamed ?? []} />
          <UnlistedList unlisted={step.report.unlisted ?? []} />
          <SamePriorityList same={step.report.samePriority ?? []} />
          <ClearedList cleared={step.report.cleared ?? []} done />
          {/* What to check: columns chosen from hidden or alike headings, points outside their proposals' tambons. */}
          {(step.report.mappingNotes ?? []).map((note, i) => (
            <Typography key={i} variant="body2" sx={{ mt: 0.5 }} data-testid="proposals-import-note">
              {lang === 'th' ? note.th : note.en}
            </Typography>
          ))}
        </Alert>
      ) : null}
      {step.kind === 'rejected' ? (
        <SyncRejectedAlert error={step.error} fileName={fileName} onClose={() => setStep({ kind: 'idle' })} />
      ) : null}
    </Stack>
  );
}

/** A warning's heading and its first 20 lines, then how many more. */
function WarningList({
  testId,
  heading,
  lines,
  more,
}: {
  testId: string;
  heading: string;
  lines: readonly { key: string; text: string }[];
  more: (n: number) => string;
}) {
  if (lines.length === 0) return null;
  return (
    <Box data-testid={testId} data-count={lines.length} sx={{ color: 'warning.dark', mt: 0.5 }}>
      <Typography variant="body2">{heading}</Typography>
      <Box component="ul" sx={{ m: 0, pl: 2.5 }}>
        {lines.slice(0, 20).map((line) => (
          <Typography component="li" variant="body2" key={line.key}>
            {line.text}
          </Typography>
        ))}
        {lines.length > 20 ? (
          <Typography component="li" variant="body2">
            {more(lines.length - 20)}
          </Typography>
        ) : null}
      </Box>
    </Box>
  );
}

/** New proposals of the file that may rename one it no longer lists (the old one kept): the first 20, then how many more. */
function RenamedList({ renamed }: { renamed: readonly PossiblyRenamed[] }) {
  const { t } = useI18n();
  const p = t.proposalsImport;
  return (
    <WarningList
      testId="proposals-import-renamed"
      heading={p.renamedHeading}
      lines={renamed.map((r) => ({
        key: `${r.part ?? ''}:${r.row}`,
        text: p.renamed(p.row(r.row, r.part), r.title, r.wasCode, r.wasTitle),
      }))}
      more={p.renamedMore}
    />
  );
}

/** Per agency of the file, its proposals in the round the file leaves out: kept, said so the secretariat can check. */
function UnlistedList({ unlisted }: { unlisted: readonly UnlistedProposals[] }) {
  const { t } = useI18n();
  if (unlisted.length === 0) return null;
  return (
    <Box data-testid="proposals-import-unlisted" sx={{ mt: 0.5 }}>
      {unlisted.map((u) => (
        <Typography variant="body2" key={u.agency} data-agency={u.agency} data-count={u.count}>
          {t.proposalsImport.unlisted(u.agency, u.count, u.codes.join(', '), u.count > u.codes.length)}
        </Typography>
      ))}
    </Box>
  );
}

/**
 * Values of the round's proposals the file leaves empty (a column it lacks, an empty cell), by field: cleared on apply
 * as the file replaces each proposal, so said before (a warning) and after.
 */
function ClearedList({ cleared, done }: { cleared: readonly ClearedField[]; done: boolean }) {
  const { t } = useI18n();
  const p = t.proposalsImport;
  return (
    <WarningList
      testId="proposals-import-cleared"
      heading={done ? p.clearedDoneHeading : p.clearedHeading}
      lines={cleared.map((c) => ({
        key: c.field,
        text: p.cleared(t.audit.field[c.field] ?? c.field, c.count, c.codes.join(', '), c.count - c.codes.length),
      }))}
      more={p.samePriorityMore}
    />
  );
}

/** The proposals one agency's same priority names in full; the rest are counted. */
const SAME_PRIORITY_SHOWN = 20;

/**
 * Agencies of the file that give several proposals one priority, in the file or with proposals already in the round:
 * imported as written, said so the secretariat can ask.
 */
function SamePriorityList({ same }: { same: readonly SamePriority[] }) {
  const { t } = useI18n();
  const p = t.proposalsImport;
  return (
    <WarningList
      testId="proposals-import-same-priority"
      heading={p.samePriorityHeading}
      lines={same.map((g) => {
        const all = [
          ...g.proposals.map((x) => `${p.row(x.row, x.part)} (${x.code})`),
          ...g.held.map((h) => p.held(h.code, h.title)),
        ];
        // A file that gives one priority to every row (50,000 of them) names the first ones and counts the rest.
        const where = all.slice(0, SAME_PRIORITY_SHOWN).join(', ');
        const more = all.length - SAME_PRIORITY_SHOWN;
        return {
          key: `${g.agency}:${g.priority}`,
          text: p.samePriority(g.agency, g.priority, more > 0 ? `${where}, ${p.samePriorityRowsMore(more)}` : where),
        };
      })}
      more={p.samePriorityMore}
    />
  );
}
