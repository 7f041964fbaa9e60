import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import type { Scenario } from '../../../shared/api/types';

/** A scenario picker for A or B. */
export function ScenarioSelect(
  props: Readonly<{
    label: string;
    value: number | '';
    scenarios: readonly Scenario[];
    testId: string;
    onChange(id: number): void;
  }>,
) {
  return (
    <TextField
      select
      size="small"
      label={props.label}
      value={props.value}
      onChange={(e) => props.onChange(Number(e.target.value))}
      data-testid={props.testId}
      sx={{ width: 380 }}
    >
      {props.scenarios.map((s) => (
        <MenuItem key={s.id} value={s.id} data-testid={`${props.testId}-option-${s.id}`}>
          {s.name}
        </MenuItem>
      ))}
    </TextField>
  );
}
