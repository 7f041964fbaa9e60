import { useState } from 'react';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import type { MethodName } from '../../../shared/api/contract';
import type { ExportedFile } from '../../../shared/api/types';
import type { Result } from '../../../shared/api/errors';
import { downloadFile } from '../../app/download';
import { useApi } from '../../app/api-context';
import { useNotify } from '../../app/notify-context';
import { useSession } from '../../app/session-context';
import { useI18n } from '../../i18n/i18n-context';
import { WhyDisabled } from '../../components/WhyDisabled';

type Props = Readonly<{
  testId: string;
  label: string;
  disabled?: boolean;
  /** The method `run` calls: the button is disabled, saying why, for a role that may not call it. */
  method: MethodName;
  /** Builds the file on the host (the current language is passed where the format has one). */
  run(): Promise<Result<ExportedFile>> | undefined;
}>;

/** A button that asks the host for a file and saves it through the browser's (or Electron's) download flow. */
export function ExportFileButton({ testId, label, disabled, method, run }: Props) {
  const notify = useNotify();
  const { can } = useSession();
  const allowed = can(method);
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);

  const exportFile = async (): Promise<void> => {
    const pending = run();
    if (!pending) return;
    setBusy(true);
    const result = await pending;
    setBusy(false);
    if (!result.ok) {
      notify.error(result.error);
      return;
    }
    const file = result.value;
    downloadFile(file);
    notify.success(t.allocation.exported(file.fileName));
  };

  return (
    <WhyDisabled reason={allowed ? undefined : t.app.readOnlyRole}>
      <Button
        variant="outlined"
        data-testid={testId}
        disabled={disabled || !allowed || busy}
        title={allowed ? undefined : t.app.readOnlyRole}
        startIcon={busy ? <CircularProgress size={16} /> : undefined}
        onClick={() => void exportFile()}
      >
        {busy ? t.allocation.exporting : label}
      </Button>
    </WhyDisabled>
  );
}

/** "Export plan (XLSX)" for the current scenario: the host builds the workbook in the current language. */
export function ExportButton({ scenarioId }: { scenarioId: number | null }) {
  const { client } = useApi();
  const { round } = useSession();
  const { lang, t } = useI18n();
  return (
    <ExportFileButton
      testId="export-xlsx"
      method="plan.exportXlsx"
      label={t.allocation.export}
      disabled={!round}
      run={() =>
        round ? client.call('plan.exportXlsx', { roundId: round.id, lang, ...(scenarioId ? { scenarioId } : {}) }) : undefined
      }
    />
  );
}

/** "Export .pb (Pabulib)": the scenario's instance (projects, need ballots, budget) for outside checking. */
export function ExportPbButton({ scenarioId }: { scenarioId: number | null }) {
  const { client } = useApi();
  const { t } = useI18n();
  return (
    <ExportFileButton
      testId="export-pb"
      method="scenarios.exportPb"
      label={t.scenarios.exportPb}
      disabled={scenarioId === null}
      run={() => (scenarioId === null ? undefined : client.call('scenarios.exportPb', { scenarioId }))}
    />
  );
}
