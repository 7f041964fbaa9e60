import Stack from '@mui/material/Stack';
import { formatBaht } from '../../../shared/domain/money';
import type { AllocationView } from '../../../shared/api/types';
import { FigureCard } from '../../components/FigureCard';
import { useI18n } from '../../i18n/i18n-context';

/** The figures every allocation result has, greedy view or scenario result alike. */
type Totals = Pick<AllocationView, 'budget' | 'totalFunded' | 'remaining' | 'fundedCount'> &
  Readonly<{ rows: readonly unknown[] }>;

export function SummaryCards({ view }: { view: Totals | undefined }) {
  const { t } = useI18n();
  const money = (satang: number | undefined) => (satang === undefined ? '–' : t.money.withUnit(formatBaht(satang)));
  const count = (n: number | undefined) => (n === undefined ? '–' : t.allocation.projectsUnit(n));
  const notFunded = view ? view.rows.length - view.fundedCount : undefined;
  const cards = [
    { id: 'ceiling', label: t.allocation.cardCeiling, text: money(view?.budget), value: view?.budget },
    { id: 'funded-total', label: t.allocation.cardFunded, text: money(view?.totalFunded), value: view?.totalFunded },
    { id: 'remaining', label: t.allocation.cardRemaining, text: money(view?.remaining), value: view?.remaining },
    { id: 'funded-count', label: t.allocation.cardFundedCount, text: count(view?.fundedCount), value: view?.fundedCount },
    { id: 'unfunded-count', label: t.allocation.cardUnfundedCount, text: count(notFunded), value: notFunded },
  ];
  return (
    <Stack direction="row" spacing={2} useFlexGap sx={{ flexWrap: 'wrap' }}>
      {cards.map((c) => (
        <FigureCard
          key={c.id}
          label={c.label}
          text={c.text}
          value={c.value}
          testId={`alloc-${c.id}`}
          sx={{ flex: '1 1 200px' }}
        />
      ))}
    </Stack>
  );
}
