/**
 * A tab strip (WAI-ARIA tabs, selection follows focus): one tab in the Tab order (roving
 * tabindex), arrow keys, Home and End move between tabs. The panels are the caller's, labelled by
 * `${idPrefix}-tab-${id}` and named `${idPrefix}-panel-${id}`.
 */
import { useRef, type KeyboardEvent, type ReactNode } from 'react';

export interface TabItem<Id extends string> {
  id: Id;
  label: ReactNode;
  /** e.g. "Alt+1", announced and shown nowhere else. */
  keyShortcut?: string;
  testId?: string;
}

export interface TabsProps<Id extends string> {
  items: readonly TabItem<Id>[];
  selected: Id;
  /** `focus`: the tab was reached by keyboard and takes the focus. */
  onSelect: (id: Id, focus: boolean) => void;
  label: string;
  idPrefix: string;
  /** The tab buttons, for a caller that focuses one from elsewhere (a shortcut, a reopen). */
  tabRef?: (id: Id, el: HTMLButtonElement | null) => void;
  className?: string;
}

/** Where a key moves the focus from tab `i` of `count`, or null for a key tabs ignore. */
export function nextTabIndex(key: string, i: number, count: number): number | null {
  if (key === 'ArrowRight') return (i + 1) % count;
  if (key === 'ArrowLeft') return (i - 1 + count) % count;
  if (key === 'Home') return 0;
  if (key === 'End') return count - 1;
  return null;
}

export function tabId(idPrefix: string, id: string): string {
  return `${idPrefix}-tab-${id}`;
}

export function tabPanelId(idPrefix: string, id: string): string {
  return `${idPrefix}-panel-${id}`;
}

export function Tabs<Id extends string>({ items, selected, onSelect, label, idPrefix, tabRef, className = 'mgr-tabs' }: TabsProps<Id>) {
  const refs = useRef(new Map<Id, HTMLButtonElement>());

  function onKeyDown(e: KeyboardEvent<HTMLDivElement>) {
    // From the tab that has focus (normally the selected one: selection follows focus).
    const focused = items.findIndex(({ id }) => refs.current.get(id) === document.activeElement);
    const next = nextTabIndex(e.key, focused >= 0 ? focused : items.findIndex(({ id }) => id === selected), items.length);
    const item = next === null ? undefined : items[next];
    if (item === undefined) return;
    e.preventDefault();
    onSelect(item.id, true);
    refs.current.get(item.id)?.focus();
  }

  return (
    <div className={className} role="tablist" aria-label={label} onKeyDown={onKeyDown}>
      {items.map(({ id, label: text, keyShortcut, testId }) => (
        <button
          key={id}
          ref={(el) => {
            if (el === null) refs.current.delete(id);
            else refs.current.set(id, el);
            tabRef?.(id, el);
          }}
          type="button"
          role="tab"
          id={tabId(idPrefix, id)}
          aria-selected={selected === id}
          aria-controls={tabPanelId(idPrefix, id)}
          aria-keyshortcuts={keyShortcut}
          tabIndex={selected === id ? 0 : -1}
          className="mgr-tab-button"
          onClick={() => onSelect(id, false)}
          data-testid={testId}
        >
          {text}
        </button>
      ))}
    </div>
  );
}
