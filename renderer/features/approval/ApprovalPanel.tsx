import { useState } from 'react';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import CircularProgress from '@mui/material/CircularProgress';
import Stack from '@mui/material/Stack';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import type { Approval, ReproductionReport } from '../../../shared/api/approval';
import type { Scenario } from '../../../shared/api/types';
import { formatThaiDate, formatThaiDateTime } from '../../../shared/domain/thai-date';
import { useApi } from '../../app/api-context';
import { useNotify } from '../../app/notify-context';
import { useSession } from '../../app/session-context';
import { LockIcon } from '../../components/icons';
import { formatCount } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n-context';
import { ApproveDialog } from './ApproveDialog';

type Props = Readonly<{
  scenario: Scenario;
  /** undefined while loading; null for a draft. */
  approval: Approval | null | undefined;
  onApproved(): void;
}>;

/**
 * The scenario's standing on the workbench: a draft with the "Approve" button, or the approved plan locked under its
 * resolution (who approved, who was present, the manifest hash and the audit chain at approval) with "Reproduce".
 */
export function ApprovalPanel({ scenario, approval, onApproved }: Props) {
  const { t } = useI18n();
  const a = t.approval;
  const { can } = useSession();
  const allowed = can('approvals.approve');
  const [open, setOpen] = useState(false);
  if (approval === undefined) return null;
  if (approval === null) {
    return (
      <Stack direction="row" spacing={1} useFlexGap sx={{ alignItems: 'center' }} data-testid="approval-draft">
        <Chip size="small" variant="outlined" label={a.draft} />
        <Tooltip title={allowed ? '' : a.ownerOnly}>
          <span>
            <Button
              variant="contained"
              size="small"
              startIcon={<LockIcon />}
              disabled={!allowed}
              data-testid="approval-open"
              onClick={() => setOpen(true)}
            >
              {a.approve}
            </Button>
          </span>
        </Tooltip>
        {open ? (
          <ApproveDialog
            scenario={scenario}
            onClose={() => setOpen(false)}
            onApproved={() => {
              setOpen(false);
              onApproved();
            }}
          />
        ) : null}
      </Stack>
    );
  }
  return <LockedPlan approval={approval} />;
}

/** The BE-dated resolution as the record names it. */
export function useResolutionText(): (approval: Approval) => string {
  const { lang, t } = useI18n();
  return (approval) =>
    t.approval.resolution(approval.resolutionNo, formatThaiDate(new Date(`${approval.resolutionDate}T12:00:00+07:00`), lang));
}

function LockedPlan({ approval }: { approval: Approval }) {
  const { lang, t } = useI18n();
  const a = t.approval;
  const resolution = useResolutionText();
  const superseded = approval.supersededBy !== null;
  return (
    <Alert
      severity={superseded ? 'warning' : 'success'}
      icon={<LockIcon />}
      data-testid="approval-locked"
      data-approval={approval.id}
      data-superseded={String(superseded)}
    >
      <AlertTitle sx={{ fontWeight: 700 }} data-testid="approval-resolution">
        {a.lockedTitle(resolution(approval))}
      </AlertTitle>
      <Typography variant="body2" sx={{ mb: 1 }} data-testid="approval-locked-reason">
        {superseded ? a.supersededBy(approval.supersededBy ?? 0) : a.lockedReason}
      </Typography>
      <Box
        component="dl"
        sx={{ display: 'grid', gridTemplateColumns: 'max-content minmax(0, 1fr)', columnGap: 2, rowGap: 0.5, m: 0, mb: 1 }}
      >
        <Field label={a.approvedBy} value={approval.approvedBy} />
        <Field label={a.present} value={approval.membersPresent.map((m) => m.name).join(', ')} />
        <Field label={a.approvedAt} value={formatThaiDateTime(new Date(approval.approvedAt), lang)} />
        <Field label={a.manifest} value={approval.manifestSha256} mono testId="approval-manifest" />
        <Field
          label={a.chain}
          value={a.chainValue(formatCount(approval.chainLength), approval.chainHead)}
          mono
          testId="approval-chain"
        />
        {approval.supersedes !== null ? <Field label="" value={a.supersedes(approval.supersedes)} /> : null}
      </Box>
      <ReproduceButton approvalId={approval.id} />
    </Alert>
  );
}

function Field({ label, value, mono, testId }: { label: string; value: string; mono?: boolean; testId?: string }) {
  return (
    <>
      <Typography component="dt" variant="body2" sx={{ color: 'text.secondary' }}>
        {label}
      </Typography>
      <Typography
        component="dd"
        variant="body2"
        data-testid={testId}
        sx={{ m: 0, overflowWrap: 'anywhere', ...(mono ? { fontFamily: 'monospace', fontSize: 12 } : {}) }}
      >
        {value}
      </Typography>
    </>
  );
}

/** "ตรวจซ้ำ / Reproduce": checks the frozen snapshot and re-runs the rule from it, then says what it found. */
function ReproduceButton({ approvalId }: { approvalId: number }) {
  const { t } = useI18n();
  const a = t.approval;
  const { client } = useApi();
  const notify = useNotify();
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<ReproductionReport | null>(null);
  const run = async (): Promise<void> => {
    setBusy(true);
    setReport(null);
    const result = await client.call('approvals.reproduce', { approvalId });
    setBusy(false);
    if (result.ok) setReport(result.value);
    else notify.error(result.error);
  };
  const message = (r: ReproductionReport): string =>
    r.ok
      ? a.reproducedOk(r.rerunMs.toLocaleString('en-US'))
      : !r.manifestOk
        ? a.reproducedTampered(r.tampered.map((p) => p.part).join(', '))
        : a.reproducedDiffers(r.differences.length);
  return (
    <Stack direction="row" spacing={1} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
      <Button
        variant="outlined"
        size="small"
        color="inherit"
        disabled={busy}
        data-testid="approval-reproduce"
        onClick={() => void run()}
        startIcon={busy ? <CircularProgress size={14} /> : undefined}
      >
        {busy ? a.reproducing : a.reproduce}
      </Button>
      {report ? (
        <Alert
          severity={report.ok ? 'success' : 'error'}
          variant="outlined"
          sx={{ py: 0 }}
          data-testid="approval-reproduce-result"
          data-ok={String(report.ok)}
        >
          {message(report)}
        </Alert>
      ) : null}
    </Stack>
  );
}
