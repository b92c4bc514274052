/**
 * The store this till belongs to, chosen from SocialHub's GET /stores (paged). If the list cannot
 * be read (no key yet, offline) the id can still be typed.
 */
import { useEffect, useState } from 'react';
import type { IpcErrorBody } from '../../../shared/ipc/envelope.ts';
import { formatCount } from '../format.ts';
import { useSession } from '../session.ts';
import { ErrorBanner } from '../../ui/index.ts';
import type { SectionForm } from './section-form.tsx';
import { TextSetting } from './section-form.tsx';

export const STORES_PAGE = 20;

interface Store {
  id: string;
  name: string;
  status: string;
}

/** "Stores 21–40 of 132" */
export function pageLabel(offset: number, shown: number, total: number): string {
  if (total === 0 || shown === 0) return 'No stores';
  return `Stores ${formatCount(offset + 1)}–${formatCount(offset + shown)} of ${formatCount(total)}`;
}

export function StorePicker({ form }: { form: SectionForm }) {
  const { call } = useSession();
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<{ offset: number; stores: Store[]; total: number } | null>(null);
  const [error, setError] = useState<IpcErrorBody | null>(null);
  const [reload, setReload] = useState(0);
  const selected = form.value('storeId');

  useEffect(() => {
    let live = true;
    void call((t) => t.storesList({ limit: STORES_PAGE, offset })).then((env) => {
      if (!live) return;
      if (env.ok) {
        setPage({ offset, stores: env.value.stores, total: env.value.total });
        setError(null);
      } else setError(env.error);
    });
    return () => {
      live = false;
    };
  }, [call, offset, reload]);

  const current = page !== null && page.offset === offset ? page : null;

  return (
    <div className="mgr-store-picker" data-testid="store-picker">
      <fieldset className="mgr-radios">
        <legend>Store</legend>
        <p className="mgr-hint">
          Current: {form.settings.storeId !== null ? <span className="mgr-mono">{form.settings.storeId}</span> : 'none chosen — the till will not award points until one is'}
        </p>
        {error !== null ? (
          <>
            <ErrorBanner error={error} testId="store-picker-error" />
            <button type="button" className="mgr-btn mgr-btn--small" onClick={() => setReload((n) => n + 1)}>
              Try again
            </button>
          </>
        ) : current === null ? (
          <p role="status">Loading stores…</p>
        ) : (
          <>
            <div className="mgr-store-list" role="presentation">
              {current.stores.map((s) => (
                <label key={s.id} className={`mgr-store${selected === s.id ? ' is-selected' : ''}`}>
                  <input type="radio" name="store" value={s.id} checked={selected === s.id} onChange={() => form.set('storeId', s.id)} data-testid="store-option" />
                  <span className="mgr-store-name">{s.name}</span>
                  <span className="mgr-mono mgr-hint">{s.id}</span>
                  {s.status !== 'active' && <span className="mgr-chip mgr-chip--warn">{s.status}</span>}
                </label>
              ))}
            </div>
            <div className="mgr-row-gap">
              <button type="button" className="mgr-btn mgr-btn--small" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - STORES_PAGE))} data-testid="store-prev">
                Previous
              </button>
              <span aria-live="polite">{pageLabel(current.offset, current.stores.length, current.total)}</span>
              <button
                type="button"
                className="mgr-btn mgr-btn--small"
                disabled={offset + STORES_PAGE >= current.total}
                onClick={() => setOffset(offset + STORES_PAGE)}
                data-testid="store-next"
              >
                Next
              </button>
            </div>
          </>
        )}
      </fieldset>
      <TextSetting form={form} k="storeId" label="Store id" hint="Chosen above, or type it if the list cannot be read." maxLength={64} testId="setting-storeId" />
    </div>
  );
}
