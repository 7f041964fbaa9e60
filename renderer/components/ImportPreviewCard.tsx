import type { ReactNode } from 'react';
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
import type { ImportPreview } from '../../shared/api/types';
import { columnLetter, firstGrid } from '../../shared/domain/import/columns';
import { problemPlaceKind } from '../../shared/domain/import/problems';
import { formatBaht } from '../../shared/domain/money';
import { formatCount } from '../i18n/format';
import {
  filledDownRows,
  hiddenColumnsRead,
  hiddenRowsRead,
  passedOver,
  sheetName,
  sheetsPassedOver,
  totalRowsPassed,
} from './import-passed-over';
import { useI18n } from '../i18n/i18n-context';

type Mapping = Record<string, number>;

const SHOWN_PROBLEMS = 100;

function SkippedSummary(props: { preview: ImportPreview }) {
  const { t, lang } = useI18n();
  const { counts, notes, hidden, summaries } = passedOver(props.preview);
  const down = filledDownRows(props.preview);
  const hiddenRows = hiddenRowsRead(props.preview);
  const fieldName = (key: string): string => {
    const f = props.preview.fields.find((x) => x.key === key);
    return f ? (lang === 'th' ? f.th : f.en) : key;
  };
  const hiddenColumns = hiddenColumnsRead(props.preview, fieldName);
  // The rows passed over as totals are named, to be checked: a project's row labelled "รวม…" would be among them.
  const totalRows = totalRowsPassed(props.preview);
  const counted = (k: (typeof counts)[number][0], n: number): string =>
    `${t.needsImport.skippedKinds[k]} ${formatCount(n)}${k === 'total' && totalRows !== '' ? ` (${t.needsImport.rowsAt(totalRows)})` : ''}`;
  const said = [
    counts.length > 0 ? `${t.needsImport.skippedTitle}: ${counts.map(([k, n]) => counted(k, n)).join(' · ')}` : null,
    notes.length > 0 ? t.needsImport.notesSheets(notes.join(', ')) : null,
    hidden.length > 0 ? t.needsImport.hiddenSheets(hidden.join(', ')) : null,
    summaries.length > 0 ? t.needsImport.summarySheets(summaries.join(', ')) : null,
  ].filter((x) => x !== null);
  return (
    <>
      {said.length > 0 ? (
        <Typography variant="body2" color="text.secondary" data-testid="import-skipped">
          {said.join(' · ')}
        </Typography>
      ) : null}
      {hiddenRows.count > 0 ? (
        <Typography variant="body2" sx={{ color: 'warning.dark' }} data-testid="import-hidden-rows" data-rows={hiddenRows.count}>
          {t.needsImport.hiddenRows(formatCount(hiddenRows.count), hiddenRows.rows)}
        </Typography>
      ) : null}
      {props.preview.parts.flatMap((p) =>
        (p.sameHeading ?? []).map((s) => (
          <Typography
            key={`${p.name}:${s.field}`}
            variant="body2"
            sx={{ color: 'warning.dark' }}
            data-testid="import-same-heading"
          >
            {t.needsImport.sameHeading(s.label, s.used, s.others.join(', '), fieldName(s.field))}
          </Typography>
        )),
      )}
      {props.preview.parts.flatMap((p) =>
        (p.countsByHeading ?? []).map((c) => (
          <Typography
            key={`${p.name}:${c.field}:heading`}
            variant="body2"
            sx={{ color: 'warning.dark' }}
            data-testid="import-counts-by-heading"
          >
            {t.needsImport.countsByHeading(c.label, fieldName(c.field))}
          </Typography>
        )),
      )}
      {props.preview.parts.flatMap((p) =>
        (p.scaledAmounts ?? []).map((a) => (
          <Typography
            key={`${p.name}:${a.field}:unit`}
            variant="body2"
            color="text.secondary"
            data-testid="import-scaled-amounts"
          >
            {t.needsImport.scaledAmounts(a.column, a.unit, formatBaht(a.satang), a.title ?? null)}
          </Typography>
        )),
      )}
      {hiddenColumns.count > 0 ? (
        <Typography
          variant="body2"
          sx={{ color: hiddenColumns.mapped === '' ? 'text.secondary' : 'warning.dark' }}
          data-testid="import-hidden-columns"
          data-columns={hiddenColumns.count}
        >
          {t.needsImport.hiddenColumns(formatCount(hiddenColumns.count), hiddenColumns.mapped)}
        </Typography>
      ) : null}
      {down > 0 ? (
        <Typography variant="body2" color="text.secondary" data-testid="import-filled-down" data-rows={down}>
          {t.needsImport.filledDown(formatCount(down))}
        </Typography>
      ) : null}
    </>
  );
}

/**
 * The sheets (or a zip's files) of a file of several, each with a checkbox: the ones read are ticked; untick one to
 * leave it out (a last year's sheet beside this year's). A chosen sheet the reader passed over (notes, hidden, a
 * summary) shows a dash and says why. The last sheet read cannot be unticked.
 */
function SheetChooser(props: { preview: ImportPreview; busy: boolean; onSheets(sheets: string[]): void }) {
  const { t } = useI18n();
  const parts = props.preview.parts;
  const passed = sheetsPassedOver(props.preview);
  const chosen = parts.filter((p) => p.notChosen !== true).map((p) => p.name);
  const read = chosen.filter((name) => !passed.has(name));
  const toggle = (name: string, on: boolean): void =>
    props.onSheets(parts.map((p) => p.name).filter((n) => (n === name ? on : chosen.includes(n))));
  return (
    <Box data-testid="import-sheets">
      <Typography variant="subtitle2">{t.needsImport.sheetsTitle}</Typography>
      <Stack direction="row" sx={{ flexWrap: 'wrap', columnGap: 2 }}>
        {parts.map((p) => {
          const on = p.notChosen !== true;
          const why = passed.get(p.name);
          const isRead = on && why === undefined;
          return (
            <FormControlLabel
              key={p.name}
              control={
                <Checkbox
                  size="small"
                  checked={on}
                  indeterminate={why !== undefined}
                  color={why === undefined ? 'primary' : 'default'}
                  disabled={props.busy || (isRead && read.length === 1)}
                  onChange={(e) => toggle(p.name, e.target.checked)}
                  slotProps={{ input: { 'aria-label': sheetName(p) } }}
                />
              }
              label={
                why === undefined ? (
                  sheetName(p)
                ) : (
                  <Box component="span" sx={{ color: 'text.secondary' }}>
                    {sheetName(p)} ({t.needsImport.sheetPassedOver[why]})
                  </Box>
                )
              }
              // The last sheet read cannot be unticked, yet it is read: its name is not greyed as a disabled one's.
              sx={{ '& .MuiFormControlLabel-label.Mui-disabled': { color: props.busy ? undefined : 'text.primary' } }}
              data-testid="import-sheet"
              data-sheet={sheetName(p)}
              data-read={isRead ? 'yes' : 'no'}
              data-passed-over={why ?? ''}
            />
          );
        })}
      </Stack>
    </Box>
  );
}

/**
 * The preview of an import (needs or proposals): format, detected header, counts, the mapping with a select per
 * field, the first rows, the problems (downloadable), the valid-rows-only choice and apply / cancel. `extra` shows
 * what a target adds (the round a proposals file goes to, a confirmation).
 */
export function ImportPreviewCard(props: {
  preview: ImportPreview;
  extra?: ReactNode;
  mapping: Mapping;
  busy: boolean;
  partial: boolean;
  lang: 'th' | 'en';
  onPartial(value: boolean): void;
  onRemap(field: string, column: number | null): void;
  onApply(): void;
  onCancel(): void;
  onDownload(): void;
  /** The sheets to read, chosen by their part names (shown for a file of several parts). */
  onSheets?(sheets: string[]): void;
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
        <SkippedSummary preview={preview} />
        {(preview.notes ?? []).map((note, i) => (
          <Alert key={i} severity="info" data-testid="import-note">
            {lang === 'th' ? note.th : note.en}
          </Alert>
        ))}
        {props.onSheets && preview.parts.length > 1 ? (
          <SheetChooser preview={preview} busy={props.busy} onSheets={props.onSheets} />
        ) : null}
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
                  <TableCell sx={{ verticalAlign: 'bottom' }}>{t.needsImport.row}</TableCell>
                  {/* Wide enough for a heading's words; a table of many columns scrolls sideways instead of squeezing them. */}
                  {grid.labels.map((l, i) => (
                    <TableCell key={i} sx={{ minWidth: 120, verticalAlign: 'bottom' }}>
                      {t.needsImport.column(columnLetter(i), l)}
                    </TableCell>
                  ))}
                </TableRow>
              </TableHead>
              <TableBody>
                {grid.sample.map((r, i) => (
                  <TableRow key={i}>
                    <TableCell>{grid.sampleRows[i]}</TableCell>
                    {grid.labels.map((_l, c) => (
                      <TableCell key={c} title={r[c] ?? ''}>
                        <Box
                          component="span"
                          sx={{
                            display: 'block',
                            maxWidth: 320,
                            overflow: 'hidden',
                            textOverflow: 'ellipsis',
                            whiteSpace: 'nowrap',
                          }}
                        >
                          {r[c] ?? ''}
                        </Box>
                      </TableCell>
                    ))}
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </Box>
        ) : null}
        {props.extra}
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
                    {t.needs.problemAt(problemPlaceKind(preview.fileName, p), p.line)}
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
