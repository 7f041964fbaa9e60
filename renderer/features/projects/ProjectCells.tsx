import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Link from '@mui/material/Link';
import type { CustomCellRendererProps } from 'ag-grid-react';
import { formatCount } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n-context';
import type { ProposalGridRow } from './proposal-grid-row';

/** What the grid's action cells call back (AG Grid passes it as the grid context). */
export type ProposalActions = Readonly<{
  canEdit: boolean;
  canRemove: boolean;
  edit(row: ProposalGridRow): void;
  remove(row: ProposalGridRow): void;
}>;

/** Flags a proposal edited after members scored it, so the committee re-checks its scores. */
export function ChangedAfterScoringCell({ value }: CustomCellRendererProps<ProposalGridRow, boolean>) {
  const { t } = useI18n();
  if (!value) return null;
  return (
    <Chip
      size="small"
      color="warning"
      label={t.projects.changedAfterScoring}
      title={t.projects.changedAfterScoringHint}
      data-testid="changed-after-scoring"
    />
  );
}

/** The number of linked needs, with a visible marker when there is none. */
export function NeedCountCell({ value }: CustomCellRendererProps<ProposalGridRow, number>) {
  const { t } = useI18n();
  if (value === undefined || value === null) return null;
  if (value > 0) return <span>{formatCount(value)}</span>;
  return <Chip size="small" variant="outlined" color="error" label={t.projects.noLinkedNeed} data-testid="no-linked-need" />;
}

/** Edit details, link needs, remove (only where nothing depends on the proposal). */
export function ActionsCell({ data, context }: CustomCellRendererProps<ProposalGridRow, unknown, ProposalActions>) {
  const { t } = useI18n();
  if (!data) return null;
  const removable = data.scoreCount === 0 && data.linkCount === 0;
  return (
    <Box sx={{ display: 'flex', gap: 1, alignItems: 'center', height: '100%' }}>
      {context.canEdit ? (
        <Button size="small" onClick={() => context.edit(data)} data-testid="proposal-edit">
          {t.projects.editDetails}
        </Button>
      ) : null}
      <Link href={`#/links?project=${data.id}`} data-testid="proposal-link-needs" underline="hover" sx={{ whiteSpace: 'nowrap' }}>
        {t.projects.linkNeeds}
      </Link>
      {context.canRemove ? (
        <span title={removable ? undefined : t.projects.removeBlocked}>
          <Button
            size="small"
            color="error"
            disabled={!removable}
            onClick={() => context.remove(data)}
            data-testid="proposal-remove"
          >
            {t.projects.remove}
          </Button>
        </span>
      ) : null}
    </Box>
  );
}
