/** Never a stack trace on the till: a render error shows a calm message and a way back. */
import { defineMessages } from '@formatjs/intl';
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { Button } from '../ui/index.ts';
import { useT } from './translate.tsx';

const M = defineMessages({
  title: {
    id: 'app.crash.title',
    defaultMessage: '{area, select, cashier {The cashier screen} manager {The manager console} other {This screen}} ran into a problem.',
    description: 'A screen failed to draw; area names which one',
  },
  body: {
    id: 'app.crash.body',
    defaultMessage: 'Nothing you entered has been sent twice. Press the button to start this screen again; if it keeps happening, call a manager.',
    description: 'A screen failed to draw: reassurance and what to do',
  },
  restart: { id: 'app.crash.restart', defaultMessage: 'Start again', description: 'A screen failed to draw: draw it again' },
});

export type ScreenArea = 'cashier' | 'manager';

interface Props {
  children: ReactNode;
  /** Called by "Start again" before the children are rendered again. */
  onReset?: () => void;
  /** Which screen this guards, to name it in the message. */
  area?: ScreenArea;
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
      <ScreenFailed
        area={this.props.area}
        overlay={this.props.overlay === true}
        onRestart={() => {
          this.props.onReset?.();
          this.setState({ failed: false });
        }}
      />
    );
  }
}

function ScreenFailed({ area, overlay, onRestart }: { area: ScreenArea | undefined; overlay: boolean; onRestart: () => void }) {
  const t = useT();
  return (
    <div className={overlay ? 'crash crash--overlay' : 'crash'} role="alert" data-testid="screen-error">
      <h2>{t(M.title, { area: area ?? 'other' })}</h2>
      <p>{t(M.body)}</p>
      <Button variant="primary" size="large" onClick={onRestart}>
        {t(M.restart)}
      </Button>
    </div>
  );
}
