import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import { useI18n } from '../../i18n/i18n-context';

/**
 * The actions under a round's row editor (development issues, criteria): add a row, remove the selected one, and —
 * once something changed — revert or save. `testId` names them: `<item>-add`, `<item>-remove`, `<list>-revert`,
 * `<list>-save`.
 */
export function RowEditorActions(props: {
  item: string;
  list: string;
  addLabel: string;
  addDisabled?: boolean;
  onAdd(): void;
  removeDisabled: boolean;
  onRemove(): void;
  dirty: boolean;
  onRevert(): void;
  saveDisabled: boolean;
  onSave(): void;
}) {
  const r = useI18n().t.rounds;
  return (
    <Stack direction="row" spacing={1}>
      <Button variant="outlined" data-testid={`${props.item}-add`} disabled={props.addDisabled === true} onClick={props.onAdd}>
        {props.addLabel}
      </Button>
      <Button disabled={props.removeDisabled} data-testid={`${props.item}-remove`} onClick={props.onRemove}>
        {r.removeSelected}
      </Button>
      <Box sx={{ flex: 1 }} />
      {props.dirty ? (
        <Button onClick={props.onRevert} data-testid={`${props.list}-revert`}>
          {r.revert}
        </Button>
      ) : null}
      <Button variant="contained" disabled={props.saveDisabled} onClick={props.onSave} data-testid={`${props.list}-save`}>
        {r.save}
      </Button>
    </Stack>
  );
}
