import { useState } from 'react';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { SCENARIO_NAME_MAX } from '../../../shared/api/scenario';
import type { Scenario } from '../../../shared/api/types';
import { useApi } from '../../app/api-context';
import { useNotify } from '../../app/notify-context';
import { useSession } from '../../app/session-context';
import { WhyDisabled } from '../../components/WhyDisabled';
import { useI18n } from '../../i18n/i18n-context';

type Mode = 'new' | 'branch' | 'rename' | 'delete' | null;

type Props = Readonly<{
  scenarios: readonly Scenario[] | undefined;
  current: Scenario | undefined;
  onSelect(id: number): void;
  onRename(name: string): void;
  /** The current scenario is approved: it can be branched but not renamed or deleted (see features/approval). */
  locked?: boolean;
}>;

/** Scenario picker with new / branch / rename / delete; a new or branched scenario becomes the current one. */
export function ScenarioBar({ scenarios, current, onSelect, onRename, locked = false }: Props) {
  const { t } = useI18n();
  const { client } = useApi();
  const notify = useNotify();
  const { round, can } = useSession();
  const [mode, setMode] = useState<Mode>(null);
  const [busy, setBusy] = useState(false);
  const s = t.scenarios;
  const parent = current?.parentId ? scenarios?.find((x) => x.id === current.parentId) : undefined;

  const create = async (name: string, fromId?: number): Promise<void> => {
    if (!round) return;
    setBusy(true);
    const result = await client.call('scenarios.create', { roundId: round.id, name, ...(fromId ? { fromId } : {}) });
    setBusy(false);
    if (!result.ok) {
      notify.error(result.error);
      return;
    }
    setMode(null);
    onSelect(result.value.id);
    notify.success(s.created(result.value.name));
  };

  const remove = async (): Promise<void> => {
    if (!current) return;
    setBusy(true);
    const result = await client.call('scenarios.delete', { scenarioId: current.id });
    setBusy(false);
    if (!result.ok) {
      notify.error(result.error);
      return;
    }
    setMode(null);
    const next = scenarios?.find((x) => x.id !== current.id);
    if (next) onSelect(next.id);
    notify.success(s.deleted(current.name));
  };

  return (
    <Stack direction="row" spacing={1} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
      <TextField
        select
        size="small"
        label={s.picker}
        value={current?.id ?? ''}
        onChange={(e) => onSelect(Number(e.target.value))}
        data-testid="scenario-select"
        sx={{ width: 420 }}
      >
        {(scenarios ?? []).map((x) => (
          <MenuItem key={x.id} value={x.id} data-testid={`scenario-option-${x.id}`} data-name={x.name}>
            {x.name}
          </MenuItem>
        ))}
      </TextField>
      <WhyDisabled reason={can('scenarios.create') ? undefined : t.app.readOnlyRole}>
        <Button
          variant="outlined"
          data-testid="scenario-new"
          disabled={!can('scenarios.create') || !round}
          onClick={() => setMode('new')}
        >
          {s.new}
        </Button>
      </WhyDisabled>
      <WhyDisabled reason={can('scenarios.create') ? undefined : t.app.readOnlyRole}>
        <Button
          variant="outlined"
          data-testid="scenario-branch"
          disabled={!can('scenarios.create') || !current}
          onClick={() => setMode('branch')}
        >
          {s.branch}
        </Button>
      </WhyDisabled>
      <WhyDisabled reason={can('scenarios.update') ? undefined : t.app.readOnlyRole}>
        <Button
          variant="outlined"
          data-testid="scenario-rename"
          disabled={!can('scenarios.update') || !current || locked}
          onClick={() => setMode('rename')}
        >
          {s.rename}
        </Button>
      </WhyDisabled>
      <WhyDisabled reason={can('scenarios.delete') ? undefined : t.app.readOnlyRole}>
        <Button
          variant="outlined"
          color="error"
          data-testid="scenario-delete"
          disabled={!can('scenarios.delete') || !current || locked || (scenarios?.length ?? 0) < 2}
          onClick={() => setMode('delete')}
        >
          {s.delete}
        </Button>
      </WhyDisabled>
      {parent ? (
        <Typography variant="body2" data-testid="scenario-parent" sx={{ color: 'text.secondary' }}>
          {s.parent(parent.name)}
        </Typography>
      ) : null}

      {mode === 'new' || mode === 'branch' || mode === 'rename' ? (
        <NameDialog
          title={mode === 'new' ? s.newTitle : mode === 'branch' ? s.branchTitle(current?.name ?? '') : s.renameTitle}
          hint={mode === 'branch' ? s.branchHint : undefined}
          initial={
            mode === 'new'
              ? s.newName((scenarios?.length ?? 0) + 1)
              : mode === 'branch'
                ? s.branchName(current?.name ?? '')
                : (current?.name ?? '')
          }
          busy={busy}
          onCancel={() => setMode(null)}
          onConfirm={(name) => {
            if (mode === 'rename') {
              onRename(name);
              setMode(null);
            } else void create(name, mode === 'branch' ? current?.id : undefined);
          }}
        />
      ) : null}
      <Dialog open={mode === 'delete'} onClose={() => setMode(null)} data-testid="scenario-delete-dialog">
        <DialogTitle>{s.deleteTitle}</DialogTitle>
        <DialogContent>
          <DialogContentText>{s.deleteConfirm(current?.name ?? '')}</DialogContentText>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setMode(null)}>{s.cancel}</Button>
          <Button
            color="error"
            variant="contained"
            disabled={busy}
            data-testid="scenario-delete-confirm"
            onClick={() => void remove()}
          >
            {s.delete}
          </Button>
        </DialogActions>
      </Dialog>
    </Stack>
  );
}

type NameDialogProps = Readonly<{
  title: string;
  hint: string | undefined;
  initial: string;
  busy: boolean;
  onCancel(): void;
  onConfirm(name: string): void;
}>;

function NameDialog({ title, hint, initial, busy, onCancel, onConfirm }: NameDialogProps) {
  const { t } = useI18n();
  const [name, setName] = useState(initial);
  const trimmed = name.trim();
  const valid = trimmed.length > 0 && trimmed.length <= 120;
  return (
    <Dialog open onClose={onCancel} fullWidth maxWidth="sm" data-testid="scenario-name-dialog">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (valid) onConfirm(trimmed);
        }}
      >
        <DialogTitle>{title}</DialogTitle>
        <DialogContent>
          {hint ? <DialogContentText sx={{ mb: 2 }}>{hint}</DialogContentText> : null}
          <TextField
            autoFocus
            fullWidth
            label={t.scenarios.name}
            value={name}
            onChange={(e) => setName(e.target.value)}
            slotProps={{ htmlInput: { 'data-testid': 'scenario-name-input', maxLength: SCENARIO_NAME_MAX } }}
            sx={{ mt: 1 }}
          />
        </DialogContent>
        <DialogActions>
          <Button onClick={onCancel}>{t.scenarios.cancel}</Button>
          <Button type="submit" variant="contained" disabled={!valid || busy} data-testid="scenario-name-confirm">
            {t.scenarios.confirm}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
