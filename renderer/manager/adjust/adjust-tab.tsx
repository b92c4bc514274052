/**
 * Manual adjustment at the till: a member, a number of points given or taken, a reason code and
 * a note; a confirm step that spells out the sign. The write goes through the journal like every
 * other (exactly once, retried if SocialHub is away).
 */
import { Button, Field } from '../../ui/index.ts';
import { useAdjust, useAdjustConfirm, useManagerData, useOpenRow } from '../use-manager-data.ts';
import { AdjustConfirm } from './adjust-confirm.tsx';
import type { AdjustState } from './adjust-store.ts';
import { NOTE_MAX, REASON_CODES, REASON_LABELS } from './adjust-model.ts';
import type { ReasonCode } from './adjust-model.ts';

export function AdjustTab() {
  const openRow = useOpenRow();
  const adjust = useManagerData().adjust;
  const draft = useAdjust((s) => s.draft);
  const errors = useAdjust((s) => s.errors);
  const last = useAdjust((s) => s.last);
  const confirming = useAdjustConfirm((s) => s.open?.owner === 'adjust');
  const review = () => adjust.getState().review();
  const set: AdjustState['set'] = (field, value) => adjust.getState().set(field, value);

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
            <Button type="submit" variant="primary" testId="adjust-review">
              Review…
            </Button>
            <Button
 variant="ghost"
 onClick={() => adjust.getState().clear()}
>
              Clear
            </Button>
          </div>
        </form>
        <p role="status" className="mgr-status mgr-status--ok" data-testid="adjust-last">
          {last !== null && (
            <>
              {last.text}{' '}
              {last.rowId !== null && (
                <Button variant="link" onClick={() => last.rowId !== null && openRow(last.rowId)}>
                  Open entry #{last.rowId}
                </Button>
              )}
            </>
          )}
        </p>
      </section>
      {confirming && <AdjustConfirm />}
    </div>
  );
}
