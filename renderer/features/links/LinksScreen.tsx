import { useMemo, useState } from 'react';
import Box from '@mui/material/Box';
import Divider from '@mui/material/Divider';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import type { RoundSuggestions } from '../../../shared/domain/links/types';
import type { RoundSuggestionItem } from '../../../shared/domain/links/suggest-round';
import { useSession } from '../../app/session-context';
import { useQuery } from '../../app/use-query';
import { formatSatang } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n-context';
import { useCall } from '../rounds/use-call';
import { EvidenceCard } from './EvidenceCard';
import { LinkedNeedsPanel } from './LinkedNeedsPanel';
import { ManualLinkPanel } from './ManualLinkPanel';
import { ProposalPicker } from './ProposalPicker';
import { SuggestAllBar } from './SuggestAllBar';
import { SuggestionsPanel } from './SuggestionsPanel';
import { useProjectParam } from './use-project-param';

/**
 * Linking citizens' needs to proposals: pick a proposal, see the needs suggested for it and why, accept or reject
 * them, unlink, and watch its evidence (people, households, villages, times raised, cost per person) follow.
 */
export function LinksScreen() {
  const { t } = useI18n();
  const { round, can } = useSession();
  const allowed = can('links.accept');
  const [projectId, selectProject] = useProjectParam();
  const [suggested, setSuggested] = useState<RoundSuggestions | null>(null);
  const roundId = round?.id;
  const projects = useQuery('projects.list', roundId ? { roundId } : null, {
    refetchOn: ['links.changed', 'needs.synced', 'round.changed'],
  });
  const forThis = (m: { payload: unknown }): boolean => (m.payload as { projectId?: number }).projectId === projectId;
  const linked = useQuery('links.forProject', projectId ? { projectId } : null, {
    refetchOn: ['links.changed', 'needs.synced'],
    when: (m) => m.event !== 'links.changed' || forThis(m),
  });
  const suggestions = useQuery('links.suggest', roundId && projectId ? { roundId, projectId } : null, {
    refetchOn: ['links.changed', 'needs.synced'],
    when: (m) => m.event !== 'links.changed' || forThis(m),
  });
  const { busy, call } = useCall();
  const byProject = useMemo(
    () => (suggested ? new Map<number, RoundSuggestionItem>(suggested.items.map((i) => [i.projectId, i])) : null),
    [suggested],
  );
  const change = (method: 'links.accept' | 'links.reject' | 'links.link' | 'links.unlink', needIds: number[]): void => {
    if (projectId) void call(method, { projectId, needIds });
  };
  const view = linked.data && linked.data.projectId === projectId ? linked.data : undefined;
  return (
    <Box data-testid="screen-links" sx={{ display: 'flex', flexDirection: 'column', gap: 2, height: '100%' }}>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, flexWrap: 'wrap' }}>
        <Typography variant="h5" component="h2">
          {t.links.title}
        </Typography>
        <Box sx={{ ml: 'auto' }}>{roundId ? <SuggestAllBar roundId={roundId} onDone={setSuggested} /> : null}</Box>
      </Box>
      {!allowed ? (
        <Typography variant="body2" sx={{ color: 'text.secondary' }}>
          {t.app.readOnlyRole}
        </Typography>
      ) : null}
      <Box sx={{ display: 'grid', gridTemplateColumns: 'minmax(280px, 360px) 1fr', gap: 2, flex: 1, minHeight: 0 }}>
        <ProposalPicker projects={projects.data} selected={projectId} onSelect={selectProject} suggested={byProject} />
        <Paper variant="outlined" sx={{ p: 2, overflow: 'auto', display: 'flex', flexDirection: 'column', gap: 2 }}>
          {!projectId ? (
            <Typography sx={{ color: 'text.secondary' }}>{t.links.pickProposal}</Typography>
          ) : view ? (
            <>
              <Box>
                <Typography variant="h6" component="h3" data-testid="links-proposal-title">
                  {view.code} {view.title}
                </Typography>
                <Typography variant="body2" sx={{ color: 'text.secondary' }}>
                  {t.projects.col.requested}: {formatSatang(view.requested)}
                </Typography>
              </Box>
              <EvidenceCard view={view} />
              <Divider />
              <SuggestionsPanel
                view={suggestions.data?.projectId === projectId ? suggestions.data : undefined}
                canEdit={allowed}
                busy={busy}
                onAccept={(ids) => change('links.accept', ids)}
                onReject={(ids) => change('links.reject', ids)}
              />
              <Divider />
              <LinkedNeedsPanel view={view} canEdit={allowed} busy={busy} onUnlink={(id) => change('links.unlink', [id])} />
              {allowed ? (
                <>
                  <Divider />
                  <ManualLinkPanel
                    districtCode={projects.data?.find((p) => p.id === projectId)?.districtCode ?? null}
                    linkedIds={new Set(view.linkedIds)}
                    busy={busy}
                    onLink={(id) => change('links.link', [id])}
                  />
                </>
              ) : null}
            </>
          ) : (
            <Typography sx={{ color: 'text.secondary' }}>{t.app.loading}</Typography>
          )}
        </Paper>
      </Box>
    </Box>
  );
}
