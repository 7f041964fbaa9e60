import Box from '@mui/material/Box';
import type { NeedsFilter } from '../../../shared/api/needs-explorer';
import { useQuery } from '../../app/use-query';
import { FigureCard } from '../../components/FigureCard';
import { formatCount, formatSatang } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n-context';

/** The grid's totals for the current filter: needs, people, households and the estimated cost. */
export function NeedsTotalsBar({ filter }: { filter: NeedsFilter }) {
  const { t } = useI18n();
  const x = t.needsExplorer.totals;
  const totals = useQuery('needs.totals', filter, { refetchOn: ['needs.synced'] }).data;
  const card = { flex: '1 1 160px', minWidth: 160 };
  return (
    <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap' }} data-testid="needs-totals">
      <FigureCard label={x.needs} text={formatCount(totals?.needs)} value={totals?.needs} testId="needs-totals-needs" sx={card} />
      <FigureCard
        label={x.people}
        text={formatCount(totals?.people)}
        value={totals?.people}
        testId="needs-totals-people"
        sx={card}
      />
      <FigureCard
        label={x.households}
        text={formatCount(totals?.households)}
        value={totals?.households}
        testId="needs-totals-households"
        sx={card}
      />
      <FigureCard
        label={x.cost}
        text={totals ? formatSatang(totals.estimatedCost) : ''}
        value={totals?.estimatedCost}
        hint={totals ? x.costOf(formatCount(totals.withCost), formatCount(totals.needs)) : undefined}
        testId="needs-totals-cost"
        sx={{ ...card, flex: '1 1 220px' }}
      />
    </Box>
  );
}
