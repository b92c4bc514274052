/**
 * The store this till belongs to, chosen from SocialHub's GET /stores (paged; the store-picker
 * store). If the list cannot be read (no key yet, offline) the id can still be typed.
 */
import { useEffect } from 'react';
import type { Translator } from '../../../shared/i18n/translator.ts';
import { useRuntime, useStorePicker } from '../../app/context.tsx';
import { STORES_PAGE, storeStatusText } from './store-picker-store.ts';
import { formatCount } from '../format.ts';
import { Button, Chip, ErrorBanner } from '../../ui/index.ts';
import type { SectionForm } from './section-form.tsx';
import { TextSetting } from './section-form.tsx';
import { M } from './messages.ts';
import { useTranslator } from '../../app/translate.tsx';

/** "Stores 21–40 of 132" */
export function pageLabel(tr: Translator, offset: number, shown: number, total: number): string {
  if (total === 0 || shown === 0) return tr.t(M.storeNoStores);
  return tr.t(M.storePage, { from: formatCount(offset + 1, tr.locale), to: formatCount(offset + shown, tr.locale), total: formatCount(total, tr.locale) });
}

export function StorePicker({ form }: { form: SectionForm }) {
  const picker = useRuntime().storePicker;
  const tr = useTranslator();
  const locked = form.locked('storeId');
  const offset = useStorePicker((s) => s.offset);
  const page = useStorePicker((s) => s.page);
  const error = useStorePicker((s) => s.error);
  const selected = form.value('storeId');

  // The list is read when the section appears (a key may have been set since).
  useEffect(() => {
    void picker.getState().retry();
  }, [picker]);
  const setOffset = (next: number): void => void picker.getState().show(next);

  const current = page !== null && page.offset === offset ? page : null;

  return (
    <div className="mgr-store-picker" data-testid="store-picker">
      <fieldset className="mgr-radios">
        <legend>{tr.t(M.storeLegend)}</legend>
        <p className="mgr-hint">
          {form.settings.storeId !== null ? tr.t(M.storeCurrent, { store: form.settings.storeId }) : tr.t(M.storeNone)}
        </p>
        {error !== null ? (
          <>
            <ErrorBanner error={error} testId="store-picker-error" />
            <Button size="small" onClick={() => void picker.getState().retry()}>
              {tr.t(M.storeRetry)}
            </Button>
          </>
        ) : current === null ? (
          <p role="status">{tr.t(M.storeLoading)}</p>
        ) : (
          <>
            <div className="mgr-store-list" role="presentation">
              {current.stores.map((s) => (
                <label key={s.id} className={`mgr-store${selected === s.id ? ' is-selected' : ''}`}>
                  <input type="radio" name="store" value={s.id} disabled={locked} checked={selected === s.id} onChange={() => form.set('storeId', s.id)} data-testid="store-option" />
                  <span className="mgr-store-name">{s.name}</span>
                  <span className="mgr-mono mgr-hint">{s.id}</span>
                  {s.status !== 'active' && <Chip tone="warn">{storeStatusText(s.status, tr)}</Chip>}
                </label>
              ))}
            </div>
            <div className="mgr-row-gap">
              <Button size="small" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - STORES_PAGE))} testId="store-prev">
                {tr.t(M.storePrev)}
              </Button>
              <span aria-live="polite">{pageLabel(tr, current.offset, current.stores.length, current.total)}</span>
              <Button size="small" disabled={offset + STORES_PAGE >= current.total} onClick={() => setOffset(offset + STORES_PAGE)} testId="store-next">
                {tr.t(M.storeNext)}
              </Button>
            </div>
          </>
        )}
      </fieldset>
      <TextSetting form={form} k="storeId" label={tr.t(M.storeId)} hint={tr.t(M.storeIdHint)} maxLength={64} testId="setting-storeId" />
    </div>
  );
}
