import { describe, expect, it } from 'vitest';
import type { EncounterEvent } from '../encounter/events.js';
import type { RunReportData } from '../store/types.js';
import { renderHtml } from './html.js';
import { fixtureRun, PAYLOAD } from './test-fixture.js';

const EVIL = '<script>alert(1)</script><img src=x onerror=alert(2)> https://evil.example/x.js';

/** The fixture with hostile text in every field that comes from a case, a doctor, a model or the config. */
function hostileRun(): RunReportData {
  const data = fixtureRun({ withEvents: true });
  data.run.id = `run-${EVIL}`;
  data.run.config = { ...data.run.config, note: EVIL, nested: { x: EVIL } };
  data.run.versions = { [EVIL]: EVIL };
  for (const e of data.encounters) {
    if (e.doctor === 'script:demo.yaml') {
      e.doctor = `evil:${EVIL}`;
      e.protocol = `p"${EVIL}`;
    }
    e.diagnosis = EVIL;
    e.specialty = `cardio ${EVIL}`;
    e.seed = EVIL;
    for (const s of Object.values(e.scores)) s.detail = EVIL;
    if (!e.events) continue;
    e.events = e.events.map((ev): EncounterEvent => {
      switch (ev.type) {
        case 'start':
          return { ...ev, presentation: EVIL };
        case 'answer':
          return { ...ev, question: { text: EVIL, topic: EVIL }, text: EVIL, factIds: [EVIL] };
        case 'exam':
          return { ...ev, target: EVIL, text: EVIL };
        case 'result':
          return {
            ...ev,
            name: EVIL,
            request: EVIL,
            result: { text: EVIL, value: EVIL, unit: EVIL, range: EVIL, components: { [EVIL]: { value: EVIL, unit: EVIL, range: EVIL } } },
          };
        case 'note':
          return { ...ev, author: EVIL, kind: EVIL, data: { text: EVIL.repeat(3) } };
        case 'refused':
        case 'unrecognised':
          return { ...ev, text: EVIL };
        case 'diagnosis':
          return { ...ev, differential: [{ name: EVIL, icd10: EVIL }], rationale: EVIL };
        case 'action':
          return ev.action.type === 'order' ? { ...ev, action: { type: 'order', tests: [EVIL] } } : ev;
        case 'error':
          return { ...ev, code: EVIL, message: EVIL };
        default:
          return ev;
      }
    });
  }
  return data;
}

/** Every href value in the page (the report may only link to its own anchors). */
function hrefs(page: string): string[] {
  return [...page.matchAll(/\shref="([^"]*)"/g)].map((m) => m[1]);
}

/** Every opening tag in the page, with its quoted attribute values blanked so only real attribute names remain. */
function tags(page: string): string[] {
  return (page.match(/<[a-zA-Z][^>]*>/g) ?? []).map((t) => t.replace(/"[^"]*"/g, '""'));
}

describe('renderHtml', () => {
  const page = renderHtml(fixtureRun({ withEvents: true }));

  it('is one complete HTML document with inline CSS and SVG', () => {
    expect(page.startsWith('<!doctype html>\n<html lang="en">')).toBe(true);
    expect(page.trimEnd().endsWith('</html>')).toBe(true);
    expect(page).toContain('<style>');
    expect(page).toContain('<svg class="chart"');
    expect(page).toContain('<meta charset="utf-8">');
  });

  it('is self-contained: no external URL, no src, only in-page #anchor links, one inline script', () => {
    expect(page).not.toMatch(/https?:\/\//);
    expect(page.match(/<script/gi)).toHaveLength(1);
    expect(page).toContain('<script>(function () {');
    expect(page).not.toMatch(/@import|url\(/);
    expect(tags(page).filter((t) => /\s(src|xlink:href)\s*=/i.test(t))).toEqual([]);
    expect(hrefs(page).length).toBeGreaterThan(0);
    expect(hrefs(page).filter((h) => !h.startsWith('#enc-'))).toEqual([]);
  });

  it('shows the header and the leaderboard with accuracy, CI, cost, turns, no-dx and errors', () => {
    expect(page).toContain('<title>Rounds report run-abc</title>');
    expect(page).toContain('11 finished of 12 (1 pending, 1 error; the plan holds 12)');
    const row = page.match(/<tr><td>baseline:threshold=0\.5<\/td><td>default<\/td>.*?<\/tr>/)![0];
    expect(row).toContain('50.0% <span class="ci-text">[15.0–85.0]</span>');
    expect(row).toContain('$550.00');
    expect(row).toContain('<td class="num">10.0</td>');
    expect(row).toContain('<td class="num">2/1/0</td><td class="num">1</td><td class="num">1</td></tr>');
  });

  it('draws the chart with one point per group', () => {
    expect(page.match(/<g class="point"/g)).toHaveLength(3);
  });

  it('has the specialty breakdown and the paired comparison', () => {
    expect(page).toMatch(/<td>baseline:threshold=0\.5<\/td><td>default<\/td><td>respiratory<\/td><td class="num">1<\/td><td class="num">100\.0%/);
    expect(page).toMatch(
      /<table class="comparisons">.*<td class="num">4 <span class="muted">\(1 with errors left out\)<\/span><\/td><td class="num">50\.0%<\/td><td class="num">75\.0%<\/td><td class="num">−25\.0 pp/s,
    );
  });

  it('puts every encounter in a collapsed transcript, grouped by doctor in plan order', () => {
    expect(page.match(/<details class="encounter"/g)).toHaveLength(12);
    expect(page).not.toMatch(/<details class="encounter"[^>]* open/);
    const headings = [...page.matchAll(/<section class="doctor"><h3>([^<]*) </g)].map((m) => m[1]);
    expect(headings).toEqual(['baseline:threshold=0.5', 'baseline:threshold=0.9', 'script:demo.yaml']);
  });

  it('shows the turns: answers, exams, priced results with components, visit fees, running cost, refusals, notes, differential and scores', () => {
    const enc = page.match(
      /<details class="encounter" id="enc-enc-0">.*?<\/details><\/div><\/details>|<details class="encounter" id="enc-enc-0">.*?<\/table><\/div><\/details>/s,
    )![0];
    expect(enc).toContain('A 58-year-old man with two hours of crushing chest pain.');
    expect(enc).toContain('<div class="a">Right in the middle of my chest.</div>');
    expect(enc).toContain('Visit fee <span class="price">$300.00</span>');
    expect(enc).toContain('<b>cardiovascular</b>: S4 gallop, no murmur.');
    expect(enc).toContain('<b>Complete blood count</b>');
    expect(enc).toContain('<span class="price">$25.00</span>');
    expect(enc).toContain('<td>WBC</td><td class="num">11.2</td><td>10^9/L</td><td>high</td><td>4.0-11.0</td>');
    expect(enc).toContain('1240 ng/L <span class="flag flag-critical-high">critical-high</span>');
    expect(enc).toContain('not in case: lab-generated');
    expect(enc).toMatch(/Turn 3<\/span> <span class="act">Order<\/span> cbc, troponin, vibes panel<span class="running">running \$400\.00<\/span>/);
    expect(enc).toContain('running $300.00');
    expect(enc).toContain('Refused (unknown-target)');
    expect(enc).toContain('Unrecognised order "vibes panel"');
    expect(enc).toContain('<span class="note-tag">baseline · posterior</span> <code>{ &quot;stemi&quot;: 0.41, &quot;pericarditis&quot;: 0.12 }</code>');
    expect(enc).toMatch(/<details class="note"><summary>/);
    expect(enc).toContain('<li>Inferior STEMI <span class="muted">I21.19</span> <span class="prob">93%</span></li>');
    expect(enc).toContain('<b>Rationale:</b> ST elevation with troponin rise.');
    expect(enc).toContain('<h4>Verdict: <span class="verdict v-correct">correct</span></h4>');
    expect(enc).toContain('<td>top3</td><td class="num">1</td><td>top three</td>');
    expect(enc).toContain('Ended: diagnosed after 4 turns, total $400.00');
  });

  it('shows an errored encounter as an error, and one without events by its scores', () => {
    expect(page).toContain('<div class="err">Error model-timeout: The model did not answer in 60 s.</div>');
    expect(page).toContain('<span class="verdict v-error">error</span>');
    expect(page).toContain("This report was built without the encounter's events; only its scores are shown.");
    expect(page).toContain('<span class="verdict v-pending">pending</span>');
  });

  it('renders a <script> in a patient answer as text', () => {
    expect(page).not.toContain(PAYLOAD);
    expect(page).toContain('Well... &lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt; &amp; more');
  });

  it('escapes everything that comes from cases, doctors, models and config', () => {
    const hostile = renderHtml(hostileRun());
    // The page's own script is the only one.
    expect(hostile.match(/<script/gi)).toHaveLength(1);
    expect(hostile).not.toMatch(/<img/i);
    expect(hostile).not.toMatch(/https?:\/\//);
    expect(tags(hostile).filter((t) => /onerror|\ssrc\s*=/i.test(t))).toEqual([]);
    expect(hrefs(hostile).filter((h) => !h.startsWith('#enc-'))).toEqual([]);
    // Filter options and the rows' data attributes carry the hostile doctor as text.
    expect(hostile).toContain('<option>evil:&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(tags(hostile).filter((t) => t.startsWith('<tr data-plan'))).toHaveLength(12);
    for (const t of tags(hostile).filter((x) => x.startsWith('<tr data-plan')))
      expect(t).toBe('<tr data-plan="" data-case="" data-doctor="" data-specialty="" data-verdict="" data-rank="" data-cost="" data-turns="" data-search="">');
    // Attribute values cannot be broken out of: each point tag keeps exactly its two data attributes.
    const points = tags(hostile).filter((t) => t.startsWith('<g class'));
    expect(points).toHaveLength(3);
    for (const t of points) expect(t).toBe('<g class="" data-doctor="" data-protocol="">');
    expect(hostile).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt; https&#58;//evil.example/x.js');
    // Same structure as the clean page: one point per group, 12 transcripts.
    expect(hostile.match(/<g class="point"/g)).toHaveLength(3);
    expect(hostile.match(/<details class="encounter"/g)).toHaveLength(12);
  });

  it('renders an empty run', () => {
    const data = fixtureRun();
    const out = renderHtml({ ...data, encounters: [] });
    expect(out).toContain('No encounters in this run yet.');
    expect(out).toContain('Nothing to plot yet.');
    expect(out).not.toContain('<svg');
  });
});
