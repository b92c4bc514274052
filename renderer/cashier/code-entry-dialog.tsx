/** F8: type a member or coupon code by hand (a torn card, no scanner). It goes through the same scan routing. */
import { useState } from 'react';
import { defineMessages } from '@formatjs/intl';
import { useRuntime } from '../app/context.tsx';

const M = defineMessages({
  notTaking: { id: 'cashier.code.notTaking', defaultMessage: 'The till is not taking codes right now.', description: 'Typed code ignored' },
  title: { id: 'cashier.code.title', defaultMessage: 'Type a member or coupon code', description: 'Dialog title' },
  label: { id: 'cashier.code.label', defaultMessage: 'Member or coupon code', description: 'Field label' },
  hint: { id: 'cashier.code.hint', defaultMessage: 'The code under the QR, e.g. mb_… or cp_…, or the link it holds', description: 'Field hint' },
  cancel: { id: 'cashier.code.cancel', defaultMessage: 'Cancel', description: 'Button' },
  use: { id: 'cashier.code.use', defaultMessage: 'Use code', description: 'Button: use the typed code' },
});
import { Button, Dialog, Field } from '../ui/index.ts';
import { useT } from '../app/translate.tsx';

export function CodeEntryDialog({ onClose }: { onClose: () => void }) {
  const runtime = useRuntime();
  const t = useT();
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const submit = (): void => {
    const result = runtime.handleScan(code.trim(), 'typed');
    if (result.kind === 'error') setError(result.message);
    else if (result.kind === 'ignored') setError(t(M.notTaking));
    // member / coupon: the runtime closes this dialog.
  };
  return (
    <Dialog
      title={t(M.title)}
      onClose={onClose}
      testId="code-dialog"
      dismiss={{ label: t(M.cancel), testId: 'code-cancel' }}
      actions={
        <Button variant="primary" shortcut="Enter" onClick={submit} disabled={code.trim() === ''} testId="code-submit">
          {t(M.use)}
        </Button>
      }
    >
      <Field
        label={t(M.label)}
        hint={t(M.hint)}
        value={code}
        onValue={(v) => {
          setCode(v);
          setError(undefined);
        }}
        error={error}
        data-autofocus
        testId="code-input"
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            submit();
          }
        }}
      />
    </Dialog>
  );
}
