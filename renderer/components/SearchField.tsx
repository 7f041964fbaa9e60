import TextField from '@mui/material/TextField';

/** The search box of the grids' toolbars. */
export function SearchField(props: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  testId: string;
  /** Push it to the right end of a toolbar row. */
  alignEnd?: boolean;
}) {
  return (
    <TextField
      size="small"
      type="search"
      label={props.label}
      value={props.value}
      onChange={(e) => props.onChange(e.target.value)}
      slotProps={{ htmlInput: { 'data-testid': props.testId, maxLength: 200 } }}
      sx={{ width: 280, ...(props.alignEnd ? { ml: 'auto' } : {}) }}
    />
  );
}
