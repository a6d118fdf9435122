import type { ComponentChildren } from 'preact';

/**
 * The box around a table that may be wider than a phone screen: it scrolls sideways on its own, and because
 * it is a named region in the tab order, a keyboard user can focus it and scroll with the arrow keys (WCAG
 * 2.1.1; axe: scrollable-region-focusable).
 */
export function TableWrap({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    <div class="congso-table-wrap" role="region" aria-label={label} tabindex={0}>
      {children}
    </div>
  );
}
