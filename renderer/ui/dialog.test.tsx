import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { AboveDialogs, Dialog, DialogFooter, Modal } from './dialog.tsx';
import { pushDialog, subscribeDialogs, topDialog } from './dialog-stack.ts';

const noop = (): void => undefined;

describe('Dialog', () => {
  it('is a native dialog labelled by its title', () => {
    const html = renderToStaticMarkup(
      <Dialog title="Return" onClose={noop} variant="wide" testId="returns-dialog">
        <p>body</p>
      </Dialog>,
    );
    expect(html).toMatch(/^<dialog class="dialog dialog--wide" aria-labelledby="([^"]+)" data-testid="returns-dialog">/);
    const labelledBy = /aria-labelledby="([^"]+)"/.exec(html)?.[1];
    expect(html).toContain(`<h2 id="${labelledBy}" class="dialog__title">Return</h2>`);
    // Not shown until mounted in a page and opened with showModal().
    expect(html).not.toContain(' open');
  });

  it('can be an alert dialog described by its reason, with the title read but not shown', () => {
    const html = renderToStaticMarkup(
      <Dialog title="Coupon: HONOR" hideTitle role="alertdialog" describedBy="verdict-reason" variant="full" onClose={noop}>
        <p id="verdict-reason">ok</p>
      </Dialog>,
    );
    expect(html).toContain('role="alertdialog"');
    expect(html).toContain('aria-describedby="verdict-reason"');
    expect(html).toMatch(/<h2 id="[^"]+" class="visually-hidden">Coupon: HONOR<\/h2>/);
  });

  it('puts its way out (on Esc) and its actions in one footer after the body', () => {
    const html = renderToStaticMarkup(
      <Dialog title="Type a code" onClose={noop} dismiss={{ label: 'Cancel', testId: 'code-cancel' }} actions={<button type="button">Use code</button>}>
        <p>body</p>
      </Dialog>,
    );
    const footer = /<p>body<\/p><div class="dialog__footer">(.*)<\/div><\/dialog>$/.exec(html)?.[1] ?? '';
    expect(footer).toMatch(/^<button[^>]*class="btn btn--ghost[^"]*"[^>]*data-testid="code-cancel"[^>]*>.*Cancel.*<\/button><button type="button">Use code<\/button>$/);
    expect(footer).toContain('Esc');
    // No footer when the dialog has neither.
    expect(renderToStaticMarkup(<Dialog title="Return" onClose={noop}>x</Dialog>)).not.toContain('dialog__footer');
    expect(renderToStaticMarkup(<DialogFooter>ok</DialogFooter>)).toBe('<div class="dialog__footer">ok</div>');
  });

  it('the manager preset has a close button in its header', () => {
    const html = renderToStaticMarkup(
      <Modal title="Journal entry #4" onClose={noop} variant="drawer" testId="row-detail">
        <p>body</p>
      </Modal>,
    );
    expect(html).toContain('<div class="dialog__head">');
    expect(html).toContain('data-testid="row-detail-close"');
    expect(html).toContain('<span class="btn__label">Close</span>');
    const cancel = renderToStaticMarkup(
      <Modal title="Confirm" onClose={noop} closeLabel="Cancel">
        x
      </Modal>,
    );
    expect(cancel).toContain('<span class="btn__label">Cancel</span>');
  });
});

describe('the open-dialog stack', () => {
  it('tracks the innermost open dialog and tells subscribers', () => {
    const seen: Array<string | null> = [];
    const off = subscribeDialogs(() => seen.push(topDialog()?.feedback ?? null));
    const outer = { feedback: 'all' } as const;
    const inner = { feedback: 'flash' } as const;
    // The stack only stores the element; a stand-in object is enough to follow the order.
    const popOuter = pushDialog({ element: {} as HTMLDialogElement, ...outer });
    const popInner = pushDialog({ element: {} as HTMLDialogElement, ...inner });
    expect(topDialog()?.feedback).toBe('flash');
    popInner();
    expect(topDialog()?.feedback).toBe('all');
    popOuter();
    expect(topDialog()).toBeNull();
    off();
    expect(seen).toEqual(['all', 'flash', 'all', null]);
  });

  it('renders feedback in place when no dialog is open', () => {
    expect(
      renderToStaticMarkup(
        <AboveDialogs kind="notice">
          <p>toast</p>
        </AboveDialogs>,
      ),
    ).toBe('<p>toast</p>');
  });
});
