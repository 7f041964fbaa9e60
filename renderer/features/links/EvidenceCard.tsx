import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Typography from '@mui/material/Typography';
import type { ProjectLinksView } from '../../../shared/domain/links/types';
import { FigureCard } from '../../components/FigureCard';
import { useNames } from '../../app/use-names';
import { formatCount, formatSatang } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n-context';

/** The proposal's evidence recomputed from its linked needs; a proposal without any is said to have none. */
export function EvidenceCard(props: { view: ProjectLinksView }) {
  const { t } = useI18n();
  const names = useNames();
  const e = props.view.evidence;
  const l = t.links.evidence;
  return (
    <Box data-testid="links-evidence" sx={{ display: 'flex', flexDirection: 'column', gap: 1 }}>
      <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600 }}>
        {l.title}
      </Typography>
      {e.needs === 0 ? (
        <Alert severity="warning" data-testid="links-evidence-none">
          {l.none}
        </Alert>
      ) : null}
      {props.view.evidenceChanged ? (
        <Alert severity="info" data-testid="links-evidence-changed">
          {l.changed}
        </Alert>
      ) : null}
      <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(150px, 1fr))', gap: 1 }}>
        <FigureCard label={l.needs} text={formatCount(e.needs)} value={e.needs} testId="links-ev-needs" />
        <FigureCard label={l.people} text={formatCount(e.people)} value={e.people} testId="links-ev-people" />
        <FigureCard label={l.households} text={formatCount(e.households)} value={e.households} testId="links-ev-households" />
        <FigureCard label={l.villages} text={formatCount(e.villages)} value={e.villages} testId="links-ev-villages" />
        <FigureCard label={l.timesRaised} text={formatCount(e.timesRaised)} value={e.timesRaised} testId="links-ev-times" />
        <FigureCard
          label={l.costPerPerson}
          text={e.costPerPerson === null ? '—' : formatSatang(e.costPerPerson)}
          value={e.costPerPerson}
          testId="links-ev-cost"
        />
      </Box>
      {e.byCategory.length > 0 ? (
        <Box sx={{ display: 'flex', gap: 0.5, flexWrap: 'wrap', alignItems: 'center' }} data-testid="links-ev-categories">
          <Typography variant="body2" sx={{ color: 'text.secondary', mr: 1 }}>
            {l.byCategory}
          </Typography>
          {e.byCategory.map((c) => (
            <Chip key={c.category} size="small" label={`${names.category(c.category)} ${formatCount(c.needs)}`} />
          ))}
        </Box>
      ) : null}
    </Box>
  );
}
