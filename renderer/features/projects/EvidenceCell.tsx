import Chip from '@mui/material/Chip';
import type { CustomCellRendererProps } from 'ag-grid-react';
import type { ProjectRow } from '../../../shared/api/types';
import { useI18n } from '../../i18n/i18n-context';

/** Flags a project whose linked needs changed after scoring started, so the committee re-checks it. */
export function EvidenceCell({ value }: CustomCellRendererProps<ProjectRow, boolean>) {
  const { t } = useI18n();
  if (!value) return null;
  return (
    <Chip
      size="small"
      color="warning"
      label={t.projects.evidenceChanged}
      title={t.projects.evidenceChangedHint}
      data-testid="evidence-changed"
    />
  );
}
