/** Never a stack trace on the till: a render error shows a calm message and a way back. */
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { Button } from '../ui/index.ts';

interface Props {
  children: ReactNode;
  /** Called by "Start again" before the children are rendered again. */
  onReset?: () => void;
  label?: string;
  /** Cover the screen below the status strip (for layers such as the manager console). */
  overlay?: boolean;
}

export class ErrorBoundary extends Component<Props, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    // For the developer console only; the cashier never sees it.
    console.error('Till screen error', error, info.componentStack);
  }

  override render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    return (
      <div className={this.props.overlay === true ? 'crash crash--overlay' : 'crash'} role="alert" data-testid="screen-error">
        <h2>{this.props.label ?? 'This screen'} ran into a problem.</h2>
        <p>Nothing you entered has been sent twice. Press the button to start this screen again; if it keeps happening, call a manager.</p>
        <Button
          variant="primary"
          size="large"
          onClick={() => {
            this.props.onReset?.();
            this.setState({ failed: false });
          }}
        >
          Start again
        </Button>
      </div>
    );
  }
}
