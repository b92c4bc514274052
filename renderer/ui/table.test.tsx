import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Table, type Column } from './table.tsx';

interface Call {
  id: number;
  path: string;
  status: number | null;
}

const columns: Column<Call>[] = [
  { id: 'path', header: 'Path', cell: (c) => c.path, cellClassName: 'mono' },
  { id: 'status', header: 'Status', cell: (c) => c.status ?? 'none', align: 'end', cellClassName: (c) => (c.status === null ? 'muted' : undefined) },
  { id: 'open', header: 'Open', hideHeader: true, cell: (c) => `#${c.id}` },
];

describe('Table', () => {
  it('names itself by its caption and heads every column', () => {
    const html = renderToStaticMarkup(<Table caption="API calls, newest first" columns={columns} rows={[]} rowKey={(c) => c.id} testId="activity-table" />);
    expect(html).toContain('<caption class="visually-hidden">API calls, newest first</caption>');
    expect(html.match(/<th scope="col"/g)).toHaveLength(3);
    expect(html).toContain('<th scope="col" class="num">Status</th>');
    expect(html).toContain('<span class="visually-hidden">Open</span>');
    expect(html).toContain('data-testid="activity-table"');
  });

  it('renders one row per item with its test id, data attributes and cell classes', () => {
    const rows: Call[] = [
      { id: 1, path: '/v2/awards', status: 201 },
      { id: 2, path: '/v2/members/7', status: null },
    ];
    const html = renderToStaticMarkup(
      <Table caption="Calls" showCaption columns={columns} rows={rows} rowKey={(c) => c.id} rowTestId="activity-row" rowData={(c) => ({ status: c.status ?? 'none' })} />,
    );
    expect(html).toContain('<caption class="table__caption">Calls</caption>');
    expect(html.match(/data-testid="activity-row"/g)).toHaveLength(2);
    expect(html).toContain('data-status="201"');
    expect(html).toContain('data-status="none"');
    expect(html).toContain('<td class="mono">/v2/awards</td>');
    expect(html).toContain('<td class="num">201</td>');
    expect(html).toContain('<td class="num muted">none</td>');
  });

  it('shows the empty message instead of an empty table when given one', () => {
    const html = renderToStaticMarkup(<Table caption="Calls" columns={columns} rows={[]} rowKey={(c) => c.id} empty={<p>No API calls match.</p>} />);
    expect(html).toBe('<p>No API calls match.</p>');
  });
});
