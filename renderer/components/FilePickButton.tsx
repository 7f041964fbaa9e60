import { useRef } from 'react';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import { WhyDisabled } from './WhyDisabled';

/**
 * A button that opens the file chooser (a hidden file input) and hands over the chosen file; shows a spinner and
 * `busyLabel` while `busy`. The input is cleared after each choice, so choosing the same file again still counts.
 */
export function FilePickButton(props: {
  label: string;
  busyLabel: string;
  busy: boolean;
  disabled?: boolean;
  title?: string | undefined;
  accept: string;
  variant: 'contained' | 'outlined';
  testId: string;
  inputTestId: string;
  onFile: (file: File) => void;
}) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <WhyDisabled reason={props.disabled === true ? props.title : undefined}>
        <Button
          variant={props.variant}
          data-testid={props.testId}
          disabled={props.busy || props.disabled === true}
          title={props.title}
          startIcon={props.busy ? <CircularProgress size={16} color="inherit" /> : undefined}
          onClick={() => input.current?.click()}
        >
          {props.busy ? props.busyLabel : props.label}
        </Button>
      </WhyDisabled>
      <input
        ref={input}
        type="file"
        accept={props.accept}
        hidden
        data-testid={props.inputTestId}
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) props.onFile(file);
        }}
      />
    </>
  );
}
