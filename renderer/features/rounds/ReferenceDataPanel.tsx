import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { ApiError } from '../../../shared/api/errors';
import { REFERENCE_IMPORT_EXTENSIONS } from '../../../shared/api/import-files';
import type { AreasImportReport } from '../../../shared/api/types';
import { useApi } from '../../app/api-context';
import { useQuery } from '../../app/use-query';
import { useSession } from '../../app/session-context';
import { useUpload } from '../../app/upload';
import { FilePickButton } from '../../components/FilePickButton';
import { downloadProblems } from '../../components/problems-csv';
import { useI18n } from '../../i18n/i18n-context';
import { formatCount } from '../../i18n/format';
import { Fact } from './Fact';

/** The problems a refusal lists on screen (all of them go in the downloaded CSV). */
const SHOWN_PROBLEMS = 10;

type Outcome = { ok: true; report: AreasImportReport } | { ok: false; error: ApiError; fileName: string };

/**
 * The province's reference data, for every round: district and tambon populations (fairness per person) and boundaries
 * (the maps). Shows how much is loaded and imports a file (GeoJSON layer, reference JSON, a population table as a
 * workbook or CSV), all or nothing; a success says what its reading passed over or added up; a refusal lists its
 * problems, each naming its feature, sheet, row and column or item, downloadable.
 */
export function ReferenceDataPanel() {
  const { t, lang } = useI18n();
  const { client } = useApi();
  const { can } = useSession();
  const upload = useUpload();
  const status = useQuery('reference.status', {}, { refetchOn: ['areas.changed'] });
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const x = t.rounds.reference;
  const allowed = can('reference.importAreas');

  const importFile = async (file: File): Promise<void> => {
    setBusy(true);
    setOutcome(null);
    try {
      const sent = await upload(file);
      if (!sent.ok) return setOutcome({ ok: false, error: sent.error, fileName: file.name });
      const r = await client.call('reference.importAreas', { uploadId: sent.value.uploadId });
      // The counts follow from the import's areas.changed event, which reaches this device too.
      setOutcome(r.ok ? { ok: true, report: r.value } : { ok: false, error: r.error, fileName: file.name });
    } finally {
      setBusy(false);
    }
  };

  const s = status.data;
  const of = (n: number, total: number): string => `${formatCount(n)} / ${formatCount(total)}`;
  return (
    <Paper variant="outlined" sx={{ p: 2, display: 'flex', flexDirection: 'column', gap: 2 }} data-testid="reference-panel">
      <Box>
        <Typography variant="h6" component="h3">
          {x.title}
        </Typography>
        <Typography variant="body2" sx={{ color: 'text.secondary', maxWidth: 900 }}>
          {x.intro}
        </Typography>
      </Box>
      {s ? (
        <Stack direction="row" spacing={4} sx={{ flexWrap: 'wrap', rowGap: 1 }} data-testid="reference-status">
          <Fact
            label={x.districtPopulation}
            value={of(s.districtsWithPopulation, s.districts)}
            testId="reference-district-population"
          />
          <Fact label={x.tambonPopulation} value={of(s.tambonsWithPopulation, s.tambons)} testId="reference-tambon-population" />
          <Fact
            label={x.districtBoundary}
            value={of(s.districtsWithBoundary, s.districts)}
            testId="reference-district-boundary"
          />
          <Fact label={x.tambonBoundary} value={of(s.tambonsWithBoundary, s.tambons)} testId="reference-tambon-boundary" />
        </Stack>
      ) : null}
      <Box component="ul" sx={{ m: 0, pl: 3, typography: 'body2' }}>
        {x.formats.map((f) => (
          <li key={f}>{f}</li>
        ))}
      </Box>
      <Box>
        <FilePickButton
          variant="contained"
          label={x.importButton}
          busyLabel={x.importing}
          busy={busy}
          disabled={!allowed}
          title={allowed ? undefined : t.app.readOnlyRole}
          accept={REFERENCE_IMPORT_EXTENSIONS.join(',')}
          testId="reference-import"
          inputTestId="reference-import-file"
          onFile={(file) => void importFile(file)}
        />
      </Box>
      {outcome?.ok === true ? (
        <Alert severity="success" data-testid="reference-imported" onClose={() => setOutcome(null)}>
          {x.imported(outcome.report)}
          {outcome.report.notes && outcome.report.notes.length > 0 ? (
            <Box component="ul" sx={{ m: 0, mt: 1, pl: 3 }} data-testid="reference-notes">
              {outcome.report.notes.map((n, i) => (
                <li key={i}>{lang === 'th' ? n.th : n.en}</li>
              ))}
            </Box>
          ) : null}
        </Alert>
      ) : null}
      {outcome?.ok === false ? (
        <Alert severity="error" data-testid="reference-refused" onClose={() => setOutcome(null)}>
          <Typography variant="body2" sx={{ fontWeight: 600 }}>
            {lang === 'th' ? outcome.error.messageTh : outcome.error.message}
          </Typography>
          {outcome.error.problems && outcome.error.problems.length > 0 ? (
            <>
              <Box component="ul" sx={{ m: 0, mt: 1, pl: 3 }} data-testid="reference-problems">
                {outcome.error.problems.slice(0, SHOWN_PROBLEMS).map((p, i) => (
                  <li key={i}>{lang === 'th' ? p.th : p.en}</li>
                ))}
              </Box>
              <Button
                size="small"
                sx={{ mt: 1 }}
                data-testid="reference-problems-download"
                onClick={() => downloadProblems(outcome.error.problems ?? [], outcome.fileName, t.needsImport.csvHeader)}
              >
                {x.downloadProblems(outcome.error.problems.length)}
              </Button>
            </>
          ) : null}
        </Alert>
      ) : null}
    </Paper>
  );
}
