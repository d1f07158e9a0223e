/** A box table in the style Keras 3 prints with `rich`: heavy header, a rule between rows, light body. */
export interface TableColumn {
  header: string;
  /** Width between the borders, padding included (widened to fit the content). */
  width: number;
  align: 'left' | 'right';
}

function pad(text: string, width: number, align: 'left' | 'right'): string {
  const room = Math.max(0, width - 2 - [...text].length);
  return align === 'left' ? ` ${text}${' '.repeat(room)} ` : ` ${' '.repeat(room)}${text} `;
}

/** Renders `rows` (each cell a list of lines) under `columns`. */
export function renderTable(columns: TableColumn[], rows: string[][][]): string[] {
  const widths = columns.map((c, j) =>
    Math.max(c.width, [...c.header].length + 2, ...rows.flatMap((r) => r[j].map((line) => [...line].length + 2))),
  );
  const rule = (left: string, fill: string, mid: string, right: string): string =>
    left + widths.map((w) => fill.repeat(w)).join(mid) + right;
  const lines = [rule('┏', '━', '┳', '┓')];
  lines.push('┃' + columns.map((c, j) => pad(c.header, widths[j], c.align)).join('┃') + '┃');
  lines.push(rule('┡', '━', '╇', '┩'));
  rows.forEach((row, i) => {
    const height = Math.max(1, ...row.map((cell) => cell.length));
    for (let k = 0; k < height; k++) {
      lines.push('│' + columns.map((c, j) => pad(row[j][k] ?? '', widths[j], c.align)).join('│') + '│');
    }
    lines.push(i === rows.length - 1 ? rule('└', '─', '┴', '┘') : rule('├', '─', '┼', '┤'));
  });
  if (rows.length === 0) lines.push(rule('└', '─', '┴', '┘'));
  return lines;
}
