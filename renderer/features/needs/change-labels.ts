import { useMemo } from 'react';
import { formatBaht } from '../../../shared/domain/money';
import { useNames } from '../../app/use-names';
import { formatShortDate } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n-context';

/** How a changed field of a need is named and its values shown (the what-changed views and a need's versions). */
export function useChangeLabels(): Readonly<{
  label(field: string): string;
  value(field: string, v: string | number | null): string;
}> {
  const { lang, t } = useI18n();
  const areaNames = useNames();
  return useMemo(() => {
    const col = t.needs.col;
    const names: Readonly<Record<string, string>> = {
      status: col.status,
      title: col.title,
      description: t.needsImport.description,
      category: col.category,
      tambon_code: col.tambon,
      village_no: col.villageNo,
      households: col.households,
      people_affected: col.peopleAffected,
      times_raised: col.timesRaised,
      channel: col.channel,
      reported_date: col.reportedDate,
      estimated_cost: col.estimatedCost,
      lat: col.latitude,
      lon: col.longitude,
    };
    return {
      label: (field) => names[field] ?? field,
      value: (field, v) => {
        if (v === null || v === '') return '—';
        if (field === 'estimated_cost' && typeof v === 'number') return formatBaht(v);
        if (field === 'status' && (v === 'active' || v === 'withdrawn')) return t.needs.status[v];
        if (typeof v === 'string') {
          if (field === 'category') return areaNames.category(v);
          if (field === 'tambon_code') return `${areaNames.tambon(v)} (${v})`;
          if (field === 'channel') return areaNames.channel(v);
          if (field === 'reported_date') return formatShortDate(v, lang);
        }
        return String(v);
      },
    };
  }, [lang, t, areaNames]);
}
