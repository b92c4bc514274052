/** F8: type a member or coupon code by hand (a torn card, no scanner). It goes through the same scan routing. */
import { useState } from 'react';
import { useRuntime } from '../app/context.tsx';
import { Button, Dialog, Field } from '../ui/index.ts';

export function CodeEntryDialog({ onClose }: { onClose: () => void }) {
  const runtime = useRuntime();
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const submit = (): void => {
    const result = runtime.handleScan(code.trim(), 'typed');
    if (result.kind === 'error') setError(result.message);
    else if (result.kind === 'ignored') setError('The till is not taking codes right now.');
    // member / coupon: the runtime closes this dialog.
  };
  return (
    <Dialog title="Type a member or coupon code" onClose={onClose} testId="code-dialog">
      <Field
        label="Member or coupon code"
        hint="The code under the QR, e.g. mb_… or cp_…, or the link it holds"
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
      <div className="dialog__footer">
        <Button variant="ghost" shortcut="Escape" onClick={onClose} testId="code-cancel">
          Cancel
        </Button>
        <Button variant="primary" shortcut="Enter" onClick={submit} disabled={code.trim() === ''} testId="code-submit">
          Use code
        </Button>
      </div>
    </Dialog>
  );
}
