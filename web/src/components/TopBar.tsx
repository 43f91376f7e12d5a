// The top of every page: the skip link, then the header landmark with the brand and what the page puts
// beside it (the staff navigation and user, or the debtor portal's name).
import type { ComponentChildren } from 'preact';

export function TopBar({ children }: { children: ComponentChildren }) {
  return (
    <>
      <a class="skip-link" href="#main">
        Skip to content
      </a>
      <header class="top">
        <span class="brand">microfactor</span>
        {children}
      </header>
    </>
  );
}
