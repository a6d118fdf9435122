import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { generate } from 'otplib';
import { type Browser, type Page, chromium } from 'playwright-core';
import type { TestEnv } from '../support/app.js';

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

/** Starts the test app on a free local port for a real browser; the address to open. */
export async function serve(env: TestEnv): Promise<string> {
  await env.app.listen({ port: 0, host: '127.0.0.1' });
  const addr = env.app.server.address();
  assert.ok(addr && typeof addr === 'object', 'the app listens on a TCP port');
  return `http://127.0.0.1:${addr.port}`;
}

export const WIDE = { width: 1280, height: 900 };
export const NARROW = { width: 360, height: 800 };

/**
 * Checks the page as it is now at desktop width and again at 360 px (small phones): axe finds no serious or
 * critical issue at either, and nothing makes the page scroll sideways at 360 px. With E2E_SCREENSHOTS=<dir>
 * it also keeps a full-page picture at 360 px, for a person to look at.
 */
export async function checkPage(page: Page, label: string): Promise<void> {
  const before = page.viewportSize() ?? WIDE;
  await page.setViewportSize(WIDE);
  await expectAccessible(page, `${label} at ${WIDE.width} px`);
  await checkNarrow(page, label, async () => expectAccessible(page, `${label} at ${NARROW.width} px`));
  await page.setViewportSize(before);
}

/**
 * At 360 px nothing makes the page scroll sideways. Alone, this is the check for a page with JavaScript
 * turned off, where axe cannot run: it works through the page's own timers, which never fire then.
 */
export async function checkNarrow(page: Page, label: string, more?: () => Promise<void>): Promise<void> {
  const before = page.viewportSize() ?? WIDE;
  await page.setViewportSize(NARROW);
  const { scrollWidth, culprit } = await page.evaluate((limit) => {
    // The innermost element sticking out names what to fix, rather than only that something does.
    // No named helper functions in here: the TypeScript loader would wrap them in a call the page does not have.
    const out = Array.from(document.querySelectorAll('body *')).filter((el) => {
      if (el.getBoundingClientRect().right <= limit + 0.5) return false;
      // A scrolling box clips what sticks out of it, except an absolutely placed element whose box is further out.
      const absolute = ['absolute', 'fixed'].includes(getComputedStyle(el).position);
      for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
        const style = getComputedStyle(a);
        const contains = !absolute || style.position !== 'static';
        if (contains && style.overflowX !== 'visible' && a.getBoundingClientRect().right <= limit + 0.5) return false;
      }
      return true;
    });
    const inner = out.filter((el) => !out.some((o) => o !== el && el.contains(o)));
    const el = inner[0];
    const culprit = el ? `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.className && typeof el.className === 'string' ? `.${el.className.trim().split(/\s+/).join('.')}` : ''} right=${Math.round(el.getBoundingClientRect().right)}` : 'none';
    return { scrollWidth: document.documentElement.scrollWidth, culprit };
  }, NARROW.width);
  assert.ok(scrollWidth <= NARROW.width, `${label} scrolls sideways at ${NARROW.width} px (scrollWidth ${scrollWidth}; ${culprit})`);
  await more?.();
  const dir = process.env.E2E_SCREENSHOTS;
  if (dir) await page.screenshot({ path: path.join(dir, `${label.replace(/[^\p{L}\p{N}]+/gu, '-')}.png`), fullPage: true });
  await page.setViewportSize(before);
}

/**
 * A code the server accepts now for this secret: the server refuses a time step it has already seen (replay),
 * and tolerates one step either side of now, so after a recent sign-in the next step's code is used instead of
 * waiting for the clock.
 */
export async function nextTotpCode(secret: string, lastStep: number | null): Promise<string> {
  const nowStep = Math.floor(Date.now() / 30_000);
  const step = lastStep !== null && lastStep >= nowStep ? lastStep + 1 : nowStep;
  return generate({ secret, epoch: step * 30 });
}
