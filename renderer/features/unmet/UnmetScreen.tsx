import { useState } from 'react';
import Box from '@mui/material/Box';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { FigureCard } from '../../components/FigureCard';
import { useSession } from '../../app/session-context';
import { useNames } from '../../app/use-names';
import { useQuery } from '../../app/use-query';
import { formatCount } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n-context';
import { AgencyRoutesPanel } from './AgencyRoutesPanel';
import { UnmetDoors } from './UnmetDoors';
import { UnmetGrid } from './UnmetGrid';
import { UnmetHeat } from './UnmetHeat';

/**
 * Citizens' needs no proposal of the round answers, routed to the level that should act: pick the province or a
 * district, see them by area × category, who should act on how many, the routed list, and export a door's list.
 */
export function UnmetScreen() {
  const { t } = useI18n();
  const { round, areas } = useSession();
  const names = useNames();
  const [districtCode, setDistrictCode] = useState('');
  const [door, setDoor] = useState('');
  const roundId = round?.id ?? null;
  const summary = useQuery('unmet.summary', roundId === null ? null : { roundId, ...(districtCode ? { districtCode } : {}) }, {
    refetchOn: ['needs.synced', 'round.changed'],
  });
  const chooseDistrict = (code: string): void => {
    setDistrictCode(code);
    setDoor('');
  };
  const s = summary.data;

  return (
    <Box data-testid="screen-unmet" sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
      <Box>
        <Typography variant="h5" component="h2">
          {t.unmet.title}
        </Typography>
        <Typography variant="body2" sx={{ color: 'text.secondary' }}>
          {t.unmet.intro}
        </Typography>
      </Box>
      <Box sx={{ display: 'flex', gap: 2, alignItems: 'center', flexWrap: 'wrap' }}>
        <TextField
          select
          size="small"
          label={t.unmet.area}
          value={districtCode}
          onChange={(e) => chooseDistrict(e.target.value)}
          data-testid="unmet-district"
          // '' is the whole province: shown as a choice, not as an empty field.
          slotProps={{ select: { displayEmpty: true }, inputLabel: { shrink: true } }}
          sx={{ width: 240 }}
        >
          <MenuItem value="" data-testid="unmet-district-option-province">
            {t.unmet.province}
          </MenuItem>
          {(areas?.districts ?? []).map((d) => (
            <MenuItem key={d.code} value={d.code} data-testid={`unmet-district-option-${d.code}`}>
              {names.district(d.code)}
            </MenuItem>
          ))}
        </TextField>
        <FigureCard
          label={t.unmet.totalNeeds}
          text={s ? formatCount(s.totals.needs) : '…'}
          value={s && s.districtCode === (districtCode || null) ? s.totals.needs : null}
          testId="unmet-total-needs"
        />
        <FigureCard
          label={t.unmet.totalPeople}
          text={s ? formatCount(s.totals.people) : '…'}
          value={s?.totals.people}
          testId="unmet-total-people"
        />
        <FigureCard
          label={t.unmet.totalHouseholds}
          text={s ? formatCount(s.totals.households) : '…'}
          value={s?.totals.households}
          testId="unmet-total-households"
        />
      </Box>
      {s && s.totals.needs === 0 && <Typography data-testid="unmet-empty">{t.unmet.empty}</Typography>}
      {s && roundId !== null && s.totals.needs > 0 && (
        <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', xl: 'minmax(0, 3fr) minmax(0, 2fr)' }, gap: 2 }}>
          <Paper variant="outlined" sx={{ p: 2, minWidth: 0 }}>
            <UnmetHeat summary={s} onArea={chooseDistrict} />
          </Paper>
          <Paper variant="outlined" sx={{ p: 2, minWidth: 0 }}>
            <UnmetDoors roundId={roundId} districtCode={districtCode} doors={s.doors} selected={door} onSelect={setDoor} />
          </Paper>
        </Box>
      )}
      {roundId !== null && (
        <Paper variant="outlined" sx={{ p: 2 }}>
          <UnmetGrid roundId={roundId} districtCode={districtCode} door={door} />
        </Paper>
      )}
      {roundId !== null && (
        <Paper variant="outlined" sx={{ p: 2 }}>
          <AgencyRoutesPanel roundId={roundId} />
        </Paper>
      )}
    </Box>
  );
}
