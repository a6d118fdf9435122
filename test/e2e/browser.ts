import assert from 'node:assert/strict';
import fs from 'node:fs';
import { AxeBuilder } from '@axe-core/playwright';
import { type Browser, type Page, chromium } from 'playwright-core';

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Why browser tests cannot run here, or null when they can. With REQUIRE_BROWSER=1 a missing browser is a
 * failure instead of a skip, so CI cannot go green without them.
 */
export function browserSkipReason(): string | null {
  if (fs.existsSync(chromiumPath)) return null;
  const reason = `Chromium not found at ${chromiumPath}: browser tests SKIPPED (apt-get install chromium, or set CHROMIUM_PATH)`;
  if (process.env.REQUIRE_BROWSER === '1') assert.fail(`REQUIRE_BROWSER=1 but ${reason}`);
  console.log(`# ${reason}`);
  return reason;
}

export async function launchBrowser(): Promise<Browser> {
  // Flags from stack-spike §7: headless as root, and no background traffic to the closed network;
  // playwright gives each launch a fresh temporary profile.
  return chromium.launch({
    executablePath: chromiumPath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** Fails on any serious or critical WCAG 2.1 A/AA violation axe finds on the page as it is now. */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(
    bad.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    [],
    `axe found serious/critical issues on ${label}`,
  );
}
