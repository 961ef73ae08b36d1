/**
 * Text tables with chalk colours: each cell is padded as plain text first and coloured after,
 * so the escape codes do not upset the column widths.
 */
import chalk from 'chalk';

export interface Column {
  readonly title: string;
  readonly right?: boolean;
  readonly colour?: (text: string) => string;
}

/** The title row (dim) and one line per row, each indented by `indent` spaces; the last column is not padded. */
export function renderColumns(columns: readonly Column[], rows: readonly (readonly string[])[], indent = 4): string[] {
  const widths = columns.map((column, i) => Math.max(column.title.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: readonly string[], colour: (column: Column) => (text: string) => string) =>
    ' '.repeat(indent) +
    columns
      .map((column, i) => {
        const cell = cells[i] ?? '';
        const padded = i === columns.length - 1 ? cell : column.right ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!);
        return colour(column)(padded);
      })
      .join('  ')
      .trimEnd();
  return [line(columns.map((column) => column.title), () => chalk.dim), ...rows.map((row) => line(row, (column) => column.colour ?? String))];
}
