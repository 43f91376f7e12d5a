// A data table with column headers, scrolling sideways on a narrow screen. A column written "Face#" is a
// number (right-aligned, tabular figures); one written "Issued~" is left out on a phone (its cells carry the
// class "wide-only" too).
import type { ComponentChildren } from 'preact';

interface Props {
  columns: string[];
  caption?: string; // for screen readers, when no heading names the table already
  class?: string;
  children: ComponentChildren;
}

export function Table({ columns, caption, class: className, children }: Props) {
  return (
    <div class="table-scroll">
      <table class={className}>
        {caption && <caption class="visually-hidden">{caption}</caption>}
        <thead>
          <tr>
            {columns.map((column) => {
              const wideOnly = column.endsWith('~');
              const name = wideOnly ? column.slice(0, -1) : column;
              const number = name.endsWith('#');
              const classes = [number ? 'number' : '', wideOnly ? 'wide-only' : ''].filter(Boolean).join(' ');
              return (
                <th scope="col" class={classes || undefined} key={column}>
                  {number ? name.slice(0, -1) : name}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
