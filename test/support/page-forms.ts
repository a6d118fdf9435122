import assert from 'node:assert/strict';

/** The hidden fields and the action of the form posting to `action`, as a browser would send them. */
export function formOf(html: string, action: string): Record<string, string> {
  const start = html.indexOf(`action="${action}"`);
  assert.ok(start >= 0, `the page has a form posting to ${action}`);
  const form = html.slice(start, html.indexOf('</form>', start));
  const out: Record<string, string> = {};
  for (const m of form.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)) if (m[1] !== '_csrf') out[m[1]!] = m[2]!;
  return out;
}
