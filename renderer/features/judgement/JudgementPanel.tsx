import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Typography from '@mui/material/Typography';
import type { SpreadMeasure } from '../../../shared/domain/judgement/spread';
import { useSession } from '../../app/session-context';
import { useQuery } from '../../app/use-query';
import { useI18n } from '../../i18n/i18n-context';
import { AggregationBar } from './AggregationBar';
import { DisagreementHeatmap } from './DisagreementHeatmap';
import { DiscussFirstList } from './DiscussFirstList';
import { KendallTable } from './KendallTable';
import { OverridesPanel } from './OverridesPanel';
import { ProgressPanel } from './ProgressPanel';
import { SensitivityPanel } from './SensitivityPanel';
import { notScoreEcho } from './score-echo';

/** The committee's view of its own judgement: disagreement, concordance, progress, overrides, sensitivity. */
export function JudgementPanel() {
  const { t } = useI18n();
  const { round } = useSession();
  const [spread, setSpread] = useState<SpreadMeasure>('sd');
  const view = useQuery('judgement.view', round ? { roundId: round.id, spread, top: 25 } : null, {
    refetchOn: ['scores.changed', 'round.changed', 'allocation.changed'],
    when: notScoreEcho,
  });
  if (!round) return null;
  const data = view.data;
  return (
    <Box
      data-testid="judgement-panel"
      data-loaded={data !== undefined}
      sx={{ display: 'flex', flexDirection: 'column', gap: 2, pb: 4 }}
    >
      <AggregationBar round={round} view={data} spread={spread} onSpread={setSpread} />
      {data ? (
        <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', lg: '3fr 2fr' }, gap: 2 }}>
          <Section title={t.judgement.heatTitle}>
            {data.heat.projects.length === 0 ? (
              <Alert severity="info">{t.judgement.heatEmpty}</Alert>
            ) : (
              <DisagreementHeatmap view={data} criteria={round.criteria} />
            )}
          </Section>
          <Box sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
            <Section title={t.judgement.kendallTitle}>
              <KendallTable rows={data.kendall} criteria={round.criteria} />
            </Section>
            <Section title={t.judgement.progressTitle}>
              <ProgressPanel progress={data.progress} members={round.members} />
            </Section>
          </Box>
          <Section title={t.judgement.discussTitle}>
            <DiscussFirstList items={data.discussFirst} />
          </Section>
          <Section title={t.judgement.overridesTitle}>
            <OverridesPanel round={round} />
          </Section>
        </Box>
      ) : null}
      <Section title={t.judgement.sensitivityTitle}>
        <SensitivityPanel roundId={round.id} />
      </Section>
    </Box>
  );
}

function Section({ title, children }: Readonly<{ title: string; children: React.ReactNode }>) {
  return (
    <Card variant="outlined">
      <CardContent sx={{ display: 'flex', flexDirection: 'column', gap: 1 }}>
        <Typography variant="h6" component="h3">
          {title}
        </Typography>
        {children}
      </CardContent>
    </Card>
  );
}
