import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';

const kept = new WeakMap<object, Map<string, string>>();

/**
 * Markup that is the same on every page of a site in one language (its header, the footer's contacts and link
 * lists) rendered once and reused, instead of on every uncached page view, where it was most of the render. Kept
 * against the site's chrome object, which site-routes.ts replaces when a change to the site or its menus arrives,
 * so a change is never served from here; the key names whatever else the markup depends on.
 */
export function renderedOnce(chrome: object, key: string, render: () => VNode): string {
  let parts = kept.get(chrome);
  if (!parts) kept.set(chrome, (parts = new Map()));
  let html = parts.get(key);
  if (html === undefined) {
    html = renderToString(render());
    parts.set(key, html);
  }
  return html;
}
