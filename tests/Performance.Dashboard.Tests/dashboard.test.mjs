// Browser tests of /dashboard on the demo data: headless Chromium (Debian package) driven by playwright-core.
// DASHBOARD_URL points at a running service's dashboard, e.g. http://127.0.0.1:5099/dashboard/ (see .ci/run).
// Every figure the page shows is compared with the API's JSON, fetched here with the same key the page uses.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DASHBOARD_URL, ARTIFACTS, TIMEOUT, it2, viewerKey, apiClient, launch, watch } from './browser.mjs';

let key, api;

describe('dashboard', { timeout: 5 * TIMEOUT }, () => {
  let browser, context, page;
  const problems = [];

  before(async () => {
    key = await viewerKey();
    api = apiClient(key);
    browser = await launch();
    context = browser.context;
    // Any script error or console error (a CSP violation is one) fails the run.
    page = watch(context.pages()[0] || await context.newPage(), problems);
  });

  after(async () => {
    await browser?.close();
  });

  const ready = (plan, year) => page.waitForSelector(`body[data-state="ready"][data-plan="${plan}"][data-year="${year}"]`);

  test('serves the page with a self-only CSP and loads the Cremona demo plan with its score', { timeout: TIMEOUT }, async () => {
    const response = await page.goto(DASHBOARD_URL + '#piano=PP-2021-2023&anno=2021');
    assert.equal(response.status(), 200);
    const csp = response.headers()['content-security-policy'];
    assert.match(csp, /default-src 'self'/);
    assert.match(csp, /script-src 'self';/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|https?:/);
    await ready('PP-2021-2023', 2021);

    const sc = await api('/api/plans/PP-2021-2023/scorecard?year=2021');
    assert.ok(sc.score !== null, 'the demo consuntivi give the plan a score');
    assert.equal(await page.textContent('#plan-score'), it2(sc.score));
    assert.equal(await page.inputValue('#plan'), 'PP-2021-2023');
    assert.equal(await page.inputValue('#year'), '2021');
    const topCodes = await page.$$eval('#tree > li', lis => lis.map(li => li.dataset.code));
    assert.deepEqual(topCodes, sc.nodes.map(n => n.code));
  });

  test('expanding a node shows its children and indicators with the API figures, in Italian format', { timeout: TIMEOUT }, async () => {
    const sc = await api('/api/plans/PP-2021-2023/scorecard?year=2021');
    const area = sc.nodes[0];
    const toggle = page.locator(`#tree > li[data-code="${area.code}"] > .node-row .toggle`);
    assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
    await toggle.click();
    assert.equal(await toggle.getAttribute('aria-expanded'), 'true');

    assert.equal(await page.textContent(`li[data-code="${area.code}"] > .node-row [data-field="node-score"]`), it2(area.score));
    // The node score endpoint agrees with the scorecard and with what is shown.
    const nodeScore = await api(`/api/plans/PP-2021-2023/nodes/${area.code}/score?year=2021`);
    assert.equal(it2(nodeScore.score), it2(area.score));

    for (const i of area.indicators) {
      const row = `li[data-code="${area.code}"] tr[data-indicator="${i.code}"]`;
      assert.equal((await page.textContent(`${row} [data-field="actual"]`)).replace(/\s*%$/, ''), it2(i.actual));
      assert.equal(await page.textContent(`${row} [data-field="achievement"]`), it2(i.achievement) + ' %');
      assert.equal(await page.textContent(`${row} [data-field="score"]`), it2(i.score));
      assert.equal(await page.textContent(`${row} [data-field="target"]`), i.target);
      const single = await api(`/api/indicators/PP-2021-2023:${encodeURIComponent(i.code)}/score?year=2021`);
      assert.equal(it2(single.achievement), it2(i.achievement));
    }
    // One level deeper: a strategic objective.
    const child = area.children[0];
    await page.click(`li[data-code="${child.code}"] > .node-row .toggle`);
    assert.equal(await page.textContent(`li[data-code="${child.code}"] > .node-row [data-field="node-score"]`), it2(child.score));
    assert.equal(await page.locator(`li[data-code="${child.code}"] > div > ul > li`).count(), child.children.length);
    await mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-cremona.png'), fullPage: true });
  });

  test('the trend chart of an indicator draws the consuntivo and the target line', { timeout: TIMEOUT }, async () => {
    const code = '2021_01.I1';
    await page.click(`tr[data-indicator="${code}"] button`);
    await page.waitForSelector('#trend-chart[data-state="ready"]');
    assert.equal(await page.inputValue('#trend-indicator'), code);
    const trend = await api(`/api/indicators/PP-2021-2023:${code}/trend`);
    assert.equal(await page.locator('#trend-chart path.target-line').count(), 1);
    assert.equal(await page.locator('#trend-chart circle.actual-point').count(), trend.points.filter(p => p.actual !== null).length);
    const cells = await page.$$eval('#trend-table tbody tr', trs => trs.map(tr => tr.children[2].textContent));
    assert.deepEqual(cells.map(c => c.replace(/\s*%$/, '')), trend.points.map(p => it2(p.actual)));
  });

  test('INPS 2024: Valore Pubblico by area and by structure, LGG attuazione, structure ranking', { timeout: TIMEOUT }, async () => {
    await page.selectOption('#plan', 'RP-2024');
    await ready('RP-2024', 2024);
    const [sc, pv, lgg, ranking] = await Promise.all([
      api('/api/plans/RP-2024/scorecard?year=2024'), api('/api/plans/RP-2024/public-value?year=2024'),
      api('/api/plans/RP-2024/guidelines?year=2024'), api('/api/plans/RP-2024/structures/ranking?year=2024'),
    ]);
    assert.equal(await page.textContent('#plan-score'), it2(sc.score));

    // Valore Pubblico: the institute value and the five areas.
    assert.equal(it2(pv.institute), '124,04');
    assert.equal(await page.textContent('#vp-institute'), '124,04');
    assert.equal(await page.textContent('[data-field="vp-institute-chart"]'), '124,04');
    const bars = await page.$$eval('#vp-chart g[data-key]', gs => gs.map(g => ({ key: g.dataset.key, text: g.querySelector('.bar-value').textContent })));
    assert.equal(bars.length, 5);
    assert.deepEqual(bars, pv.areas.map(a => ({ key: a.code, text: it2(a.institute.score) })));
    const ranked = pv.structures.filter(s => s.included && s.value !== null).sort((a, b) => b.value - a.value);
    const shown = await page.$$eval('#vp-structures li[data-structure]', lis => lis.map(li => [li.dataset.structure, li.querySelector('.val').textContent]));
    assert.deepEqual(shown, ranked.map(s => [s.code, it2(s.value)]));

    // LGG attuazione: one bar per guideline, and the justifications.
    const lggBars = await page.$$eval('#lgg-chart g[data-key]', gs => gs.map(g => [g.dataset.key, g.querySelector('.bar-value').textContent]));
    assert.equal(lggBars.length, lgg.length);
    assert.deepEqual(lggBars, lgg.map(g => ['LGG-' + g.number, it2(g.attuazione)]));
    const justified = lgg.filter(g => g.justification);
    assert.ok(justified.length > 0);
    for (const g of justified) assert.ok((await page.textContent(`#lgg-notes li[data-lgg="${g.number}"]`)).includes(g.justification));

    // Structure ranking.
    const rows = await page.$$eval('#structures tbody tr', trs => trs.map(tr => [tr.dataset.structure, tr.querySelector('[data-field="score"]').textContent]));
    assert.deepEqual(rows, ranking.map(r => [r.code, it2(r.score)]));
  });

  test('full-page screenshot with the tree and the VP chart', { timeout: TIMEOUT }, async () => {
    const first = page.locator('#tree > li').first().locator('> .node-row .toggle');
    await first.click();
    assert.equal(await first.getAttribute('aria-expanded'), 'true');
    assert.ok(await page.isVisible('#vp-chart svg'));
    mkdirSync(ARTIFACTS, { recursive: true });
    const path = join(ARTIFACTS, 'dashboard.png');
    await page.screenshot({ path, fullPage: true });
    console.log('screenshot: ' + path);
  });

  test('no script, CSP or network error on the page', () => {
    assert.deepEqual(problems, []);
  });

  test('a plan code two organizations share is named ORG:CODE, and the service answers it', { timeout: TIMEOUT }, async () => {
    // The list as a platform-wide key would see it with another organization's plan under the same code (the service
    // refuses the bare code then): the page names both plans by ORG:CODE and reads the real one through that key.
    const plans = await api('/api/plans');
    const real = plans.find(p => p.code === 'PP-2021-2023');
    assert.equal(real.key, `${real.organization}:PP-2021-2023`);
    const twin = { ...real, id: '00000000-0000-0000-0000-000000000001', organization: 'ALTRO-ENTE', key: 'ALTRO-ENTE:PP-2021-2023' };
    const shared = await context.newPage();
    const seen = [];
    watch(shared, seen);
    await shared.route('**/api/plans', r => r.fulfill({ contentType: 'application/json', body: JSON.stringify([...plans, twin]) }));
    await shared.goto(DASHBOARD_URL + `#piano=${encodeURIComponent(real.key)}&anno=2021`);
    await shared.waitForSelector(`body[data-state="ready"][data-plan="${real.key}"][data-year="2021"]`);
    const values = await shared.$$eval('#plan option', o => o.map(x => x.value));
    assert.ok(values.includes(real.key) && values.includes(twin.key), values.join(', '));
    assert.ok(values.includes('RP-2024'), 'a code no one else uses stays the bare code');
    const sc = await api(`/api/plans/${encodeURIComponent(real.key)}/scorecard?year=2021`);
    assert.equal(await shared.textContent('#plan-score'), it2(sc.score));
    await shared.close();
    assert.deepEqual(seen, []);
  });

  test('without a key the page asks for one instead of failing', { timeout: TIMEOUT }, async () => {
    const other = await context.newPage();
    await other.route('**/dashboard/config.json', r => r.fulfill({ contentType: 'application/json', body: '{"apiKey":null}' }));
    await other.goto(DASHBOARD_URL);
    await other.waitForSelector('body[data-state="no-key"]');
    assert.match(await other.textContent('#message'), /chiave API/i);
    // Pasting a key loads the data.
    await other.fill('#key', key);
    await other.click('#key-form button[type="submit"]');
    await other.waitForSelector('body[data-state="ready"]');
    await other.close();
  });
});
