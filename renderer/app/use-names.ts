import { useMemo } from 'react';
import { STRATEGIES } from '../../shared/domain/taxonomy';
import { useI18n } from '../i18n/i18n-context';
import { useSession } from './session-context';

type Named = Readonly<{ nameTh: string; nameEn: string }>;

const strategies: ReadonlyMap<string, Named> = new Map(STRATEGIES.map((s) => [s.id, { nameTh: s.th, nameEn: s.en }]));

export type Names = Readonly<{
  /** null: a proposal over several districts or the whole province. */
  district(code: string | null): string;
  tambon(code: string): string;
  category(id: string): string;
  strategy(id: string): string;
  channel(channel: string): string;
}>;

/**
 * Display names for the codes the API returns (areas, categories, strategies, channels) in the current
 * language; an unknown code is shown as itself rather than hidden. One stable object per language and
 * data set, so grids can use it in memoised column definitions.
 */
export function useNames(): Names {
  const { lang, t } = useI18n();
  const { districts, tambons, categories } = useSession();
  return useMemo(() => {
    const pick = (entry: Named | undefined, code: string): string =>
      entry ? (lang === 'th' ? entry.nameTh : entry.nameEn) : code;
    const channels: Readonly<Record<string, string>> = t.needs.channel;
    return {
      district: (code) => (code === null ? t.area.severalDistricts : pick(districts.get(code), code)),
      tambon: (code) => pick(tambons.get(code), code),
      category: (id) => pick(categories.get(id), id),
      strategy: (id) => pick(strategies.get(id), id),
      channel: (channel) => channels[channel] ?? channel,
    };
  }, [lang, t, districts, tambons, categories]);
}
