import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Select from '@mui/material/Select';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import type { ApiError, InputProblem } from '../../../shared/api/errors';
import type { ImportPartPreview, ImportPreview, SyncReport } from '../../../shared/api/types';
import { useApi } from '../../app/api-context';
import { downloadBytes } from '../../app/download';
import { useSession } from '../../app/session-context';
import { useUpload } from '../../app/upload';
import { FilePickButton } from '../../components/FilePickButton';
import { dictionaries, useI18n } from '../../i18n/i18n-context';
import { ChangesView } from './ChangesView';
import { problemsCsv } from './problems-csv';
import { SyncRejectedAlert } from './SyncRejectedAlert';
import { SyncReportAlert } from './SyncReportAlert';

type Mapping = Record<string, number>;
type Step =
  | { kind: 'idle' }
  | { kind: 'preview'; uploadId: string; preview: ImportPreview; mapping: Mapping }
  | { kind: 'done'; report: SyncReport }
  | { kind: 'rejected'; error: ApiError };

const SHOWN_PROBLEMS = 100;

function columnLetter(index: number): string {
  let s = '';
  let n = index + 1;
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

function firstGrid(preview: ImportPreview): ImportPartPreview | undefined {
  return preview.parts.find((p) => p.kind === 'grid' && p.headerRow !== null);
}

/**
 * Import any needs file through the mapping step: upload → preview (detected header, suggested or remembered
 * mapping, first rows, problems) → correct the mapping with a select per field → apply, all or nothing unless the
 * user chooses the valid rows only. The problems can be downloaded as CSV.
 */
export function ImportPanel() {
  const { client } = useApi();
  const { isOwner } = useSession();
  const { t, lang } = useI18n();
  const upload = useUpload();
  const [step, setStep] = useState<Step>({ kind: 'idle' });
  const [busy, setBusy] = useState(false);
  const [partial, setPartial] = useState(false);

  const fail = (error: ApiError): void => setStep({ kind: 'rejected', error });

  const choose = async (file: File): Promise<void> => {
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

  const remap = async (field: string, column: number | null): Promise<void> => {
    if (step.kind !== 'preview') return;
    const mapping: Mapping = { ...step.mapping };
    if (column === null) delete mapping[field];
    else {
      for (const [k, c] of Object.entries(mapping)) if (c === column) delete mapping[k];
      mapping[field] = column;
    }
    setBusy(true);
    try {
      const result = await client.call('needs.importPreview', { uploadId: step.uploadId, mapping });
      if (!result.ok) return fail(result.error);
      setStep({ kind: 'preview', uploadId: step.uploadId, preview: result.value, mapping });
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
        partial,
      });
      setStep(result.ok ? { kind: 'done', report: result.value } : { kind: 'rejected', error: result.error });
    } finally {
      setBusy(false);
    }
  };

  const download = (problems: readonly InputProblem[], fileName: string): void => {
    const bytes = new TextEncoder().encode(problemsCsv(problems, t.needsImport.csvHeader));
    downloadBytes(bytes, `${fileName.replace(/\.[^.]+$/u, '')}-problems.csv`, 'text/csv;charset=utf-8');
  };

  return (
    <Stack spacing={1.5}>
      <Box>
        <FilePickButton
          variant="outlined"
          testId="import-button"
          inputTestId="import-file-input"
          accept=".xlsx,.xls,.csv,.txt,.tsv,.json,.ndjson,.jsonl,.zip,.html,.htm"
          label={t.needsImport.button}
          busyLabel={t.needsImport.reading}
          busy={busy && step.kind !== 'preview'}
          disabled={!isOwner}
          title={isOwner ? undefined : t.app.readOnlyRole}
          onFile={(file) => void choose(file)}
        />
      </Box>
      {step.kind === 'preview' ? (
        <PreviewCard
          preview={step.preview}
          mapping={step.mapping}
          busy={busy}
          partial={partial}
          onPartial={setPartial}
          onRemap={(field, column) => void remap(field, column)}
          onApply={() => void apply()}
          onCancel={() => setStep({ kind: 'idle' })}
          onDownload={() => download(step.preview.problems, step.preview.fileName)}
          lang={lang}
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
      {step.kind === 'rejected' ? <SyncRejectedAlert error={step.error} onClose={() => setStep({ kind: 'idle' })} /> : null}
    </Stack>
  );
}

function PreviewCard(props: {
  preview: ImportPreview;
  mapping: Mapping;
  busy: boolean;
  partial: boolean;
  lang: 'th' | 'en';
  onPartial(value: boolean): void;
  onRemap(field: string, column: number | null): void;
  onApply(): void;
  onCancel(): void;
  onDownload(): void;
}) {
  const { t } = useI18n();
  const { preview, mapping, lang } = props;
  const grid = firstGrid(preview);
  const fileLevel = preview.problems.some((p) => p.line === 0);
  const canApply = preview.valid > 0 && (preview.problemCount === 0 || (props.partial && !fileLevel));
  return (
    <Paper variant="outlined" sx={{ p: 2 }} data-testid="import-preview">
      <Stack spacing={1.5}>
        <Typography variant="h6" component="h3">
          {t.needsImport.title(preview.fileName)}
        </Typography>
        <Typography variant="body2" data-testid="import-summary">
          {t.needsImport.format(preview.format, preview.encoding)}
          {' · '}
          <span data-testid="import-header-row" data-row={grid?.headerRow ?? ''}>
            {grid?.headerRow ? t.needsImport.header(grid.headerRow, grid.headerRows) : grid ? t.needsImport.noHeader : ''}
          </span>
          {' · '}
          <span data-testid="import-counts" data-valid={preview.valid} data-problems={preview.problemCount}>
            {t.needsImport.counts(preview.rows, preview.valid, preview.problemCount)}
          </span>
        </Typography>
        {grid ? (
          <Box>
            <Typography variant="subtitle2">
              {t.needsImport.mappingTitle} ({t.needsImport.mappingFrom[grid.mappingFrom]})
            </Typography>
            <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(340px, 1fr))', gap: 1, mt: 1 }}>
              {preview.fields.map((f) => (
                <Stack
                  key={f.key}
                  direction="row"
                  spacing={1}
                  sx={{ alignItems: 'center', minWidth: 0 }}
                  data-testid={`map-${f.key}`}
                  data-column={mapping[f.key] ?? ''}
                >
                  <Typography variant="body2" sx={{ width: 130, flexShrink: 0 }}>
                    {lang === 'th' ? f.th : f.en}
                    {f.required ? (
                      <Box component="span" sx={{ color: 'error.main' }}>
                        {' '}
                        *
                      </Box>
                    ) : null}
                  </Typography>
                  <Select
                    size="small"
                    sx={{ flex: 1, minWidth: 0, '& .MuiSelect-select': { overflow: 'hidden', textOverflow: 'ellipsis' } }}
                    value={mapping[f.key] === undefined ? '' : String(mapping[f.key])}
                    displayEmpty
                    disabled={props.busy}
                    inputProps={{ 'aria-label': lang === 'th' ? f.th : f.en }}
                    onChange={(e) => props.onRemap(f.key, e.target.value === '' ? null : Number(e.target.value))}
                  >
                    <MenuItem value="" data-testid="map-option-none">
                      {t.needsImport.notUsed}
                    </MenuItem>
                    {grid.labels.map((label, col) => (
                      <MenuItem key={col} value={String(col)} data-testid={`map-option-${col}`}>
                        {t.needsImport.column(columnLetter(col), label)}
                      </MenuItem>
                    ))}
                  </Select>
                </Stack>
              ))}
            </Box>
          </Box>
        ) : null}
        {grid && grid.sample.length > 0 ? (
          <Box sx={{ overflow: 'auto', maxHeight: 260 }}>
            <Typography variant="subtitle2">{t.needsImport.sampleTitle}</Typography>
            <Table size="small" data-testid="import-sample">
              <TableHead>
                <TableRow>
                  <TableCell>{t.needsImport.row}</TableCell>
                  {grid.labels.map((l, i) => (
                    <TableCell key={i}>{t.needsImport.column(columnLetter(i), l)}</TableCell>
                  ))}
                </TableRow>
              </TableHead>
              <TableBody>
                {grid.sample.map((r, i) => (
                  <TableRow key={i}>
                    <TableCell>{grid.sampleRows[i]}</TableCell>
                    {grid.labels.map((_l, c) => (
                      <TableCell key={c}>{r[c] ?? ''}</TableCell>
                    ))}
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </Box>
        ) : null}
        <Box>
          <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
            <Typography variant="subtitle2">{t.needsImport.problemsTitle}</Typography>
            {preview.problems.length > 0 ? (
              <Button size="small" onClick={props.onDownload} data-testid="import-download">
                {t.needsImport.download}
              </Button>
            ) : null}
          </Stack>
          {preview.problems.length === 0 ? (
            <Typography variant="body2" sx={{ color: 'text.secondary' }} data-testid="import-no-problems">
              {t.needsImport.noProblems}
            </Typography>
          ) : (
            <Typography component="ul" variant="body2" sx={{ m: 0, pl: 2.5, maxHeight: 200, overflow: 'auto' }}>
              {preview.problems.slice(0, SHOWN_PROBLEMS).map((p, i) => (
                <li key={i} data-testid="import-problem" data-line={p.line} data-code={p.code ?? ''}>
                  <strong>
                    {t.needsImport.problemRow(p.line)}
                    {p.column ? `, ${t.needs.problemColumn(p.column)}` : ''}
                  </strong>
                  : {lang === 'th' ? p.th : p.en}
                </li>
              ))}
              {preview.problems.length > SHOWN_PROBLEMS ? (
                <li>{t.needs.moreProblems(preview.problems.length - SHOWN_PROBLEMS)}</li>
              ) : null}
            </Typography>
          )}
        </Box>
        <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap' }} useFlexGap>
          {preview.problemCount > 0 && !fileLevel ? (
            <FormControlLabel
              control={
                <Checkbox
                  checked={props.partial}
                  onChange={(e) => props.onPartial(e.target.checked)}
                  data-testid="import-partial-check"
                />
              }
              label={t.needsImport.partial}
            />
          ) : null}
          <Button variant="contained" disabled={!canApply || props.busy} onClick={props.onApply} data-testid="import-apply">
            {props.busy ? t.needsImport.applying : t.needsImport.apply}
          </Button>
          <Button onClick={props.onCancel} disabled={props.busy} data-testid="import-cancel">
            {t.needsImport.cancel}
          </Button>
        </Stack>
      </Stack>
    </Paper>
  );
}
