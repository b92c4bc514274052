/**
 * Manual adjustment at the till: a member, a number of points given or taken, a reason code and
 * a note; a confirm step that spells out the sign. The write goes through the journal like every
 * other (exactly once, retried if SocialHub is away).
 */
import { defineMessages } from '@formatjs/intl';
import { Button, Card, Field, Form, StatusLine } from '../../ui/index.ts';
import { useAdjust, useAdjustConfirm, useManagerData, useOpenRow } from '../use-manager-data.ts';
import { AdjustConfirm } from './adjust-confirm.tsx';
import type { AdjustState } from './adjust-store.ts';
import { NOTE_MAX, REASON_CODES, REASON_LABELS } from './adjust-model.ts';
import type { ReasonCode } from './adjust-model.ts';
import { useT } from '../../app/translate.tsx';

const M = defineMessages({
  title: { id: 'manager.adjust.title', defaultMessage: 'Adjust a member’s points', description: 'Adjust tab heading' },
  lead: { id: 'manager.adjust.lead', defaultMessage: 'Recorded in the journal with your reason and sent to SocialHub exactly once.', description: 'Adjust tab: what happens to an adjustment' },
  member: { id: 'manager.adjust.member', defaultMessage: 'Member id', description: 'Adjust form field' },
  direction: { id: 'manager.adjust.direction', defaultMessage: 'Give or take', description: 'Adjust form: legend of the give/take choice' },
  give: { id: 'manager.adjust.give', defaultMessage: 'Give points', description: 'Adjust form: add points' },
  take: { id: 'manager.adjust.take', defaultMessage: 'Take points away', description: 'Adjust form: remove points' },
  points: { id: 'manager.adjust.points', defaultMessage: 'Points', description: 'Adjust form field' },
  pointsHint: { id: 'manager.adjust.pointsHint', defaultMessage: 'Whole points, no sign.', description: 'Adjust form: hint under Points' },
  reason: { id: 'manager.adjust.reason', defaultMessage: 'Reason code', description: 'Adjust form field' },
  choose: { id: 'manager.adjust.choose', defaultMessage: 'Choose…', description: 'Adjust form: empty choice of the reason list' },
  note: { id: 'manager.adjust.note', defaultMessage: 'Note', description: 'Adjust form field' },
  noteHint: { id: 'manager.adjust.noteHint', defaultMessage: 'Required: why, and who asked. Kept in the journal.', description: 'Adjust form: hint under Note' },
  review: { id: 'manager.adjust.review', defaultMessage: 'Review…', description: 'Adjust form: opens the confirm step' },
  clear: { id: 'manager.adjust.clear', defaultMessage: 'Clear', description: 'Adjust form: empty the form' },
  openEntry: { id: 'manager.adjust.openEntry', defaultMessage: 'Open entry #{id}', description: 'Adjust tab: link to the journal entry of the last adjustment' },
});

export function AdjustTab() {
  const t = useT();
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
      <Card title={t(M.title)} hint={t(M.lead)} variant="narrow">
        <Form className="mgr-form" noValidate onSubmit={review}>
          <Field label={t(M.member)} error={errors.memberId}>
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
            <legend>{t(M.direction)}</legend>
            <label>
              <input type="radio" name="adjust-direction" checked={draft.direction === 'give'} onChange={() => set('direction', 'give')} data-testid="adjust-give" />
              {t(M.give)}
            </label>
            <label>
              <input type="radio" name="adjust-direction" checked={draft.direction === 'take'} onChange={() => set('direction', 'take')} data-testid="adjust-take" />
              {t(M.take)}
            </label>
          </fieldset>
          <Field label={t(M.points)} hint={t(M.pointsHint)} error={errors.amount}>
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
          <Field label={t(M.reason)} error={errors.reasonCode}>
            {(ids) => (
              <select {...ids} value={draft.reasonCode} onChange={(e) => set('reasonCode', e.target.value as ReasonCode | '')} data-testid="adjust-reason">
                <option value="">{t(M.choose)}</option>
                {REASON_CODES.map((c) => (
                  <option key={c} value={c}>
                    {t(REASON_LABELS[c])}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t(M.note)} hint={t(M.noteHint)} error={errors.note}>
            {(ids) => <textarea {...ids} rows={3} maxLength={NOTE_MAX} value={draft.note} onChange={(e) => set('note', e.target.value)} data-testid="adjust-note" />}
          </Field>
          <div className="mgr-row-gap">
            <Button type="submit" variant="primary" testId="adjust-review">
              {t(M.review)}
            </Button>
            <Button variant="ghost" onClick={() => adjust.getState().clear()}>
              {t(M.clear)}
            </Button>
          </div>
        </Form>
        <StatusLine
          tone="ok"
          testId="adjust-last"
          text={
            last !== null && (
              <>
                {last.text}{' '}
                {last.rowId !== null && (
                  <Button variant="link" onClick={() => last.rowId !== null && openRow(last.rowId)}>
                    {t(M.openEntry, { id: last.rowId })}
                  </Button>
                )}
              </>
            )
          }
        />
      </Card>
      {confirming && <AdjustConfirm />}
    </div>
  );
}
