import Box from '@mui/material/Box';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import type { JudgementView } from '../../../shared/api/judgement';
import type { RoundDetail } from '../../../shared/api/types';
import { AGGREGATIONS, isAggregation, type Aggregation } from '../../../shared/domain/judgement/aggregation';
import type { SpreadMeasure } from '../../../shared/domain/judgement/spread';
import { useApi } from '../../app/api-context';
import { useNotify } from '../../app/notify-context';
import { useSession } from '../../app/session-context';
import { useI18n } from '../../i18n/i18n-context';
import { MemberWeightsButton } from './MemberWeightsDialog';

type Props = Readonly<{
  round: RoundDetail;
  view: JudgementView | undefined;
  spread: SpreadMeasure;
  onSpread(spread: SpreadMeasure): void;
}>;

const DEFAULT = 'default';

/** The round's aggregation (default and per criterion; the owner records it) and the disagreement measure shown. */
export function AggregationBar({ round, view, spread, onSpread }: Props) {
  const { client } = useApi();
  const { lang, t } = useI18n();
  const notify = useNotify();
  const { can, reloadRound } = useSession();
  const allowed = can('judgement.setAggregation');
  const save = async (args: {
    aggregation?: Aggregation;
    criteria?: { criterionId: number; aggregation: Aggregation | null }[];
  }) => {
    const r = await client.call('judgement.setAggregation', { roundId: round.id, ...args });
    if (!r.ok) notify.error(r.error);
    else reloadRound();
  };
  const chosen = new Map(view?.criteria.map((c) => [c.criterionId, c.aggregation]) ?? []);
  const memberCriteria = round.criteria.filter((c) => c.kind === 'member');
  return (
    <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap', alignItems: 'center' }}>
      <TextField
        select
        size="small"
        label={t.judgement.aggregation}
        value={round.aggregation}
        disabled={!allowed}
        onChange={(e) => isAggregation(e.target.value) && void save({ aggregation: e.target.value })}
        data-testid="aggregation-round"
        sx={{ minWidth: 200 }}
      >
        {AGGREGATIONS.map((a) => (
          <MenuItem key={a} value={a}>
            {t.judgement.aggregations[a]}
          </MenuItem>
        ))}
      </TextField>
      {memberCriteria.map((c) => (
        <TextField
          key={c.id}
          select
          size="small"
          label={lang === 'th' ? c.nameTh : c.nameEn}
          value={chosen.get(c.id) ?? DEFAULT}
          disabled={!allowed}
          onChange={(e) =>
            void save({ criteria: [{ criterionId: c.id, aggregation: isAggregation(e.target.value) ? e.target.value : null }] })
          }
          data-testid={`aggregation-${c.code}`}
          sx={{ minWidth: 170 }}
        >
          <MenuItem value={DEFAULT}>{t.judgement.useDefault}</MenuItem>
          {AGGREGATIONS.map((a) => (
            <MenuItem key={a} value={a}>
              {t.judgement.aggregations[a]}
            </MenuItem>
          ))}
        </TextField>
      ))}
      <MemberWeightsButton round={round} view={view} />
      <ToggleButtonGroup
        size="small"
        exclusive
        value={spread}
        onChange={(_, v: SpreadMeasure | null) => v && onSpread(v)}
        aria-label={t.judgement.spread}
        sx={{ ml: 'auto' }}
      >
        <ToggleButton value="sd" data-testid="spread-sd">
          {t.judgement.spreads.sd}
        </ToggleButton>
        <ToggleButton value="iqr" data-testid="spread-iqr">
          {t.judgement.spreads.iqr}
        </ToggleButton>
      </ToggleButtonGroup>
    </Box>
  );
}
