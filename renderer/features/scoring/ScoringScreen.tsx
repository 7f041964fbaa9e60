import { useMemo, useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { useSession } from '../../app/session-context';
import { useI18n } from '../../i18n/i18n-context';
import { useProjects } from '../projects/use-projects';
import { MemberPicker } from './MemberPicker';
import { ScoringGrid } from './ScoringGrid';
import { useMemberScores } from './use-member-scores';
import { SearchField } from '../../components/SearchField';

export function ScoringScreen() {
  const { t } = useI18n();
  const { round } = useSession();
  const projects = useProjects();
  const [memberId, setMemberId] = useState<number | null>(null);
  const [search, setSearch] = useState('');
  const memberScores = useMemberScores(round?.id, memberId);
  const criteria = useMemo(() => (round?.criteria ?? []).filter((c) => c.kind === 'member'), [round]);

  return (
    <Box data-testid="screen-scoring" sx={{ display: 'flex', flexDirection: 'column', gap: 2, height: '100%' }}>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, flexWrap: 'wrap' }}>
        <Typography variant="h5" component="h2">
          {t.scoring.title}
        </Typography>
        <MemberPicker members={round?.members ?? []} memberId={memberId} onChange={setMemberId} />
        {memberId !== null ? (
          <Typography variant="body2" sx={{ color: 'text.secondary' }}>
            {t.scoring.hint}
          </Typography>
        ) : null}
        <SearchField label={t.projects.search} value={search} onChange={setSearch} testId="scoring-search" alignEnd />
      </Box>
      {round && criteria.length === 0 ? <Alert severity="info">{t.scoring.noCriteria}</Alert> : null}
      {memberId === null ? (
        <Alert severity="info" data-testid="scoring-pick-member">
          {t.scoring.pickMember}
        </Alert>
      ) : (
        <Box
          data-testid="scoring-grid"
          data-loaded={memberScores.loaded}
          sx={{
            flex: 1,
            minHeight: 420,
            // Unscored cells stand out so a member sees what is left; saving cells are dimmed.
            '& .score-empty': { backgroundColor: '#fff8e1' },
            '& .score-pending': { color: 'text.disabled', fontStyle: 'italic' },
          }}
        >
          <ScoringGrid projects={projects.data ?? []} criteria={criteria} memberScores={memberScores} search={search} />
        </Box>
      )}
    </Box>
  );
}
