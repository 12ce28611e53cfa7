import type { ReactNode } from 'react';

/** A column: its heading, and whether it holds numbers (right-aligned, tabular digits). */
export interface NumbersColumn {
  label: string;
  num?: boolean;
}

/** A row: its heading (the first cell, a row header for screen readers) and its cells. */
export interface NumbersRow {
  key: string | number;
  head: ReactNode;
  cells: ReactNode[];
  testId?: string;
}

/**
 * The figures behind a chart or a panel as a plain table: the first column heads each row,
 * the others line up with `columns[1..]`. A footer row (a total) is optional.
 */
export function NumbersTable({
  columns,
  rows,
  foot,
  caption,
  className = 'exam-table',
  testId,
}: {
  columns: NumbersColumn[];
  rows: NumbersRow[];
  foot?: NumbersRow;
  caption?: string;
  className?: string;
  testId?: string;
}) {
  const cellsOf = (row: NumbersRow) => (
    <tr key={row.key} data-testid={row.testId}>
      <th scope="row">{row.head}</th>
      {row.cells.map((cell, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: cells are positional, one per column
        <td key={i} className={columns[i + 1]?.num ? 'num' : undefined}>
          {cell}
        </td>
      ))}
    </tr>
  );
  return (
    <table className={className} data-testid={testId}>
      {caption && <caption>{caption}</caption>}
      <thead>
        <tr>
          {columns.map((c) => (
            <th key={c.label} scope="col" className={c.num ? 'num' : undefined}>
              {c.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>{rows.map(cellsOf)}</tbody>
      {foot && <tfoot>{cellsOf(foot)}</tfoot>}
    </table>
  );
}
