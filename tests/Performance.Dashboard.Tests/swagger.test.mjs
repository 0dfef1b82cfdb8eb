// Swagger UI (/swagger) as a new user tries the contract: Authorize with the demo Viewer key, then "Try it out" on
// GET /api/plans answers 200 with the plans — without the key the same call is a documented 401.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ORIGIN, TIMEOUT, launch, viewerKey } from './browser.mjs';

describe('swagger ui', { timeout: 3 * TIMEOUT }, () => {
  let browser, page, key;

  before(async () => {
    key = await viewerKey();
    browser = await launch();
    page = browser.context.pages()[0] || await browser.context.newPage();
  });

  after(async () => { await browser?.close(); });

  // Expand GET /api/plans, Try it out, Execute: the request Swagger UI sent and the status it shows.
  const tryListPlans = async expectKey => {
    const op = page.locator('#operations-Plans-ListPlans');
    if (!(await op.locator('.execute').count())) {
      if (!(await op.locator('.try-out__btn').count())) await op.locator('.opblock-summary').click();
      await op.locator('.try-out__btn').click();
    }
    const sent = page.waitForResponse(r => new URL(r.url()).pathname === '/api/plans');
    await op.locator('.execute').click();
    const answer = await sent;
    assert.equal(answer.request().headers()['x-api-key'] ?? null, expectKey, 'the request carries the authorized key');
    const status = op.locator('.live-responses-table tbody .response-col_status').first();
    await status.filter({ hasText: String(answer.status()) }).waitFor();
    return { status: (await status.textContent()).trim(), body: await op.locator('.live-responses-table .microlight').first().textContent() };
  };

  test('Authorize with demo-viewer-key makes Try it out work', { timeout: 2 * TIMEOUT }, async () => {
    const response = await page.goto(ORIGIN + '/swagger/index.html');
    assert.equal(response.status(), 200);
    await page.locator('#operations-Plans-ListPlans').waitFor();

    const anonymous = await tryListPlans(null);
    assert.match(anonymous.status, /^401/, 'without credentials the call is refused');

    await page.locator('.auth-wrapper .authorize').click();
    const apiKey = page.locator('.auth-container').filter({ hasText: 'X-Api-Key' });
    await apiKey.locator('input').fill(key);
    await apiKey.locator('button.authorize').click();
    await page.locator('.modal-ux .close-modal').click();

    const authorized = await tryListPlans(key);
    assert.match(authorized.status, /^200/);
    assert.match(authorized.body, /PP-2021-2023/, 'the demo plan is listed');
  });
});
