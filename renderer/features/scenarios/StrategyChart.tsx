import type { StrategyAllocation } from '../../../shared/api/types';
import { RequestedFundedChart } from '../../components/RequestedFundedChart';
import { useI18n } from '../../i18n/i18n-context';

/** Funded vs requested per development issue (strategy). */
export function StrategyChart({ strategies }: { strategies: readonly StrategyAllocation[] }) {
  const { t } = useI18n();
  return (
    <RequestedFundedChart
      items={strategies.map((s) => ({ key: s.id, nameTh: s.nameTh, nameEn: s.nameEn, requested: s.requested, funded: s.funded }))}
      title={t.scenarios.strategyChartTitle}
      fundedColor="#c77d00"
      testId="strategy-chart"
      rowHeight={48}
      baseHeight={60}
      labelWidth={170}
      dataAttributes={{ strategies: String(strategies.length) }}
    />
  );
}
