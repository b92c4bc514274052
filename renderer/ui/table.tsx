/**
 * A data table: a caption (its accessible name, visually hidden unless `showCaption`), column
 * headers with `scope="col"`, numeric columns aligned right with tabular figures.
 */
import type { Key, ReactNode } from 'react';

export interface Column<Row> {
  /** Stable React key for the column. */
  id: string;
  header: ReactNode;
  cell: (row: Row) => ReactNode;
  /** `end`: right-aligned figures (points, status codes, latency). */
  align?: 'start' | 'end';
  /** The header is read out but not shown (e.g. a column of "Open" buttons). */
  hideHeader?: boolean;
  /** Extra class on each cell of this column (e.g. `mono`, `break`). */
  cellClassName?: string | ((row: Row) => string | undefined);
}

export interface TableProps<Row> {
  caption: ReactNode;
  showCaption?: boolean;
  columns: ReadonlyArray<Column<Row>>;
  rows: readonly Row[];
  /** The row's React key; `index` for rows without an identity of their own (e.g. report lines). */
  rowKey: (row: Row, index: number) => Key;
  testId?: string;
  /** `data-testid` on every body row. */
  rowTestId?: string;
  /** More `data-*` attributes per row, e.g. `{ 'row-id': 12 }` → `data-row-id="12"`. */
  rowData?: (row: Row) => Readonly<Record<string, string | number>>;
  /** Shown instead of the table when there are no rows (omit to show an empty table). */
  empty?: ReactNode;
  className?: string;
}

export function Table<Row>({ caption, showCaption = false, columns, rows, rowKey, testId, rowTestId, rowData, empty, className }: TableProps<Row>) {
  if (rows.length === 0 && empty !== undefined) return <>{empty}</>;
  return (
    <div className="table-wrap">
      <table className={`table${className !== undefined ? ` ${className}` : ''}`} data-testid={testId}>
        <caption className={showCaption ? 'table__caption' : 'visually-hidden'}>{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.id} scope="col" className={c.align === 'end' ? 'num' : undefined}>
                {c.hideHeader === true ? <span className="visually-hidden">{c.header}</span> : c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => (
            <tr key={rowKey(row, index)} data-testid={rowTestId} {...dataAttributes(rowData?.(row))}>
              {columns.map((c) => (
                <td key={c.id} className={cellClass(c, row)}>
                  {c.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function cellClass<Row>(c: Column<Row>, row: Row): string | undefined {
  const extra = typeof c.cellClassName === 'function' ? c.cellClassName(row) : c.cellClassName;
  const parts = [c.align === 'end' ? 'num' : undefined, extra].filter((x) => x !== undefined && x !== '');
  return parts.length === 0 ? undefined : parts.join(' ');
}

function dataAttributes(data: Readonly<Record<string, string | number>> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (data === undefined) return out;
  for (const [k, v] of Object.entries(data)) out[`data-${k}`] = String(v);
  return out;
}
