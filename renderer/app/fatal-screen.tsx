/** Shown instead of the app when the bridge to main is missing (the page was opened outside the till). */
import { defineMessages } from '@formatjs/intl';
import { useT } from './translate.tsx';

const M = defineMessages({
  title: { id: 'app.fatal.title', defaultMessage: 'The till cannot start', description: 'The page has no connection to the app' },
  why: {
    id: 'app.fatal.why',
    defaultMessage: 'This screen is not connected to the SocialHub Till app, so it cannot look up members or award points.',
    description: 'The page has no connection to the app: what that means',
  },
  todo: {
    id: 'app.fatal.todo',
    defaultMessage: 'Close this window and open SocialHub Till again. If this keeps happening, call your manager or support.',
    description: 'The page has no connection to the app: what to do',
  },
  missing: { id: 'app.fatal.missing', defaultMessage: 'Missing: {names}', description: 'The page has no connection to the app: technical names for support' },
});

export function BridgeMissing({ missing }: { missing: readonly string[] }) {
  const t = useT();
  return (
    <main className="fatal" data-testid="bridge-missing">
      <div className="fatal__box" role="alert">
        <p className="fatal__icon" aria-hidden="true">
          ✕
        </p>
        <h1>{t(M.title)}</h1>
        <p>{t(M.why)}</p>
        <p>{t(M.todo)}</p>
        <p className="fatal__detail">{t(M.missing, { names: missing.join(', ') })}</p>
      </div>
    </main>
  );
}
