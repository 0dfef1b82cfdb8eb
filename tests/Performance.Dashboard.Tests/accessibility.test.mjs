// Accessibility of the dashboard and of the Relazione sulla Performance (WCAG 2.1 AA, issue 19): axe-core's A/AA rules
// on both demo plans with the tree collapsed and expanded, reflow at 320 px (= 400 % zoom of a 1280 px window) and
// 800 px, text zoom in the charts, keyboard flows (skip links, Andamento, selectors), a plan change through the address
// bar, every number drawn in a chart also written as text, and the Relazione styled from its URL under its own CSP.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  DASHBOARD_URL, ORIGIN, TIMEOUT, it2, viewerKey, apiClient, launch, watch, ready, screenshot, axeViolations, sidewaysScroll,
} from './browser.mjs';

const PLANS = [['PP-2021-2023', 2021], ['RP-2024', 2024]];
const STATUS_WORDS = /^(✓ Raggiunto|◐ Parzialmente raggiunto|✕ Non raggiunto|– Non disponibile)$/;
const itNumber = text => Number(text.replace(/\./g, '').replace(',', '.').replace(/[^\d.-]/g, ''));

let key, api, browser;
const problems = [];

before(async () => {
  key = await viewerKey();
  api = apiClient(key);
  browser = await launch();
});
after(async () => { await browser?.close(); });

/** A fresh page at a width, the plan loaded from the address (a full load, not a hash change). */
async function open(plan, year, width = 1400) {
  const page = watch(await browser.context.newPage(), problems);
  await page.setViewportSize({ width, height: 900 });
  await page.goto(DASHBOARD_URL + `#piano=${plan}&anno=${year}`);
  await ready(page, plan, year);
  return page;
}

async function expandAll(page) {
  await page.click('#expand-all');
  await page.waitForFunction(() => !document.querySelector('#tree .toggle[aria-expanded="false"]'));
}

const active = page => page.evaluate(() => {
  const el = document.activeElement;
  return { id: el?.id || '', text: el?.textContent.trim() || '', trend: el?.dataset?.trend || '' };
});

describe('dashboard accessibility', { timeout: 10 * TIMEOUT }, () => {
  test('axe-core (wcag2a, wcag2aa, wcag21a, wcag21aa): no violation on both demo plans, tree collapsed and expanded', { timeout: 4 * TIMEOUT }, async () => {
    for (const [plan, year] of PLANS) {
      const page = await open(plan, year);
      assert.deepEqual(await axeViolations(page), [], `${plan}, tree collapsed`);
      await expandAll(page);
      assert.deepEqual(await axeViolations(page), [], `${plan}, tree expanded`);
      await page.close();
    }
  });

  test('320 px (400 % zoom): no sideways page scroll, wide tables scroll in their own focusable box, axe still clean', { timeout: 4 * TIMEOUT }, async () => {
    for (const [plan, year] of PLANS) {
      const page = await open(plan, year, 320);
      assert.equal(await sidewaysScroll(page), 0, `${plan} collapsed scrolls sideways`);
      await expandAll(page);
      assert.equal(await sidewaysScroll(page), 0, `${plan} expanded scrolls sideways`);
      const boxes = await page.$$eval('.table-box', bs => bs.filter(b => b.offsetParent)
        .map(b => ({ scrolls: b.scrollWidth > b.clientWidth + 1, tab: b.getAttribute('tabindex'), role: b.getAttribute('role'), name: b.getAttribute('aria-label') })));
      const scrolling = boxes.filter(b => b.scrolls);
      assert.ok(scrolling.length > 0, 'at 320 px some table is wider than the page and scrolls in its box');
      for (const b of scrolling) assert.deepEqual([b.tab, b.role, !!b.name], ['0', 'region', true]);
      // Chart text keeps the page's size instead of shrinking with the chart.
      const fonts = await page.$$eval('.chart svg text', ts => ts.map(t => t.getBoundingClientRect().height).filter(h => h > 0));
      assert.ok(Math.min(...fonts) >= 11, `chart text at 320 px is ${Math.min(...fonts)} px high`);
      assert.deepEqual(await axeViolations(page), [], `${plan} at 320 px`);
      await screenshot(page, `dashboard-320-${plan}.png`);
      await page.close();
    }
  });

  test('800 px: the LGG labels stay at the page text size and the page fits', { timeout: TIMEOUT }, async () => {
    const page = await open('RP-2024', 2024, 800);
    assert.equal(await sidewaysScroll(page), 0);
    const labels = await page.$$eval('#lgg-chart text.bar-label', ts => ts.map(t => parseFloat(getComputedStyle(t).fontSize)));
    assert.equal(labels.length, 23);
    assert.ok(Math.min(...labels) >= 12, `LGG labels at ${Math.min(...labels)} px`);
    // Drawn at its box's width: one SVG unit is one CSS pixel, so the computed size is the size on screen.
    const [drawn, shown] = await page.$eval('#lgg-chart svg', s => [s.width.baseVal.value, s.getBoundingClientRect().width]);
    assert.ok(Math.abs(drawn - shown) < 1, `svg drawn ${drawn} px, shown ${shown} px`);
    await screenshot(page, 'dashboard-800.png');
    await page.close();
  });

  test('text zoom: chart text grows with the page font and the charts are redrawn for it', { timeout: TIMEOUT }, async () => {
    const page = await open('RP-2024', 2024);
    const before = await page.$eval('#lgg-chart', c => [parseFloat(getComputedStyle(c.querySelector('text.bar-label')).fontSize), c.querySelector('svg').height.baseVal.value]);
    await page.evaluate(() => { document.documentElement.style.fontSize = '200%'; });
    await page.waitForFunction(h => document.querySelector('#lgg-chart svg').height.baseVal.value > h * 1.5, before[1]);
    const zoomed = await page.$eval('#lgg-chart text.bar-label', t => parseFloat(getComputedStyle(t).fontSize));
    assert.ok(zoomed >= before[0] * 1.9, `label ${before[0]} px → ${zoomed} px`);
    assert.equal(await sidewaysScroll(page), 0);
    await page.close();
  });

  test('every number drawn in a chart is also on the page as text, with the full labels and a summary as the chart\u2019s name', { timeout: TIMEOUT }, async () => {
    const page = await open('RP-2024', 2024);
    const [pv, lgg] = await Promise.all([api('/api/plans/RP-2024/public-value?year=2024'), api('/api/plans/RP-2024/guidelines?year=2024')]);

    // Valore Pubblico per ambito: each bar's value and the central/territorial split (once only in tooltips) in the table.
    const vpBars = await page.$$eval('#vp-chart text.bar-value', ts => ts.map(t => t.textContent));
    assert.deepEqual(vpBars, pv.areas.map(a => it2(a.institute.score)));
    const vpRows = await page.$$eval('#vp-data tbody tr', trs => trs.map(tr => [...tr.children].map(c => c.textContent)));
    assert.deepEqual(vpRows.map(r => r[4]), vpBars);
    assert.deepEqual(vpRows.map(r => [r[2], r[3]]), pv.areas.map(a => [it2(a.central.score), it2(a.territorial.score)]));
    pv.areas.forEach((a, i) => assert.ok(vpRows[i][0].includes(a.name), a.name));

    // LGG: all 23 values (13 were only in the chart) and the full titles.
    const lggBars = await page.$$eval('#lgg-chart text.bar-value', ts => ts.map(t => t.textContent));
    const lggCells = await page.$$eval('#lgg-data tbody tr', trs => trs.map(tr => [tr.querySelector('th').textContent, tr.querySelector('[data-field="attuazione"]').textContent]));
    assert.equal(lggBars.length, lgg.length);
    assert.deepEqual(lggCells.map(c => c[1]), lggBars.map(v => v + ' %'));
    assert.deepEqual(lggCells.map(c => c[0]), lgg.map(g => g.title));
    // Each bar's colour has its state as a shape in the chart and as a word in the table.
    const icons = await page.$$eval('#lgg-chart text.bar-icon', ts => ts.map(t => t.textContent));
    assert.deepEqual(icons, lgg.map(g => (g.attuazione >= 100 ? '✓' : g.attuazione >= 90 ? '◐' : '✕')));

    // Andamento: each value written at a point is in the table's Consuntivo column.
    const points = await page.$$eval('#trend-chart text.point-value', ts => ts.map(t => t.textContent));
    const actuals = await page.$$eval('#trend-table tbody tr', trs => trs.map(tr => tr.children[2].textContent));
    for (const p of points) assert.ok(actuals.some(a => a.startsWith(p)), `${p} is in the trend table`);

    // Each chart is an image whose name summarises it and points to its table.
    const names = await page.$$eval('.chart svg[role="img"]', ss => ss.map(s => s.getAttribute('aria-label')));
    assert.equal(names.length, 3);
    for (const n of names) assert.match(n, /tabella/);
    assert.match(names[0], new RegExp(`dal minimo ${it2(Math.min(...pv.areas.map(a => a.institute.score)))}.*al massimo ${it2(Math.max(...pv.areas.map(a => a.institute.score)))}`));
    await page.close();
  });

  test('status in words and shapes beside every colour, a legend, labelled scores, unique names, no empty header', { timeout: 2 * TIMEOUT }, async () => {
    const page = await open('RP-2024', 2024);
    await expandAll(page);
    const badges = await page.$$eval('.badge', bs => bs.map(b => b.textContent.trim()));
    assert.ok(badges.length > 700);
    for (const b of badges) assert.match(b, STATUS_WORDS);
    assert.deepEqual(await page.$$eval('#status-legend li .badge', bs => bs.map(b => b.textContent.trim())),
      ['✓ Raggiunto', '◐ Parzialmente raggiunto', '✕ Non raggiunto', '– Non disponibile']);
    const rows = await page.$$eval('#tree .node-row', rs => rs.map(r => [!!r.querySelector('[data-field="node-status"]'), r.querySelector('.node-score').textContent]));
    for (const [hasStatus, score] of rows) { assert.ok(hasStatus); assert.match(score, /^punteggio /); }

    const trendButtons = await page.$$eval('button[data-trend]', bs => bs.map(b => [b.dataset.trend, b.textContent]));
    assert.ok(trendButtons.length > 700);
    for (const [code, name] of trendButtons) assert.equal(name, `Andamento di ${code}`);
    assert.equal(new Set(trendButtons.map(b => b[1])).size, trendButtons.length);
    const toggles = await page.$$eval('#tree .toggle', ts => ts.map(t => t.getAttribute('aria-label')));
    assert.equal(new Set(toggles).size, toggles.length);
    assert.deepEqual(await page.$$eval('th', ths => ths.filter(th => !th.textContent.trim()).length), 0);
    await page.close();
  });

  test('keyboard: skip links reach the tree and the trend, with a visible focus, and leave the address alone', { timeout: TIMEOUT }, async () => {
    const page = await open('PP-2021-2023', 2021);
    const address = page.url();
    await page.keyboard.press('Tab');
    assert.equal((await active(page)).text, 'Vai ai dati del piano');
    const ring = await page.evaluate(() => { const s = getComputedStyle(document.activeElement); return [s.outlineStyle, parseFloat(s.outlineWidth)]; });
    assert.equal(ring[0], 'solid');
    assert.ok(ring[1] >= 2);
    const box = await page.evaluate(() => document.activeElement.getBoundingClientRect().left);
    assert.ok(box >= 0, 'the focused skip link is on screen');
    await page.keyboard.press('Tab');
    assert.equal((await active(page)).text, 'Vai all\u2019albero della performance');
    await page.keyboard.press('Enter');
    assert.equal((await active(page)).id, 'tree-title');
    await page.keyboard.press('Tab');
    assert.equal((await active(page)).id, 'expand-all');

    await page.keyboard.press('Shift+Tab');
    await page.focus('a[data-skip="trend-title"]');
    await page.keyboard.press('Enter');
    assert.equal((await active(page)).id, 'trend-title');
    await page.keyboard.press('Tab');
    assert.equal((await active(page)).id, 'trend-indicator');
    assert.equal(page.url(), address);
    await page.close();
  });

  test('keyboard: "Andamento di {codice}" moves the focus to the chart, announces it and leads back', { timeout: TIMEOUT }, async () => {
    const page = await open('PP-2021-2023', 2021);
    await page.focus('#tree > li[data-code="2021_01"] > .node-row .toggle');
    await page.keyboard.press('Enter');
    const code = '2021_01.I2';
    const button = page.getByRole('button', { name: `Andamento di ${code}`, exact: true });
    assert.equal(await button.count(), 1);
    await button.focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.id === 'trend-heading');
    assert.match((await active(page)).text, new RegExp(`^Andamento di ${code.replace('.', '\\.')} – `));
    await page.waitForFunction(c => document.getElementById('announce').textContent.includes(`Andamento di ${c} mostrato`), code);
    const trend = await api(`/api/indicators/PP-2021-2023:${code}/trend`);
    assert.equal(await page.locator('#trend-table tbody tr').count(), trend.points.length);
    assert.equal(await page.inputValue('#trend-indicator'), code);

    const back = page.getByRole('button', { name: `Torna a ${code} nell\u2019albero` });
    await back.focus();
    await page.keyboard.press('Enter');
    assert.equal((await active(page)).trend, code);
    assert.ok(await back.isHidden());
    await page.close();
  });

  test('keyboard: arrowing through the year selector keeps the focus and loads only the year settled on', { timeout: TIMEOUT }, async () => {
    const page = await open('PP-2021-2023', 2021);
    const years = [];
    page.on('request', r => { const m = /\/scorecard\?year=(\d+)/.exec(r.url()); if (m) years.push(Number(m[1])); });
    await page.focus('#year');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    assert.equal(await page.inputValue('#year'), '2023');
    await ready(page, 'PP-2021-2023', 2023);
    assert.deepEqual(years, [2023], 'one load, for the year chosen, not one per step');
    assert.equal((await active(page)).id, 'year');
    await page.waitForFunction(() => document.getElementById('announce').textContent.includes('anno 2023'));
    await page.close();
  });

  test('a plan, year or indicator changed in the address bar is shown at once, without reloading the page', { timeout: TIMEOUT }, async () => {
    const page = await open('PP-2021-2023', 2021);
    await page.evaluate(() => { window.sameDocument = true; });
    await page.goto(DASHBOARD_URL + '#piano=RP-2024&anno=2024');
    await ready(page, 'RP-2024', 2024);
    assert.equal(await page.evaluate(() => window.sameDocument), true);
    assert.equal(await page.inputValue('#plan'), 'RP-2024');
    assert.equal(await page.textContent('#vp-institute'), '124,04');

    await page.goto(DASHBOARD_URL + '#piano=PP-2021-2023&anno=2022');
    await ready(page, 'PP-2021-2023', 2022);
    assert.equal(await page.inputValue('#year'), '2022');

    await page.goto(DASHBOARD_URL + '#piano=PP-2021-2023&anno=2022&indicatore=2021_01.I2');
    await page.waitForFunction(() => document.getElementById('trend-indicator').value === '2021_01.I2'
      && document.querySelector('#trend-chart').dataset.state === 'ready' && document.getElementById('trend-heading').textContent.includes('2021_01.I2'));
    assert.equal(await page.evaluate(() => window.sameDocument), true);
    await page.close();
  });

  test('numbers as the report prints them: whole counts, two-decimal scores, nice axis ticks', { timeout: TIMEOUT }, async () => {
    const page = await open('PP-2021-2023', 2021);
    await expandAll(page);
    const sc = await api('/api/plans/PP-2021-2023/scorecard?year=2021');
    const counts = [];
    const walk = n => { for (const i of n.indicators) if (i.unit === 'Count' && i.actual !== null) counts.push(i); n.children.forEach(walk); };
    sc.nodes.forEach(walk);
    assert.ok(counts.length > 0);
    for (const i of counts) {
      const shown = await page.textContent(`tr[data-indicator="${i.code}"] [data-field="actual"]`);
      assert.equal(shown, Number.isInteger(i.actual) ? String(i.actual) : it2(i.actual), i.code);
      assert.equal(await page.textContent(`tr[data-indicator="${i.code}"] [data-field="score"]`), it2(i.score));
    }
    // The trend of a count: whole ticks; of a percentage: evenly spaced ticks at 1, 2, 2.5 or 5 × 10ⁿ.
    for (const code of [counts[0].code, '2021_01.I1']) {
      await page.selectOption('#trend-indicator', code);
      await page.waitForFunction(c => document.getElementById('trend-heading').textContent.includes(c) && document.querySelector('#trend-chart').dataset.state === 'ready', code);
      const ticks = (await page.$$eval('#trend-chart text.tick-y', ts => ts.map(t => t.textContent))).map(itNumber);
      assert.ok(ticks.length >= 3, `${code}: ticks ${ticks}`);
      const step = ticks[1] - ticks[0];
      assert.ok(step > 0, `${code}: ticks ${ticks} ascending`);
      ticks.slice(1).forEach((t, k) => assert.ok(Math.abs(t - ticks[k] - step) < 1e-9, `${code}: ticks ${ticks} evenly spaced`));
      const mantissa = step / Math.pow(10, Math.floor(Math.log10(step)));
      assert.ok([1, 2, 2.5, 5].some(m => Math.abs(m - mantissa) < 1e-9), `${code}: step ${step}`);
      if (code === counts[0].code) for (const t of ticks) assert.ok(Number.isInteger(t), `${code}: tick ${t}`);
    }
    await page.close();
  });

  test('Cremona: without Valore Pubblico data the section says so; structures without scored indicators are named apart', { timeout: TIMEOUT }, async () => {
    const page = await open('PP-2021-2023', 2021);
    const ranking = await api('/api/plans/PP-2021-2023/structures/ranking?year=2021');
    assert.ok(await page.isHidden('#vp-structures-title'));
    assert.match(await page.textContent('#vp-chart'), /non definisce ambiti di Valore Pubblico/);
    const scored = ranking.filter(r => r.score !== null), unscored = ranking.filter(r => r.score === null);
    assert.ok(unscored.length > 0);
    assert.deepEqual(await page.$$eval('#structures tbody tr', trs => trs.map(tr => tr.dataset.structure)), scored.map(r => r.code));
    assert.doesNotMatch(await page.textContent('#structures'), /n\.d\./);
    assert.equal(await page.textContent('#structures-unranked summary'), `${unscored.length} strutture senza indicatori valutati nel 2021 (non in classifica)`);
    assert.deepEqual(await page.$$eval('#structures-unranked li', lis => lis.map(li => li.dataset.structure)), unscored.map(r => r.code));
    await page.close();
  });

  test('no script, CSP or network error on any page of these tests', () => {
    assert.deepEqual(problems, []);
  });
});

describe('Relazione sulla Performance in the browser', { timeout: 5 * TIMEOUT }, () => {
  const relazione = (plan, year) => `${ORIGIN}/api/plans/${plan}/relazione?year=${year}`;
  const own = [];

  async function openRelazione(plan, year, width) {
    const page = watch(await browser.context.newPage(), own);
    await page.setExtraHTTPHeaders({ 'X-Api-Key': key });
    await page.setViewportSize({ width, height: 900 });
    const response = await page.goto(relazione(plan, year));
    assert.equal(response.status(), 200);
    return { page, response };
  }

  test('renders styled from the service URL under its own CSP, with no axe violation', { timeout: 2 * TIMEOUT }, async () => {
    for (const [plan, year] of PLANS) {
      const { page, response } = await openRelazione(plan, year, 1400);
      const csp = response.headers()['content-security-policy'];
      assert.match(csp, /style-src 'sha256-[A-Za-z0-9+/]+=*'/);
      assert.doesNotMatch(csp, /unsafe-inline|script-src/);
      // The stylesheet applied: the headings' rule and the state badges' colours.
      assert.equal(await page.$eval('h2', h => getComputedStyle(h).borderBottomStyle), 'solid');
      assert.equal(await page.$eval('.stato.green', s => getComputedStyle(s).backgroundColor), 'rgb(31, 95, 166)');
      assert.equal(await page.locator('main').count(), 1);
      assert.deepEqual(await axeViolations(page), [], `Relazione ${plan}`);
      await screenshot(page, `relazione-${plan}.png`);
      await page.close();
    }
    assert.deepEqual(own, [], 'no CSP violation: the inline stylesheet is admitted by its hash');
  });

  test('320 px: no sideways page scroll; the tables scroll in their own focusable, named box', { timeout: TIMEOUT }, async () => {
    for (const [plan, year] of PLANS) {
      const { page } = await openRelazione(plan, year, 320);
      assert.equal(await sidewaysScroll(page), 0, `Relazione ${plan} scrolls sideways at 320 px`);
      const boxes = await page.$$eval('.tabella', bs => bs.map(b => [b.scrollWidth > b.clientWidth, b.getAttribute('tabindex'), b.getAttribute('role'), !!document.getElementById(b.getAttribute('aria-labelledby'))]));
      assert.ok(boxes.some(b => b[0]), 'the objectives table is wider than 320 px and scrolls in its box');
      for (const b of boxes) assert.deepEqual(b.slice(1), ['0', 'region', true]);
      assert.deepEqual(await axeViolations(page), [], `Relazione ${plan} at 320 px`);
      await screenshot(page, `relazione-320-${plan}.png`);
      await page.close();
    }
    assert.deepEqual(own, []);
  });
});
