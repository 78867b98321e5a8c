import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { summarizeRun } from '../../src/report/aggregate.js';
import { renderHtml } from '../../src/report/html.js';
import { startHarness, XSS, type Harness } from './harness.js';

let h: Harness;
let page: Page;
const shots = join(process.cwd(), 'docs', 'screenshots');
const pct = (x: number) => `${(x * 100).toFixed(0)}%`;
const usd = (x: number) => `$${x.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

beforeAll(async () => {
  h = await startHarness();
  page = await h.context.newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message));
});
afterAll(async () => {
  await h?.close();
});

describe('web UI in chromium', () => {
  it('lists the runs and opens a run whose leaderboard figures equal the store summary', async () => {
    await page.goto(`${h.url}/`);
    await page.getByTestId('runs').getByRole('link', { name: h.runId }).click();
    await page.getByTestId('leaderboard').waitFor();
    await page.waitForURL(`**/runs/${h.runId}`);
    const summary = summarizeRun(await h.store.reportData(h.runId));
    expect(summary.groups).toHaveLength(3);
    for (const g of summary.groups) {
      const row = page.locator(`[data-testid="leaderboard"] tr[data-doctor="${g.doctor}"]`);
      const cell = (f: string) => row.locator(`[data-field="${f}"]`).innerText();
      expect(await cell('n')).toBe(String(g.n));
      expect(await cell('accuracy')).toBe(pct(g.accuracy!.estimate));
      expect(await cell('accuracy-ci')).toBe(`${pct(g.accuracy!.low)}–${pct(g.accuracy!.high)}`);
      expect(await cell('cost')).toBe(usd(g.cost!.mean));
      expect(await cell('cost-ci')).toBe(`${usd(g.cost!.low)}–${usd(g.cost!.high)}`);
      expect(await cell('turns')).toBe(g.turns!.mean.toFixed(1));
      expect(await cell('errors')).toBe(String(g.errors));
    }
    // The matrix has one row for the one case and a cell per encounter (3 doctors x 2 seeds).
    expect(await page.locator('[data-testid="case-matrix"] tbody tr').count()).toBe(1);
    expect(await page.locator('[data-testid="case-matrix"] a.cell').count()).toBe(6);
    expect(await page.locator('svg.chart circle').count()).toBe(3);
    await page.screenshot({ path: join(shots, 'run.png'), fullPage: true });
    await page.goto(`${h.url}/`);
    await page.getByTestId('runs').waitFor();
    // The leaderboard across runs: the run's one case is too few to rank anyone, so its doctors are listed apart.
    const board = page.getByTestId('cross-run-leaderboard');
    await board.waitFor();
    expect(await board.locator('tr.too-few').count()).toBeGreaterThan(0);
    for (const g of summary.groups) expect(await board.locator(`tr[data-doctor="${g.doctor}"] [data-field="rank"]`).first().innerText()).toBe('—');
    await page.screenshot({ path: join(shots, 'runs.png'), fullPage: true });
  });

  it('filters the run page by verdict and by search text, keeps the view in the URL, and sorts by cost', async () => {
    // Every encounter of the seeded run is correct; the API answer is edited so script-xss reads incorrect and a verdict filter has something to hide.
    const stored = (await h.store.listEncounters(h.runId)).map((e) => (e.doctor === 'script-xss' ? { ...e, verdict: 'incorrect' as const } : e));
    await page.route(`**/api/runs/${h.runId}`, async (route) => {
      const res = await route.fetch();
      const body = (await res.json()) as { encounters: Array<{ doctor: string; verdict: string | null }> };
      for (const e of body.encounters) if (e.doctor === 'script-xss') e.verdict = 'incorrect';
      await route.fulfill({ response: res, json: body });
    });
    const rows = page.getByTestId('encounters').locator('tbody tr');
    const shown = async () => rows.evaluateAll((trs) => trs.map((tr) => [tr.getAttribute('data-doctor'), tr.getAttribute('data-verdict')]));
    await page.goto(`${h.url}/runs/${h.runId}`);
    await expect.poll(() => rows.count()).toBe(stored.length);

    const verdict = 'incorrect';
    const want = stored.filter((e) => (e.verdict ?? 'pending') === verdict);
    await page.getByTestId('filter-verdict').selectOption(verdict);
    await expect.poll(() => rows.count()).toBe(want.length);
    expect((await shown()).every(([, v]) => v === verdict)).toBe(true);
    expect(new URL(page.url()).searchParams.get('verdict')).toBe(verdict);

    // The filtered URL is shareable: opening it fresh shows the same rows.
    await page.goto(page.url());
    await expect.poll(() => rows.count()).toBe(want.length);
    expect(await page.getByTestId('filter-verdict').inputValue()).toBe(verdict);

    await page.goto(`${h.url}/runs/${h.runId}`);
    await page.getByTestId('filter-q').fill('XSS');
    await expect.poll(() => rows.count()).toBe(stored.filter((e) => e.doctor === 'script-xss').length);
    expect((await shown()).map(([d]) => d)).toEqual(['script-xss', 'script-xss']);
    expect(new URL(page.url()).searchParams.get('q')).toBe('XSS');

    await page.getByTestId('filter-q').fill('');
    await page.getByTestId('filter-case').selectOption('cardio-stemi-inferior-001');
    await expect.poll(() => rows.count()).toBe(stored.length);
    expect(new URL(page.url()).searchParams.get('case')).toBe('cardio-stemi-inferior-001');
    await page.getByTestId('encounters').locator('button[data-sort="cost"]').click();
    await page.getByTestId('encounters').locator('button[data-sort="cost"]').click();
    const costs = stored.map((e) => e.cost ?? -1).sort((a, b) => b - a);
    await expect.poll(() => rows.count()).toBe(stored.length);
    const shownCosts = await rows.evaluateAll((trs) => trs.map((tr) => Number(tr.children[6].textContent!.replace(/[$,]/g, ''))));
    expect(shownCosts).toEqual(costs.map((c) => Number(c.toFixed(2))));
    expect(new URL(page.url()).searchParams.get('dir')).toBe('desc');
    await page.unroute(`**/api/runs/${h.runId}`);
  });

  it('filters, searches and sorts the self-contained HTML report opened from a file', async () => {
    const data = await h.store.reportData(h.runId);
    // As on the run page: script-xss reads incorrect so the verdict filter has rows to hide.
    for (const e of data.encounters) if (e.doctor === 'script-xss') e.verdict = 'incorrect';
    const file = join(mkdtempSync(join(tmpdir(), 'rounds-report-')), 'report.html');
    writeFileSync(file, renderHtml(data));
    const report = await h.context.newPage();
    const errors: string[] = [];
    report.on('pageerror', (e) => errors.push(e.message));
    await report.goto(pathToFileURL(file).href);
    const form = report.locator('#enc-filters');
    await form.waitFor({ state: 'visible' });
    const visible = report.locator('#enc-list tbody tr:not([hidden])');
    expect(await visible.count()).toBe(data.encounters.length);

    await form.locator('select[name="doctor"]').selectOption('baseline');
    expect(await visible.count()).toBe(data.encounters.filter((e) => e.doctor === 'baseline').length);
    expect(await visible.evaluateAll((trs) => [...new Set(trs.map((t) => t.getAttribute('data-doctor')))])).toEqual(['baseline']);
    await form.locator('select[name="doctor"]').selectOption('');

    await form.locator('input[name="q"]').fill('xss');
    expect(await visible.evaluateAll((trs) => trs.map((t) => t.getAttribute('data-doctor')))).toEqual(['script-xss', 'script-xss']);
    expect(await report.locator('#enc-count').innerText()).toBe(`2 of ${data.encounters.length} encounters`);
    await form.locator('input[name="q"]').fill('');

    await form.locator('select[name="verdict"]').selectOption('incorrect');
    expect(await visible.evaluateAll((trs) => trs.map((t) => t.getAttribute('data-verdict')))).toEqual(['incorrect', 'incorrect']);
    expect(await report.locator('table.matrix a.mx.v-incorrect').count()).toBe(1);
    expect(await report.locator('table.matrix a.mx.v-incorrect').innerText()).toBe('0/2');
    await form.locator('select[name="verdict"]').selectOption('');

    await form.locator('select[name="sort"]').selectOption('cost');
    await form.locator('select[name="dir"]').selectOption('desc');
    const costs = await visible.evaluateAll((trs) => trs.map((t) => Number(t.getAttribute('data-cost'))));
    expect(costs).toEqual([...costs].sort((a, b) => b - a));

    await report.locator('#matrix').scrollIntoViewIfNeeded();
    await report.screenshot({ path: join(shots, 'report-html.png'), fullPage: false });
    // A matrix cell opens the transcript it links to.
    const cell = report.locator('table.matrix a.mx').first();
    const target = (await cell.getAttribute('href'))!.slice(1);
    await cell.click();
    await expect.poll(() => report.locator(`details[id="${target}"]`).evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
    expect(await report.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(errors).toEqual([]);
    await report.close();
  });

  it('opens a transcript: who said what, prices, running cost, differential, verdict and reasons', async () => {
    await page.goto(`${h.url}/runs/${h.runId}`);
    await page.getByTestId('encounters').locator('tr', { hasText: 'script-stemi' }).first().getByRole('link').click();
    const timeline = page.getByTestId('timeline');
    await timeline.waitFor();
    await expect.poll(() => timeline.locator('li[data-type="answer"]').count()).toBeGreaterThan(0);
    expect(await timeline.innerText()).toMatch(/left arm/);
    const firstResult = timeline.locator('li[data-type="result"]').first();
    expect(await firstResult.locator('.price').innerText()).toMatch(/^\$\d/);
    expect(await timeline.locator('li[data-type="diagnosis"]').innerText()).toMatch(/Acute inferior myocardial infarction/);
    const end = timeline.locator('li[data-type="end"]');
    const storedCost = (await h.store.listEncounters(h.runId)).find((e) => e.doctor === 'script-stemi')!.cost!;
    expect(await end.locator('.cost').innerText()).toBe(usd(storedCost));
    expect(await page.getByTestId('scores').innerText()).toMatch(/diagnosis\s+1\s+correct/);
    await page.screenshot({ path: join(shots, 'encounter.png'), fullPage: true });
  });

  it('lets a person grade the diagnosis on the encounter page, stored as the human_label score', async () => {
    const e = (await h.store.listEncounters(h.runId)).find((x) => x.doctor === 'script-stemi')!;
    await page.goto(`${h.url}/encounters/${e.id}`);
    const grade = page.getByTestId('grade');
    await grade.waitFor();
    await grade.getByRole('textbox').fill('dr-e2e');
    await grade.getByRole('button', { name: 'Incorrect' }).click();
    await expect
      .poll(() =>
        page
          .getByTestId('grade-current')
          .innerText()
          .catch(() => ''),
      )
      .toBe('Your label: incorrect (labelled by dr-e2e)');
    expect(await page.getByTestId('scores').innerText()).toMatch(/human_label\s+0/);
    const stored = (await h.store.getScores(e.id)).find((s) => s.name === 'human_label');
    expect(stored).toMatchObject({ value: 0, detail: 'incorrect (labelled by dr-e2e)' });
  });

  it('keeps an XSS payload in a transcript inert and visible as text', async () => {
    const xss = (await h.store.listEncounters(h.runId)).find((e) => e.doctor === 'script-xss')!;
    await page.goto(`${h.url}/encounters/${xss.id}`);
    const timeline = page.getByTestId('timeline');
    await timeline.locator('li[data-type="diagnosis"]').waitFor();
    expect(await timeline.innerText()).toContain(XSS);
    expect(await timeline.locator('li[data-type="diagnosis"]').innerText()).toContain(`Inferior STEMI ${XSS}`);
    expect(await page.locator('.timeline script, .timeline img').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  });

  it('plays a whole case as a human doctor and shows the score, stored like an AI encounter', async () => {
    await page.goto(`${h.url}/play`);
    await page.getByTestId('player-name').fill('e2e');
    await page.getByTestId('mode-case').check();
    await page.getByTestId('case-select').selectOption('cardio-stemi-inferior-001');
    await page.getByTestId('play-start').click();
    await expect.poll(() => page.getByTestId('presentation').innerText()).toMatch(/chest pain/);

    await page.getByTestId('ask-input').fill('Any arm pain?');
    await page.getByTestId('ask-send').click();
    await expect.poll(() => page.getByTestId('chat').innerText()).toMatch(/left arm/);

    await page.getByTestId('tab-examine').click();
    await page.getByTestId('exam-vitals').click();
    await page.getByTestId('exam-send').click();
    await expect.poll(() => page.getByTestId('chat').innerText()).toMatch(/vitals:/i);

    await page.getByTestId('tab-order').click();
    await page.getByTestId('catalog-search').fill('troponin');
    await page.getByTestId('catalog-troponin-i-hs').click();
    await page.getByTestId('catalog-search').fill('ecg');
    await page.getByTestId('catalog-ecg-12-lead').click();
    expect(await page.getByTestId('order-send').innerText()).toMatch(/Order 2 tests \(\$\d/);
    await page.getByTestId('order-send').click();
    await expect.poll(() => page.getByTestId('chat').locator('.price').count()).toBe(2);

    await page.getByTestId('tab-diagnose').click();
    await page.getByTestId('dx-0').fill('Inferior STEMI');
    await page.getByTestId('dx-add').click();
    await page.getByTestId('dx-1').fill('Aortic dissection');
    await page.getByTestId('dx-submit').click();
    const result = page.getByTestId('play-result');
    await result.waitFor();
    expect(await result.locator('.verdict').innerText()).toBe('correct');
    expect(await page.getByTestId('true-diagnosis').innerText()).toMatch(/ST-elevation myocardial infarction/);
    await page.screenshot({ path: join(shots, 'play.png'), fullPage: true });

    const runs = await h.store.listRuns();
    const human = runs.find((r) => (r.config.doctors as string[]).includes('human:e2e'))!;
    const [enc] = await h.store.listEncounters(human.id);
    expect(enc).toMatchObject({ doctor: 'human:e2e', status: 'done', verdict: 'correct', turns: 4 });
    await result.getByRole('link', { name: 'Open the stored transcript' }).click();
    await page.getByTestId('timeline').locator('li[data-type="end"]').waitFor();
    expect(await page.getByTestId('timeline').innerText()).toMatch(/Inferior STEMI/);
  });

  it('follows a live encounter over server-sent events', async () => {
    const post = (path: string, body: unknown) =>
      fetch(`${h.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then((r) => r.json());
    const s = await post('/api/play', { name: 'live', caseId: 'cardio-stemi-inferior-001' });
    await page.goto(`${h.url}/encounters/${s.encounterId}/live`);
    await expect.poll(() => page.getByTestId('live-status').innerText()).toMatch(/live — 1 events/);
    await post(`/api/play/${s.sessionId}/step`, { action: { type: 'ask', questions: [{ text: 'Do you smoke?' }] } });
    await expect.poll(() => page.getByTestId('timeline').locator('li[data-type="answer"]').count()).toBe(1);
    await page.screenshot({ path: join(shots, 'live.png'), fullPage: true });
    await post(`/api/play/${s.sessionId}/step`, { action: { type: 'diagnose', differential: [{ name: 'pericarditis' }] } });
    await expect.poll(() => page.getByTestId('live-status').innerText()).toMatch(/Finished: incorrect/);
  });

  it('browses the cases without their hidden answers', async () => {
    await page.goto(`${h.url}/cases`);
    await page.getByTestId('cases').locator('tbody tr').first().waitFor();
    expect(await page.getByTestId('cases').locator('tbody tr').count()).toBeGreaterThan(20);
    await page.screenshot({ path: join(shots, 'cases.png'), fullPage: false });
    await page.getByRole('link', { name: 'Crushing chest pain while shovelling snow' }).click();
    await page.getByText('Hidden until revealed').waitFor();
    expect(await page.locator('main').innerText()).not.toMatch(/ST-elevation/);
    await page.getByRole('button', { name: 'Reveal facts and diagnosis' }).click();
    await expect.poll(() => page.locator('main').innerText()).toMatch(/Inferior ST-elevation myocardial infarction/);
  });
});
