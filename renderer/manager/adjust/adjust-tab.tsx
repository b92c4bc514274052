/**
 * Manual adjustment at the till: a member, a number of points given or taken, a reason code and
 * a note; a confirm step that spells out the sign. The write goes through the journal like every
 * other (exactly once, retried if SocialHub is away).
 */
import { useState } from 'react';
import { useSession } from '../session.ts';
import { Field } from '../../ui/index.ts';
import { AdjustConfirm } from './adjust-confirm.tsx';
import { EMPTY_ADJUST, NOTE_MAX, REASON_CODES, REASON_LABELS, validateAdjust } from './adjust-model.ts';
import type { AdjustDraft, AdjustField, AdjustRequest, ReasonCode } from './adjust-model.ts';

export function AdjustTab() {
  const { openRow } = useSession();
  const [draft, setDraft] = useState<AdjustDraft>(EMPTY_ADJUST);
  const [errors, setErrors] = useState<Partial<Record<AdjustField, string>>>({});
  const [confirming, setConfirming] = useState<AdjustRequest | null>(null);
  const [last, setLast] = useState<{ text: string; rowId: number | null } | null>(null);

  function review() {
    const v = validateAdjust(draft);
    if (!v.ok) {
      setErrors(v.errors);
      return;
    }
    setErrors({});
    setConfirming(v.request);
  }

  const set = <K extends keyof AdjustDraft>(k: K, value: AdjustDraft[K]) => setDraft((d) => ({ ...d, [k]: value }));

  return (
    <div className="mgr-tab" data-testid="tab-adjust">
      <section className="mgr-card mgr-card--narrow" aria-labelledby="adj-title">
        <h2 id="adj-title">Adjust a member's points</h2>
        <p className="mgr-hint">Recorded in the journal with your reason and sent to SocialHub exactly once.</p>
        <form
          className="mgr-form"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            review();
          }}
        >
          <Field label="Member id" error={errors.memberId}>
            {(ids) => (
              <input
                {...ids}
                type="text"
                autoComplete="off"
                spellCheck={false}
                maxLength={64}
                value={draft.memberId}
                onChange={(e) => set('memberId', e.target.value)}
                data-testid="adjust-member"
              />
            )}
          </Field>
          <fieldset className="mgr-radios mgr-radios--inline">
            <legend>Give or take</legend>
            <label>
              <input type="radio" name="adjust-direction" checked={draft.direction === 'give'} onChange={() => set('direction', 'give')} data-testid="adjust-give" />
              Give points
            </label>
            <label>
              <input type="radio" name="adjust-direction" checked={draft.direction === 'take'} onChange={() => set('direction', 'take')} data-testid="adjust-take" />
              Take points away
            </label>
          </fieldset>
          <Field label="Points" hint="Whole points, no sign." error={errors.amount}>
            {(ids) => (
              <input
                {...ids}
                type="text"
                inputMode="numeric"
                autoComplete="off"
                maxLength={12}
                value={draft.amount}
                onChange={(e) => set('amount', e.target.value)}
                data-testid="adjust-points"
              />
            )}
          </Field>
          <Field label="Reason code" error={errors.reasonCode}>
            {(ids) => (
              <select {...ids} value={draft.reasonCode} onChange={(e) => set('reasonCode', e.target.value as ReasonCode | '')} data-testid="adjust-reason">
                <option value="">Choose…</option>
                {REASON_CODES.map((c) => (
                  <option key={c} value={c}>
                    {REASON_LABELS[c]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Note" hint="Required: why, and who asked. Kept in the journal." error={errors.note}>
            {(ids) => <textarea {...ids} rows={3} maxLength={NOTE_MAX} value={draft.note} onChange={(e) => set('note', e.target.value)} data-testid="adjust-note" />}
          </Field>
          <div className="mgr-row-gap">
            <button type="submit" className="mgr-btn mgr-btn--primary" data-testid="adjust-review">
              Review…
            </button>
            <button
              type="button"
              className="mgr-btn mgr-btn--ghost"
              onClick={() => {
                setDraft(EMPTY_ADJUST);
                setErrors({});
              }}
            >
              Clear
            </button>
          </div>
        </form>
        <p role="status" className="mgr-status mgr-status--ok" data-testid="adjust-last">
          {last !== null && (
            <>
              {last.text}{' '}
              {last.rowId !== null && (
                <button type="button" className="mgr-btn mgr-btn--link" onClick={() => last.rowId !== null && openRow(last.rowId)}>
                  Open entry #{last.rowId}
                </button>
              )}
            </>
          )}
        </p>
      </section>
      {confirming !== null && (
        <AdjustConfirm
          request={confirming}
          onClose={() => setConfirming(null)}
          onSubmitted={(o) => {
            // One submit per review: the form starts over, so a second click cannot send it twice.
            setDraft(EMPTY_ADJUST);
            setLast({ text: `Last adjustment: ${o.status === 'confirmed' ? 'done' : o.status}. ${o.message}`, rowId: o.row?.id ?? null });
          }}
        />
      )}
    </div>
  );
}
