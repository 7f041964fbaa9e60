import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import CircularProgress from '@mui/material/CircularProgress';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import Typography from '@mui/material/Typography';
import { useNotify } from '../../app/notify-context';
import { useSession } from '../../app/session-context';
import { SearchField } from '../../components/SearchField';
import type { ProjectRow } from '../../../shared/api/types';
import { useI18n } from '../../i18n/i18n-context';
import { useProjects } from '../projects/use-projects';
import { CommentField } from './CommentField';
import { ConflictDialog } from './ConflictDialog';
import { MemberPicker } from './MemberPicker';
import { ScoringGrid, type FocusedCell, type ScoreRow } from './ScoringGrid';
import { SheetFileButtons } from './SheetFileButtons';
import { scoreKey, useMemberScores } from './use-member-scores';

// The committee's view draws charts (ECharts): loaded only when its tab is opened.
const JudgementPanel = lazy(() => import('../judgement/JudgementPanel').then((m) => ({ default: m.JudgementPanel })));

/** The name of the performance measure from a score edit to the ranking showing it (`ui.score_edit_p95_ms`). */
export const SCORE_EDIT_MEASURE = 'chipao:score-edit';

const noProjects: readonly ProjectRow[] = [];

const GRID_BOX_SX = {
  flex: 1,
  minHeight: 420,
  // Unscored cells stand out so a member sees what is left; saving cells are dimmed; a comment is a
  // corner mark; a project under a declared conflict is greyed.
  '& .score-empty': { backgroundColor: '#fff8e1' },
  '& .score-pending': { color: 'text.disabled', fontStyle: 'italic' },
  '& .score-commented': { backgroundImage: 'linear-gradient(225deg, #1d4e89 6px, transparent 6px)' },
  '& .score-conflict': { backgroundColor: '#eeeeee', color: 'text.disabled' },
  '& .conflict-toggle': { border: 0, background: 'none', cursor: 'pointer', font: 'inherit', color: 'inherit' },
} as const;

export function ScoringScreen() {
  const { t } = useI18n();
  const [tab, setTab] = useState<'sheet' | 'judgement'>('sheet');
  return (
    <Box data-testid="screen-scoring" sx={{ display: 'flex', flexDirection: 'column', gap: 1, height: '100%' }}>
      <Tabs value={tab} onChange={(_, v: 'sheet' | 'judgement') => setTab(v)}>
        <Tab value="sheet" label={t.judgement.tabSheet} data-testid="tab-sheet" />
        <Tab value="judgement" label={t.judgement.tabJudgement} data-testid="tab-judgement" />
      </Tabs>
      {tab === 'sheet' ? (
        <SheetTab />
      ) : (
        <Suspense fallback={<CircularProgress />}>
          <JudgementPanel />
        </Suspense>
      )}
    </Box>
  );
}

function SheetTab() {
  const { t } = useI18n();
  const notify = useNotify();
  const { round, can } = useSession();
  const allowed = can('judgement.exportSheet');
  const projects = useProjects();
  const [memberId, setMemberId] = useState<number | null>(null);
  const [search, setSearch] = useState('');
  const [focused, setFocused] = useState<FocusedCell | null>(null);
  const [conflictRow, setConflictRow] = useState<ScoreRow | null>(null);
  const memberScores = useMemberScores(round?.id, memberId);
  const criteria = useMemo(() => (round?.criteria ?? []).filter((c) => c.kind === 'member'), [round]);

  // Edit → the ranking (projects.list) refetched and drawn: the measure the UI's speed target is read from.
  const { lastEditAt } = memberScores;
  useEffect(() => {
    if (lastEditAt.current === null || !projects.data) return;
    const start = lastEditAt.current;
    lastEditAt.current = null;
    requestAnimationFrame(() => performance.measure(SCORE_EDIT_MEASURE, { start, end: performance.now() }));
  }, [projects.data, lastEditAt]);

  const onRefused = useCallback(
    (message: string, messageTh: string) => notify.error({ code: 'BAD_ARGS', message, messageTh }),
    [notify],
  );
  const onPasted = useCallback((n: number) => notify.success(t.judgement.pasted(n)), [notify, t]);
  const comment = focused ? (memberScores.scores.get(scoreKey(focused.projectId, focused.criterion.id))?.comment ?? '') : '';

  // Each new ranking renders this screen again (the measure above is taken from here); what does not show the
  // ranking is kept from the last render instead of being drawn again (MUI text fields and selects are not cheap).
  const scored = memberScores.progress?.scored;
  const total = memberScores.progress?.total;
  const { loaded } = memberScores;
  const toolbar = useMemo(
    () => (
      <>
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, flexWrap: 'wrap' }}>
          <Typography variant="h5" component="h2">
            {t.scoring.title}
          </Typography>
          <MemberPicker members={round?.members ?? []} memberId={memberId} onChange={setMemberId} />
          {scored !== undefined && total !== undefined ? (
            <Chip data-testid="member-progress" label={t.judgement.progress(scored, total)} />
          ) : null}
          {allowed && round && memberId !== null ? <SheetFileButtons roundId={round.id} memberId={memberId} /> : null}
          <SearchField label={t.projects.search} value={search} onChange={setSearch} testId="scoring-search" alignEnd />
        </Box>
        {memberId !== null ? (
          <Typography variant="body2" sx={{ color: 'text.secondary' }}>
            {t.judgement.hint}
          </Typography>
        ) : null}
        {round && criteria.length === 0 ? <Alert severity="info">{t.scoring.noCriteria}</Alert> : null}
        {memberId === null ? (
          <Alert severity="info" data-testid="scoring-pick-member">
            {t.scoring.pickMember}
          </Alert>
        ) : null}
      </>
    ),
    [t, round, memberId, scored, total, allowed, search, criteria],
  );
  const saveComment = memberScores.comment;
  const commentField = useMemo(
    () => (
      <CommentField
        cell={focused}
        comment={comment}
        onSave={async (text) => {
          if (!focused) return false;
          const saved = await saveComment(focused.projectId, focused.criterion.id, text);
          if (saved) notify.success(t.judgement.commentSaved);
          return saved;
        }}
      />
    ),
    [focused, comment, saveComment, notify, t],
  );

  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 1.5, flex: 1, minHeight: 0 }}>
      {toolbar}
      {memberId !== null ? (
        <>
          <Box data-testid="scoring-grid" data-loaded={loaded} sx={GRID_BOX_SX}>
            <ScoringGrid
              projects={projects.data ?? noProjects}
              criteria={criteria}
              memberScores={memberScores}
              search={search}
              onFocusCell={setFocused}
              onConflict={setConflictRow}
              onRefused={onRefused}
              onPasted={onPasted}
            />
          </Box>
          {commentField}
        </>
      ) : null}
      {conflictRow ? (
        <ConflictDialog
          code={conflictRow.code}
          declared={conflictRow.conflict}
          onClose={() => setConflictRow(null)}
          onConfirm={(declared, reason) => {
            void memberScores.declareConflict(conflictRow.projectId, declared, reason);
            setConflictRow(null);
          }}
        />
      ) : null}
    </Box>
  );
}
