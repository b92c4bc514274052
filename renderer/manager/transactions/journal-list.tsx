/**
 * The journal as a virtualised listbox: only the rows in view (plus a margin) are in the DOM, so
 * 100k loaded rows scroll like 100. One tab stop; ↑/↓, PgUp/PgDn, Home/End move, Enter opens.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import { defineMessage, defineMessages } from '@formatjs/intl';
import type { JournalRow } from '../../../shared/journal/row.ts';
import { STATE_LABEL_MESSAGES } from '../../../shared/journal/states.ts';
import type { Translate } from '../../state/locale-store.ts';
import { formatDateTime } from '../format.ts';
import { fmtSigned } from '../../app/format.ts';
import type { Translator } from '../../../shared/i18n/translator.ts';

import { StateChip } from '../../ui/index.ts';
import { kindLabel, rowReference } from './row-text.ts';
import { useT, useTranslator } from '../../app/translate.tsx';

const M = defineMessages({
  time: { id: 'manager.transactions.list.time', defaultMessage: 'Time', description: 'Journal list heading: when' },
  kind: { id: 'manager.transactions.list.kind', defaultMessage: 'Kind', description: 'Journal list heading: kind' },
  member: { id: 'manager.transactions.list.member', defaultMessage: 'Member', description: 'Journal list heading: member id' },
  reference: { id: 'manager.transactions.list.reference', defaultMessage: 'Reference', description: 'Journal list heading: sale, return or coupon' },
  points: { id: 'manager.transactions.list.points', defaultMessage: 'Points', description: 'Journal list heading: signed points' },
  state: { id: 'manager.transactions.list.state', defaultMessage: 'State', description: 'Journal list heading: state' },
});

const ROW_LABEL = defineMessage<{ when: string; kind: string; member: string; ref: string; points: string; state: string }>({
  id: 'manager.transactions.list.rowLabel',
  defaultMessage: '{when}, {kind}, member {member}, {ref}, {points} points, {state}',
  description: 'What a screen reader says for one journal row',
});

export const ROW_HEIGHT = 52;
/** Ask for the next page while this many loaded rows are still below the view. */
const PREFETCH_ROWS = 60;

export function rowLabel(row: JournalRow, t: Translate, tr: Translator): string {
  return t(ROW_LABEL, {
    when: formatDateTime(row.createdAt, tr.locale),
    kind: kindLabel(row.kind, t),
    member: row.memberId,
    ref: rowReference(row, t),
    points: fmtSigned(row.amount, tr),
    state: t(STATE_LABEL_MESSAGES[row.state]),
  });
}

export function JournalList({
  rows,
  total,
  hasMore,
  busy,
  onLoadMore,
  onOpen,
  label,
  testId = 'journal-list',
}: {
  rows: readonly JournalRow[];
  total: number | null;
  hasMore: boolean;
  busy: boolean;
  onLoadMore: () => void;
  onOpen: (row: JournalRow) => void;
  label: string;
  testId?: string;
}) {
  const tr = useTranslator();
  const t = tr.t;
  const translate = useT();
  const scrollRef = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState(0);
  // @tanstack/react-virtual returns fresh functions each render by design; this app does not use
  // the React Compiler, so its memoisation caveat does not apply.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 15,
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.length > 0 ? (items[items.length - 1]?.index ?? -1) : -1;

  useEffect(() => {
    if (hasMore && !busy && lastIndex >= rows.length - PREFETCH_ROWS) onLoadMore();
  }, [hasMore, busy, lastIndex, rows.length, onLoadMore]);

  const activeIndex = Math.min(active, Math.max(0, rows.length - 1));
  const activeRow = rows[activeIndex];
  const activeRendered = activeRow !== undefined && items.some((i) => i.index === activeIndex);

  function moveTo(index: number) {
    if (rows.length === 0) return;
    const next = Math.max(0, Math.min(rows.length - 1, index));
    setActive(next);
    virtualizer.scrollToIndex(next, { align: 'auto' });
  }

  function onKeyDown(e: KeyboardEvent<HTMLDivElement>) {
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? ROW_HEIGHT * 10) / ROW_HEIGHT) - 1);
    switch (e.key) {
      case 'ArrowDown':
        moveTo(activeIndex + 1);
        break;
      case 'ArrowUp':
        moveTo(activeIndex - 1);
        break;
      case 'PageDown':
        moveTo(activeIndex + page);
        break;
      case 'PageUp':
        moveTo(activeIndex - page);
        break;
      case 'Home':
        moveTo(0);
        break;
      case 'End':
        moveTo(rows.length - 1);
        break;
      case 'Enter':
      case ' ':
        if (activeRow !== undefined) onOpen(activeRow);
        break;
      default:
        return;
    }
    e.preventDefault();
  }

  return (
    <div className="mgr-jlist">
      <div className="mgr-jlist-row mgr-jlist-head" aria-hidden="true">
        <span>{t(M.time)}</span>
        <span>{t(M.kind)}</span>
        <span>{t(M.member)}</span>
        <span>{t(M.reference)}</span>
        <span className="num">{t(M.points)}</span>
        <span>{t(M.state)}</span>
      </div>
      <div
        ref={scrollRef}
        className="mgr-jlist-scroll"
        role="listbox"
        aria-label={label}
        tabIndex={0}
        aria-activedescendant={activeRendered ? `${testId}-row-${activeRow.id}` : undefined}
        onKeyDown={onKeyDown}
        data-testid={testId}
      >
        <div role="presentation" className="mgr-jlist-canvas" style={{ height: virtualizer.getTotalSize() }}>
          {items.map((item) => {
            const row = rows[item.index];
            if (row === undefined) return null;
            const selected = item.index === activeIndex;
            return (
              <div
                key={row.id}
                id={`${testId}-row-${row.id}`}
                role="option"
                aria-selected={selected}
                aria-posinset={item.index + 1}
                aria-setsize={total ?? (hasMore ? -1 : rows.length)}
                aria-label={rowLabel(row, translate, tr)}
                className={`mgr-jlist-row${selected ? ' is-active' : ''}`}
                style={{ height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}
                onClick={() => {
                  setActive(item.index);
                  onOpen(row);
                }}
                data-testid="journal-row"
                data-row-id={row.id}
                data-state={row.state}
              >
                <span className="mgr-mono">{formatDateTime(row.createdAt, tr.locale)}</span>
                <span>{kindLabel(row.kind, translate)}</span>
                <span className="mgr-mono mgr-ellipsis">{row.memberId}</span>
                <span className="mgr-ellipsis">{rowReference(row, translate)}</span>
                <span className={`num${row.amount < 0 ? ' neg' : ''}`}>{fmtSigned(row.amount, tr)}</span>
                <span>
                  <StateChip state={row.state} />
                </span>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
