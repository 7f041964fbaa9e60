import { useCallback, useEffect, useRef, useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import CircularProgress from '@mui/material/CircularProgress';
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import type { MemberSheet as Sheet } from '../../../shared/api/workshop';
import { formatBaht } from '../../../shared/domain/money';
import { useApi } from '../../app/api-context';
import { useNotify } from '../../app/notify-context';
import { useQuery } from '../../app/use-query';
import { useI18n } from '../../i18n/i18n-context';
import { ConflictDialog } from '../scoring/ConflictDialog';
import { Projector } from './Projector';
import { ScoreField } from './ScoreField';

type CellState = Readonly<{ value: number; saving: boolean }>;

const keyOf = (projectId: number, criterionId: number): string => `${projectId}:${criterionId}`;

/** The most values a scale may have to be tapped as a row of buttons (0–10); a wider one, or fractions, is typed. */
const MAX_BUTTONS = 11;

/** The values of a whole-number scale narrow enough for buttons, or null when the score is typed instead. */
function buttonValues(c: Readonly<{ scaleMin: number; scaleMax: number }>): number[] | null {
  if (!Number.isInteger(c.scaleMin) || !Number.isInteger(c.scaleMax) || c.scaleMax - c.scaleMin + 1 > MAX_BUTTONS) return null;
  return Array.from({ length: c.scaleMax - c.scaleMin + 1 }, (_, i) => c.scaleMin + i);
}

/** Counts this device's writes of a cell whose change has not come back yet (+1 sent, −1 refused or heard back). */
function countWrite(writes: Map<string, number>, key: string, by: 1 | -1): void {
  const n = (writes.get(key) ?? 0) + by;
  if (n > 0) writes.set(key, n);
  else writes.delete(key);
}

/**
 * A member's own sheet on their own device: one card per assigned project, one row of large buttons per criterion.
 * Each tap saves at once; one cell's edits go one after another, each naming the version the previous one got back,
 * so quick changes never conflict with each other. An edit the host refuses goes back to the stored score and the
 * sheet is read again; so does a change made on the member's other device, and a reconnect. A project the member
 * declared a conflict of interest on is not scored and not due: its card says so and offers to withdraw the declaration.
 */
export function MemberSheet({ revealed }: { revealed: boolean }) {
  const { t, lang } = useI18n();
  const s = t.workshop.sheet;
  const { client } = useApi();
  const notify = useNotify();
  /** Whose sheet this is, once read: another member's changes are none of this sheet's business. */
  const memberOf = useRef<number | null>(null);
  /** This device's own writes per cell whose `scores.changed` has not come back yet: they need no reload. */
  const ownWrites = useRef(new Map<string, number>());
  const sheet = useQuery(
    'workshop.mySheet',
    {},
    {
      // The member's other device (a tablet beside the phone) scores and declares too: this sheet follows it.
      refetchOn: ['scores.changed'],
      when: (m) => {
        if (m.event !== 'scores.changed' || m.payload.memberId !== memberOf.current) return false;
        const key = keyOf(m.payload.projectId, m.payload.criterionId);
        const mine = ownWrites.current.get(key) ?? 0;
        if (mine === 0) return true;
        countWrite(ownWrites.current, key, -1);
        return false;
      },
    },
  );
  const [cells, setCells] = useState<ReadonlyMap<string, CellState>>(new Map());
  const versions = useRef(new Map<string, number>());
  /** The score the host holds for each cell, as far as this device knows: what a refused edit goes back to. */
  const stored = useRef(new Map<string, number>());
  const chains = useRef(new Map<string, Promise<void>>());
  const [conflictOn, setConflictOn] = useState<Readonly<{ id: number; code: string; declared: boolean }> | null>(null);

  useEffect(() => {
    if (!sheet.data) return;
    memberOf.current = sheet.data.memberId;
    const next = new Map<string, CellState>();
    stored.current = new Map();
    // A cell with an edit still on its way keeps its version and what it shows: that edit's answer sets them.
    const settled = (key: string): boolean => !chains.current.has(key);
    // A score taken back keeps its version: the next write of the cell names it.
    for (const c of sheet.data.cleared) {
      const key = keyOf(c.projectId, c.criterionId);
      if (settled(key)) versions.current.set(key, c.version);
    }
    for (const sc of sheet.data.scores) {
      const key = keyOf(sc.projectId, sc.criterionId);
      if (settled(key)) versions.current.set(key, sc.version);
      stored.current.set(key, sc.value);
      next.set(key, { value: sc.value, saving: false });
    }
    setCells((shown) => {
      for (const key of chains.current.keys()) {
        const cell = shown.get(key);
        if (cell) next.set(key, cell);
      }
      return next;
    });
  }, [sheet.data]);

  const save = useCallback(
    (data: Sheet, projectId: number, criterionId: number, value: number): void => {
      const key = keyOf(projectId, criterionId);
      setCells((m) => new Map(m).set(key, { value, saving: true }));
      const previous = chains.current.get(key) ?? Promise.resolve();
      const run = previous.then(async () => {
        countWrite(ownWrites.current, key, 1);
        const result = await client.call('scores.set', {
          roundId: data.roundId,
          memberId: data.memberId,
          projectId,
          criterionId,
          value,
          expectedVersion: versions.current.get(key) ?? 0,
        });
        if (result.ok) {
          versions.current.set(key, result.value.version);
          stored.current.set(key, result.value.value);
        } else {
          // Nothing was saved, so no change comes back for it; the sheet is read again, as the host holds it
          // (another device's score, a conflict declared there, a closed round).
          countWrite(ownWrites.current, key, -1);
          notify.error(result.error);
          sheet.reload();
        }
        if (chains.current.get(key) === run) {
          chains.current.delete(key);
          // A refused edit is neither shown as saved nor counted: the cell goes back to the stored score.
          const kept = stored.current.get(key);
          setCells((m) => {
            const next = new Map(m);
            if (result.ok) next.set(key, { value: m.get(key)?.value ?? value, saving: false });
            else if (kept === undefined) next.delete(key);
            else next.set(key, { value: kept, saving: false });
            return next;
          });
        }
      });
      chains.current.set(key, run);
    },
    [client, notify, sheet],
  );

  const declare = useCallback(
    async (data: Sheet, projectId: number, declared: boolean, reason: string): Promise<void> => {
      // The declaration's change (criterion 0: the whole project) needs no reload beyond the one below.
      const key = keyOf(projectId, 0);
      countWrite(ownWrites.current, key, 1);
      const result = await client.call('scores.declareConflict', {
        roundId: data.roundId,
        memberId: data.memberId,
        projectId,
        declared,
        ...(declared ? { reason } : {}),
      });
      if (!result.ok) {
        countWrite(ownWrites.current, key, -1);
        notify.error(result.error);
      }
      sheet.reload();
    },
    [client, notify, sheet],
  );

  if (!sheet.data) return <CircularProgress sx={{ m: 4 }} />;
  const data = sheet.data;
  const conflicts = new Map(data.conflicts.map((c) => [c.projectId, c.reason]));
  // Cells of a project under a declared conflict are not due (as the host counts them).
  const due = data.projects.filter((p) => !conflicts.has(p.id));
  const total = due.length * data.criteria.length;
  const scored = due.reduce((n, p) => n + data.criteria.filter((c) => cells.has(keyOf(p.id, c.id))).length, 0);
  return (
    <Stack spacing={2} sx={{ maxWidth: 760, mx: 'auto' }} data-testid="member-sheet" data-member-id={data.memberId}>
      <Box>
        <Typography variant="h5" component="h2" sx={{ fontWeight: 700 }}>
          {s.title}
        </Typography>
        <Typography data-testid="sheet-progress">{s.done(scored, total)}</Typography>
        <LinearProgress
          variant="determinate"
          value={total ? (100 * scored) / total : 0}
          sx={{ height: 10, borderRadius: 5, mt: 1 }}
        />
      </Box>
      {revealed ? (
        <Box>
          <Typography variant="h6" component="h3">
            {s.results}
          </Typography>
          <Projector compact />
        </Box>
      ) : null}
      {data.projects.length === 0 ? <Typography>{s.empty}</Typography> : null}
      {data.projects.map((p) => (
        <Card key={p.id} variant="outlined" data-testid={`sheet-project-${p.code}`}>
          <CardContent>
            <Typography variant="h6" component="h3" sx={{ lineHeight: 1.3 }}>
              {p.title}
            </Typography>
            <Typography color="text.secondary" sx={{ mb: 1.5 }}>
              {p.code} · {p.agency} · {s.requested(formatBaht(p.requested))}
            </Typography>
            {conflicts.has(p.id) ? (
              <Alert severity="info" data-testid={`sheet-conflict-${p.code}`} sx={{ mb: 1.5 }}>
                {s.conflicted(conflicts.get(p.id)!)}
              </Alert>
            ) : null}
            {conflicts.has(p.id) ? null : (
              <Stack spacing={1.5}>
                {data.criteria.map((c) => {
                  const cell = cells.get(keyOf(p.id, c.id));
                  const values = buttonValues(c);
                  return (
                    <Box key={c.id}>
                      <Typography sx={{ fontSize: 17, mb: 0.5 }}>
                        {lang === 'th' ? c.nameTh : c.nameEn}{' '}
                        <Typography component="span" color="text.secondary" sx={{ fontSize: 14 }}>
                          {cell ? (cell.saving ? s.saving : s.saved) : ''}
                        </Typography>
                      </Typography>
                      {values === null ? (
                        <ScoreField
                          testId={`score-field-${p.code}-${c.code}`}
                          label={lang === 'th' ? c.nameTh : c.nameEn}
                          scale={c}
                          value={cell?.value ?? null}
                          onSave={(v) => save(data, p.id, c.id, v)}
                        />
                      ) : (
                        <ToggleButtonGroup
                          exclusive
                          value={cell?.value ?? null}
                          onChange={(_e, v: number | null) => {
                            if (v !== null) save(data, p.id, c.id, v);
                          }}
                          aria-label={lang === 'th' ? c.nameTh : c.nameEn}
                          sx={{ flexWrap: 'wrap' }}
                        >
                          {values.map((v) => (
                            <ToggleButton
                              key={v}
                              value={v}
                              data-testid={`score-${p.code}-${c.code}-${v}`}
                              sx={{
                                minWidth: 56,
                                minHeight: 56,
                                fontSize: 22,
                                fontWeight: 700,
                                '&.Mui-selected, &.Mui-selected:hover': {
                                  bgcolor: 'primary.main',
                                  color: 'primary.contrastText',
                                },
                              }}
                            >
                              {v}
                            </ToggleButton>
                          ))}
                        </ToggleButtonGroup>
                      )}
                    </Box>
                  );
                })}
              </Stack>
            )}
            <Button
              size="large"
              variant="outlined"
              data-testid={`sheet-conflict-button-${p.code}`}
              onClick={() => setConflictOn({ id: p.id, code: p.code, declared: conflicts.has(p.id) })}
              sx={{ mt: conflicts.has(p.id) ? 0 : 2 }}
            >
              {conflicts.has(p.id) ? t.judgement.conflictWithdraw : s.declareConflict}
            </Button>
          </CardContent>
        </Card>
      ))}
      {conflictOn ? (
        <ConflictDialog
          code={conflictOn.code}
          declared={conflictOn.declared}
          onClose={() => setConflictOn(null)}
          onConfirm={(declared, reason) => {
            void declare(data, conflictOn.id, declared, reason);
            setConflictOn(null);
          }}
        />
      ) : null}
    </Stack>
  );
}
