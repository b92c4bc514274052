/** Shown instead of the app when the bridge to main is missing (the page was opened outside the till). */
export function BridgeMissing({ missing }: { missing: readonly string[] }) {
  return (
    <main className="fatal" data-testid="bridge-missing">
      <div className="fatal__box" role="alert">
        <p className="fatal__icon" aria-hidden="true">
          ✕
        </p>
        <h1>The till cannot start</h1>
        <p>This screen is not connected to the SocialHub Till app, so it cannot look up members or award points.</p>
        <p>Close this window and open SocialHub Till again. If this keeps happening, call your manager or support.</p>
        <p className="fatal__detail">Missing: {missing.join(', ')}</p>
      </div>
    </main>
  );
}
