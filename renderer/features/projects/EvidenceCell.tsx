import Chip from '@mui/material/Chip';
import type { CustomCellRendererProps } from 'ag-grid-react';
import type { ProjectRow } from '../../../shared/api/types';
import { useI18n } from '../../i18n/i18n-context';

/**
 * Flags a project whose linked needs changed after scoring started, so the committee re-checks it; the flag opens
 * what changed in those needs (the needs screen filtered to the project's needs).
 */
export function EvidenceCell({ value, data }: CustomCellRendererProps<ProjectRow, boolean>) {
  const { t } = useI18n();
  if (!value) return null;
  return (
    <Chip
      size="small"
      color="warning"
      label={t.projects.evidenceChanged}
      title={t.projects.evidenceChangedHint}
      data-testid="evidence-changed"
      {...(data ? { component: 'a', href: `#/needs?project=${data.id}`, clickable: true } : {})}
    />
  );
}
