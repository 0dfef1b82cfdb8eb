// What the browser test files share: the service's address and key, headless Chromium (Debian package) through
// playwright-core, a page that records every script, console (CSP included) and network error, and axe-core.
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const DASHBOARD_URL = process.env.DASHBOARD_URL;
if (!DASHBOARD_URL) throw new Error('Set DASHBOARD_URL, e.g. http://127.0.0.1:5080/dashboard/');
export const ORIGIN = new URL(DASHBOARD_URL).origin;
export const ARTIFACTS = join(dirname(fileURLToPath(import.meta.url)), 'artifacts');
export const TIMEOUT = 60_000;

const nf2 = new Intl.NumberFormat('it-IT', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
export const it2 = v => (v === null || v === undefined ? 'n.d.' : nf2.format(v));

/** The key the page uses (the demo Viewer key from config.json unless DASHBOARD_API_KEY is set). */
export async function viewerKey() {
  const config = await (await fetch(new URL('config.json', DASHBOARD_URL))).json();
  const key = process.env.DASHBOARD_API_KEY || config.apiKey;
  assert.ok(key, 'the service exposes the demo Viewer key (Dashboard:DemoApiKey) or DASHBOARD_API_KEY is set');
  return key;
}

export function apiClient(key) {
  return async path => {
    const res = await fetch(ORIGIN + path, { headers: { 'X-Api-Key': key } });
    assert.equal(res.status, 200, `${path} answered ${res.status}`);
    return res.json();
  };
}

/** A persistent Chromium context in a throw-away profile; close() removes it. */
export async function launch(options = {}) {
  const profile = mkdtempSync(join(tmpdir(), 'dashboard-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1400, height: 1000 },
    locale: 'it-IT',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
    ...options,
  });
  return {
    context,
    async close() { await context.close(); rmSync(profile, { recursive: true, force: true }); },
  };
}

/** Any script error, console error (a CSP violation is one) or failed request on the page lands in `problems`. */
export function watch(page, problems) {
  page.setDefaultTimeout(TIMEOUT);
  page.on('pageerror', e => problems.push('pageerror: ' + e.message));
  page.on('console', m => { if (m.type() === 'error') problems.push('console: ' + m.text()); });
  page.on('response', r => { if (r.status() >= 400) problems.push(`${r.status()} ${r.url()}`); });
  page.on('requestfailed', r => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
  return page;
}

export const ready = (page, plan, year) => page.waitForSelector(`body[data-state="ready"][data-plan="${plan}"][data-year="${year}"]`);

export async function screenshot(page, name) {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, name);
  await page.screenshot({ path, fullPage: true });
  return path;
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * axe-core's WCAG 2.0/2.1 A and AA rules on the page as it is. Evaluated through the DevTools protocol, so the page's
 * own CSP (no inline script) stays in force. Returns the violations, one line each, for a readable assertion.
 */
export async function axeViolations(page) {
  await page.evaluate(axeSource);
  const result = await page.evaluate(() => globalThis.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    resultTypes: ['violations'],
  }));
  return result.violations.map(v => `${v.id} (${v.impact}, ${v.nodes.length}×): ${v.help} – e.g. ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | ')}`);
}

/** How far the page scrolls sideways (0 = it reflows). */
export const sidewaysScroll = page => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
