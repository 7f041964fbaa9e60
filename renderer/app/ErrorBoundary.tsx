import { Component, type ContextType, type ErrorInfo, type ReactNode } from 'react';
import Alert from '@mui/material/Alert';
import { I18nContext } from '../i18n/i18n-context';

type State = { error: Error | null };

/** A rendering bug in one screen shows a message instead of blanking the whole app. */
export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  static override contextType = I18nContext;
  declare context: ContextType<typeof I18nContext>;
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error(error, info.componentStack);
  }

  override render(): ReactNode {
    if (!this.state.error) return this.props.children;
    return (
      <Alert severity="error" data-testid="screen-error">
        {this.context?.t.errors.unexpected}: {this.state.error.message}
      </Alert>
    );
  }
}
