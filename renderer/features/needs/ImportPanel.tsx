import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { ApiError, InputProblem } from '../../../shared/api/errors';
import type { ImportPreview, SyncReport } from '../../../shared/api/types';
import { NEEDS_IMPORT_EXTENSIONS } from '../../../shared/api/import-files';
import { useApi } from '../../app/api-context';
import { useSession } from '../../app/session-context';
import { useUpload } from '../../app/upload';
import { FilePickButton } from '../../components/FilePickButton';
import { firstGrid, remapped } from '../../../shared/domain/import/columns';
import { ImportPreviewCard } from '../../components/ImportPreviewCard';
import { TemplateButton } from '../../components/TemplateButton';
import { downloadProblems } from '../../components/problems-csv';
import { dictionaries, useI18n } from '../../i18n/i18n-context';
import { ChangesView } from './ChangesView';
import { SyncRejectedAlert } from './SyncRejectedAlert';
import { SyncReportAlert } from './SyncReportAlert';

type Mapping = Record<string, number>;
type Step =
  | { kind: 'idle' }
  | {
      kind: 'preview';
      uploadId: string;
      preview: ImportPreview;
      mapping: Mapping;
      sheets?: string[];
      /** A table without a people column read with each row as one person who raised its need. */
      rowsAsPeople?: boolean;
    }
  | { kind: 'done'; report: SyncReport }
  | { kind: 'rejected'; error: ApiError };

/**
 * Import any needs file through the mapping step: upload → preview (detected header, suggested or remembered
 * mapping, first rows, problems) → correct the mapping with a select per field → apply, all or nothing unless the
 * user chooses the valid rows only. A file whose table gives no people count (a complaints platform's export, a form's
 * responses) can be read with each row as one person who raised its need: a choice shown and recorded, never assumed.
 * The problems can be downloaded as CSV.
 */
export function ImportPanel() {
  const { client } = useApi();
  const { can } = useSession();
  const allowed = can('needs.importApply');
  const { t, lang } = useI18n();
  const upload = useUpload();
  const [step, setStep] = useState<Step>({ kind: 'idle' });
  const [busy, setBusy] = useState(false);
  const [partial, setPartial] = useState(false);
  // The file chosen last: a refusal names its problems by row, or by line in a feed.
  const [fileName, setFileName] = useState('');

  const fail = (error: ApiError): void => setStep({ kind: 'rejected', error });

  const choose = async (file: File): Promise<void> => {
    setFileName(file.name);
    setBusy(true);
    setPartial(false);
    setStep({ kind: 'idle' });
    try {
      const sent = await upload(file);
      if (!sent.ok) return fail(sent.error);
      const result = await client.call('needs.importPreview', { uploadId: sent.value.uploadId });
      if (!result.ok) return fail(result.error);
      const grid = firstGrid(result.value);
      setStep({ kind: 'preview', uploadId: sent.value.uploadId, preview: result.value, mapping: { ...(grid?.mapping ?? {}) } });
    } catch {
      fail({ code: 'INTERNAL', message: dictionaries.en.errors.fileRead, messageTh: dictionaries.th.errors.fileRead });
    } finally {
      setBusy(false);
    }
  };

  // The same file previewed again with another mapping or with rows read as people (or not).
  const previewAgain = async (
    shown: Extract<Step, { kind: 'preview' }>,
    mapping: Mapping,
    rowsAsPeople: boolean,
  ): Promise<void> => {
    const sheets = shown.sheets;
    setBusy(true);
    try {
      const result = await client.call('needs.importPreview', {
        uploadId: shown.uploadId,
        mapping,
        ...(sheets ? { sheets } : {}),
        ...(rowsAsPeople ? { rowsAsPeople } : {}),
      });
      if (!result.ok) return fail(result.error);
      setStep({
        kind: 'preview',
        uploadId: shown.uploadId,
        preview: result.value,
        mapping,
        ...(sheets ? { sheets } : {}),
        ...(rowsAsPeople ? { rowsAsPeople } : {}),
      });
    } finally {
      setBusy(false);
    }
  };

  const remap = async (field: string, column: number | null): Promise<void> => {
    if (step.kind !== 'preview') return;
    const mapping = remapped(step.mapping, field, column);
    await previewAgain(step, mapping, step.rowsAsPeople === true);
  };

  // Another choice of sheets is previewed afresh: its first table's mapping is suggested or remembered again.
  const chooseSheets = async (sheets: string[]): Promise<void> => {
    if (step.kind !== 'preview') return;
    setBusy(true);
    try {
      const rowsAsPeople = step.rowsAsPeople === true;
      const result = await client.call('needs.importPreview', {
        uploadId: step.uploadId,
        sheets,
        ...(rowsAsPeople ? { rowsAsPeople } : {}),
      });
      if (!result.ok) return fail(result.error);
      const grid = firstGrid(result.value);
      setStep({
        kind: 'preview',
        uploadId: step.uploadId,
        preview: result.value,
        mapping: { ...(grid?.mapping ?? {}) },
        sheets,
        ...(rowsAsPeople ? { rowsAsPeople } : {}),
      });
    } finally {
      setBusy(false);
    }
  };

  const apply = async (): Promise<void> => {
    if (step.kind !== 'preview') return;
    setBusy(true);
    try {
      const grid = firstGrid(step.preview);
      const result = await client.call('needs.importApply', {
        uploadId: step.uploadId,
        ...(grid ? { mapping: step.mapping } : {}),
        ...(step.sheets ? { sheets: step.sheets } : {}),
        ...(step.rowsAsPeople ? { rowsAsPeople: true } : {}),
        partial,
      });
      setStep(result.ok ? { kind: 'done', report: result.value } : { kind: 'rejected', error: result.error });
    } finally {
      setBusy(false);
    }
  };

  const download = (problems: readonly InputProblem[], fileName: string): void =>
    downloadProblems(problems, fileName, t.needsImport.csvHeader);

  return (
    <Stack spacing={1.5}>
      <Box>
        <FilePickButton
          variant="outlined"
          testId="import-button"
          inputTestId="import-file-input"
          accept={NEEDS_IMPORT_EXTENSIONS.join(',')}
          label={t.needsImport.button}
          busyLabel={t.needsImport.reading}
          busy={busy && step.kind !== 'preview'}
          disabled={!allowed}
          title={allowed ? undefined : t.app.readOnlyRole}
          onFile={(file) => void choose(file)}
        />
        <TemplateButton kind="needs" testId="needs-template" />
      </Box>
      {step.kind === 'preview' ? (
        <ImportPreviewCard
          preview={step.preview}
          mapping={step.mapping}
          busy={busy}
          partial={partial}
          onPartial={setPartial}
          onRemap={(field, column) => void remap(field, column)}
          onSheets={(sheets) => void chooseSheets(sheets)}
          onApply={() => void apply()}
          onCancel={() => setStep({ kind: 'idle' })}
          onDownload={() => download(step.preview.problems, step.preview.fileName)}
          lang={lang}
          extra={
            step.preview.peopleColumnMissing || step.rowsAsPeople ? (
              <Box data-testid="import-rows-as-people" data-chosen={step.rowsAsPeople ? 'yes' : 'no'}>
                <FormControlLabel
                  control={
                    <Checkbox
                      checked={step.rowsAsPeople === true}
                      disabled={busy}
                      onChange={(e) => void previewAgain(step, step.mapping, e.target.checked)}
                    />
                  }
                  label={t.needsImport.rowsAsPeople}
                />
                {step.preview.rowsAsPeople ? (
                  <Typography variant="body2" sx={{ color: 'text.secondary', pl: 4 }} data-testid="import-rows-as-people-read">
                    {t.needsImport.rowsAsPeopleRead(step.preview.rowsAsPeople.rows, step.preview.rowsAsPeople.merged)}
                  </Typography>
                ) : null}
              </Box>
            ) : undefined
          }
        />
      ) : null}
      {step.kind === 'done' ? (
        <Stack spacing={1}>
          <SyncReportAlert report={step.report} onClose={() => setStep({ kind: 'idle' })} />
          <ChangesView batchId={step.report.batchId} />
          {step.report.partial ? (
            <Alert
              severity="warning"
              data-testid="import-partial"
              action={
                <Button
                  size="small"
                  onClick={() => download(step.report.rejected, step.report.fileName)}
                  data-testid="import-download-skipped"
                >
                  {t.needsImport.download}
                </Button>
              }
            >
              {t.needsImport.partialDone(step.report.rejectedCount)}
            </Alert>
          ) : null}
        </Stack>
      ) : null}
      {step.kind === 'rejected' ? (
        <SyncRejectedAlert error={step.error} fileName={fileName} onClose={() => setStep({ kind: 'idle' })} />
      ) : null}
    </Stack>
  );
}
