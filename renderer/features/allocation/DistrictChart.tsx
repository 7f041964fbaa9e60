import type { DistrictAllocation } from '../../../shared/api/types';
import { RequestedFundedChart } from '../../components/RequestedFundedChart';
import { useI18n } from '../../i18n/i18n-context';

/** Funded vs requested per district. */
export function DistrictChart({ districts }: { districts: readonly DistrictAllocation[] }) {
  const { t } = useI18n();
  return (
    <RequestedFundedChart
      items={districts.map((d) => ({
        key: d.code,
        nameTh: d.nameTh,
        nameEn: d.nameEn,
        requested: d.requested,
        funded: d.funded,
      }))}
      title={t.allocation.chartTitle}
      fundedColor="#1d4e89"
      testId="district-chart"
      rowHeight={34}
      baseHeight={40}
      dataAttributes={{ districts: String(districts.length) }}
    />
  );
}
