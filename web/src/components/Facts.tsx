// Labelled figures as a description list laid out in tiles: [label, value] pairs, a pair with a null value
// left out.
import type { ComponentChildren } from 'preact';

export type Fact = [label: string, value: ComponentChildren | null];

export function Facts({ items, label, class: className }: { items: Fact[]; label?: string; class?: string }) {
  return (
    <dl class={className ?? 'facts'} aria-label={label}>
      {items
        .filter(([, value]) => value !== null)
        .map(([name, value]) => (
          <div key={name}>
            <dt>{name}</dt>
            <dd>{value}</dd>
          </div>
        ))}
    </dl>
  );
}
