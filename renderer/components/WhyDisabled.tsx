import type { CSSProperties, ReactElement } from 'react';
import Tooltip from '@mui/material/Tooltip';

/**
 * A control that cannot be used says why. A disabled button gets no pointer events, so its own title never shows: the
 * reason is a tooltip on a wrapper around it (the button keeps it as its title for assistive technology). Without a
 * reason the control is returned as it is.
 */
export function WhyDisabled({
  reason,
  style,
  children,
}: Readonly<{ reason: string | null | undefined; style?: CSSProperties; children: ReactElement }>) {
  if (!reason) return children;
  return (
    <Tooltip title={reason}>
      <span data-why-disabled="" style={{ display: 'inline-flex', ...style }}>
        {children}
      </span>
    </Tooltip>
  );
}
