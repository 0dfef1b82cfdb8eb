// The Monitoraggio view (issue 17, item 4): the period scorecard with expected progress, status and year-end forecast,
// and the overdue consuntivi from /due, compared with the API's JSON; Italian numbers and dates; WCAG 2.1 AA (axe) at full
// width and at 320 px. /due is the offices' (not Viewer's): the list is asked for on request, with an office key.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { DASHBOARD_URL, ORIGIN, TIMEOUT, it2, viewerKey, apiClient, launch, watch, ready, screenshot, axeViolations, sidewaysScroll } from './browser.mjs';

const PLAN = 'PP-2021-2023';
const OFFICE_KEY = process.env.DASHBOARD_OFFICE_KEY || 'demo-cg-key';
const MON = { InLinea: 'In linea', ARischio: 'A rischio', Critico: 'Critico' };
const nf0 = new Intl.NumberFormat('it-IT', { maximumFractionDigits: 0 });
const pct = v => (v === null || v === undefined ? 'n.d.' : it2(v) + ' %');
const date = iso => iso.split('-').reverse().join('/');
const UNIT = { Percent: ' %', Days: ' gg', Euro: ' €', Hours: ' ore' };
/** A figure as the page prints it: whole counts without decimals, otherwise two decimals, then the unit. */
const figure = (v, unit) => (v === null || v === undefined ? 'n.d.'
  : (unit === 'Count' && Number.isInteger(v) ? nf0.format(v) : it2(v)) + (UNIT[unit] || ''));

let browser, api, office;
const problems = [];

function flat(nodes, out = []) {
  for (const n of nodes) { out.push(...n.indicators); flat(n.children, out); }
  return out;
}

async function open(year, width = 1400) {
  const page = watch(await browser.context.newPage(), problems);
  await page.setViewportSize({ width, height: 900 });
  await page.goto(DASHBOARD_URL + `#piano=${PLAN}&anno=${year}`);
  await ready(page, PLAN, year);
  await page.waitForSelector('#monitoring-section[data-state="ready"]');
  return page;
}

async function useKey(page, key, year) {
  // Marked first, so the wait below is for the page loaded with the new key, not the one already shown.
  await page.evaluate(() => { document.body.dataset.state = 'switching-key'; });
  await page.click('details.key summary');
  await page.fill('#key', key);
  await page.click('#key-form button[type="submit"]');
  await ready(page, PLAN, year);
}

before(async () => {
  api = apiClient(await viewerKey());
  office = apiClient(OFFICE_KEY);
  browser = await launch();
});
after(async () => { await browser?.close(); });

describe('Monitoraggio', { timeout: 10 * TIMEOUT }, () => {
  test('the period scorecard: progressivo, atteso, avanzamento, stato and previsione of every indicator as the API says, in Italian', { timeout: 2 * TIMEOUT }, async () => {
    const page = await open(2021);
    assert.equal(await page.inputValue('#monitoring-period'), 'S1');
    for (const period of ['S1', 'Q3']) {
      if (period !== 'S1') {
        await page.selectOption('#monitoring-period', period);
        await page.waitForSelector(`#monitoring-section[data-state="ready"][data-period="${period}"]`);
      }
      const sc = await api(`/api/plans/${PLAN}/scorecard?year=2021&period=${period}`);
      const indicators = flat(sc.nodes);
      assert.equal(await page.textContent('[data-field="monitoring-progress"]'), pct(sc.progress));
      assert.match(await page.textContent('#monitoring-summary'), new RegExp(MON[sc.monitoringStatus]));
      const rows = await page.$$eval('#monitoring-table tbody tr', trs => trs.map(tr => ({
        code: tr.dataset.indicator,
        progress: tr.querySelector('[data-field="progress"]').textContent,
        expected: tr.querySelector('[data-field="expected"]').textContent,
        status: tr.querySelector('[data-field="monitoring-status"]').textContent.trim(),
        reachable: tr.querySelector('[data-field="reachable"]').textContent,
      })));
      assert.deepEqual(rows.map(r => r.code), indicators.map(i => i.code));
      for (const [k, i] of indicators.entries()) {
        assert.equal(rows[k].progress, pct(i.progress), `${i.code} ${period} progress`);
        assert.equal(rows[k].expected, figure(i.expected, i.unit), `${i.code} ${period} expected`);
        assert.ok(rows[k].status.endsWith(MON[i.monitoringStatus] || 'Non disponibile'), `${i.code} ${period} status ${rows[k].status}`);
        assert.equal(rows[k].reachable, i.reachable === true ? 'sì' : i.reachable === false ? 'no' : 'n.d.');
      }
      // States in words and shapes, from their own vocabulary (the legend names them).
      for (const b of await page.$$eval('#monitoring-section .mon-badge', bs => bs.map(x => x.textContent.trim())))
        assert.match(b, /^(✓ In linea|◐ A rischio|✕ Critico|– Non disponibile)$/);
      // Numbers as the report prints them: a decimal comma and two decimals (115,90 %).
      assert.ok(rows.some(r => /^\d{1,3}(\.\d{3})*,\d\d %$/.test(r.progress)), `${period}: some progress is shown as 115,90 %`);
    }
    await page.close();
  });

  test('with the Viewer key the overdue list says it is the offices\u2019, and asks for nothing else', { timeout: TIMEOUT }, async () => {
    const own = [];
    const page = watch(await browser.context.newPage(), own);
    await page.goto(DASHBOARD_URL + `#piano=${PLAN}&anno=2022`);
    await ready(page, PLAN, 2022);
    assert.equal(await page.getAttribute('#due-table', 'data-state'), 'idle');
    assert.deepEqual(own, [], 'nothing is refused before the list is asked for');
    await page.click('#due-show');
    await page.waitForSelector('#due-table[data-state="forbidden"]');
    assert.match(await page.textContent('#due-summary'), /riservato agli uffici/);
    // The refused request, and the browser's console line about it: nothing else.
    assert.ok(own.some(p => /^403 .*\/api\/plans\/PP-2021-2023\/due\?asOf=/.test(p)), own.join('\n'));
    assert.ok(own.every(p => /403/.test(p)), own.join('\n'));
    await page.close();
  });

  test('with an office key the overdue consuntivi of the year are listed by structure as /due lists them', { timeout: 2 * TIMEOUT }, async () => {
    const page = await open(2022);
    await useKey(page, OFFICE_KEY, 2022);
    await page.fill('#due-asof', '2023-03-15');
    await page.click('#due-show');
    await page.waitForSelector('#due-table[data-state="ready"]');
    const due = await office(`/api/plans/${PLAN}/due?asOf=2023-03-15`);
    const late = due.structures.flatMap(g => g.items.filter(i => i.state === 'Overdue' && i.year === 2022));
    assert.ok(late.length > 0, 'the demo has 2022 consuntivi overdue on 15 March 2023');
    assert.equal(await page.textContent('#due-summary [data-field="overdue"]'), nf0.format(due.overdue));
    const rows = await page.$$eval('#due-table tbody tr', trs => trs.map(tr => ({
      indicator: tr.dataset.indicator, cells: [...tr.children].map(c => c.textContent) })));
    assert.deepEqual(rows.map(r => r.indicator), late.map(i => i.indicator));
    for (const [k, i] of late.entries()) {
      assert.equal(rows[k].cells[3], date(i.dueDate));
      assert.equal(rows[k].cells[4], nf0.format(i.daysLate));
      assert.equal(rows[k].cells[2], '2022');
    }
    assert.match(await page.textContent('#due-caption'), /al 15\/03\/2023/);
    assert.deepEqual(await axeViolations(page), [], 'monitoring and overdue list at full width');
    await page.close();
  });

  test('320 px: the monitoring tables scroll in their own named box, the page does not, axe stays clean', { timeout: 2 * TIMEOUT }, async () => {
    const page = await open(2022, 320);
    await useKey(page, OFFICE_KEY, 2022);
    await page.fill('#due-asof', '2023-03-15');
    await page.click('#due-show');
    await page.waitForSelector('#due-table[data-state="ready"]');
    assert.equal(await sidewaysScroll(page), 0);
    for (const table of ['#monitoring-table', '#due-table']) {
      const box = await page.$eval(table, t => {
        const b = t.closest('.table-box');
        return { scrolls: b.scrollWidth > b.clientWidth + 1, tab: b.getAttribute('tabindex'), role: b.getAttribute('role'), name: b.getAttribute('aria-label') };
      });
      assert.ok(box.scrolls, `${table} is wider than 320 px`);
      assert.deepEqual([box.tab, box.role, !!box.name], ['0', 'region', true], table);
    }
    assert.deepEqual(await axeViolations(page), [], 'monitoring at 320 px');
    await screenshot(page, 'monitoring-320.png');
    await page.close();
  });

  test('no script, CSP or network error on these pages (the one 403 above was on its own page)', () => {
    assert.deepEqual(problems, []);
  });
});
