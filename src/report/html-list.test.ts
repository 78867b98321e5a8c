import { describe, expect, it } from 'vitest';
import type { RunReportData } from '../store/types.js';
import { renderHtml } from './html.js';
import { fixtureRun } from './test-fixture.js';

const section = (page: string, id: string) => page.match(new RegExp(`<section id="${id}">.*?</section>`, 's'))![0];
const cells = (matrix: string, caseId: string) =>
  [...matrix.match(new RegExp(`<tr><th scope="row">${caseId}</th>(.*?)</tr>`))![1].matchAll(/<td class="cell[^"]*">(.*?)<\/td>/g)].map((m) => m[1]);

/** The fixture run twice over, seeds 1 and 2, with seed 2 of A on c1 incorrect and of B on c4 correct. */
function seededRun(): RunReportData {
  const data = fixtureRun();
  const again = data.encounters.map((e, i) => ({
    ...e,
    id: `${e.id}-s2`,
    seed: '2',
    ordinal: 100 + i,
    verdict:
      e.caseId === 'c1' && e.doctor === 'baseline:threshold=0.5'
        ? ('incorrect' as const)
        : e.caseId === 'c4' && e.doctor === 'baseline:threshold=0.9'
          ? ('correct' as const)
          : e.verdict,
  }));
  return { ...data, encounters: [...data.encounters, ...again] };
}

describe('HTML case-by-doctor matrix', () => {
  const matrix = section(renderHtml(fixtureRun()), 'matrix');

  it('has a row per case and a column per doctor, with the protocol when it is not the default', () => {
    expect([...matrix.matchAll(/<th scope="row">([^<]*)<\/th>/g)].map((m) => m[1])).toEqual(['c1', 'c2', 'c3', 'c4', 'c5']);
    expect(matrix).toContain('<th>Case</th><th>baseline:threshold=0.5</th><th>baseline:threshold=0.9</th><th>script:demo.yaml · agentclinic</th>');
  });

  it('shows each verdict as a glyph linking to its transcript anchor, and an empty cell where a doctor never saw the case', () => {
    expect(cells(matrix, 'c1')[0]).toBe('<a class="mx v-correct" href="#enc-enc-0" title="seed 1: correct" data-verdict="correct">✓</a>');
    expect(cells(matrix, 'c2').map((c) => c.match(/>([^<]*)<\/a>$/)?.[1] ?? c)).toEqual(['◐', '✓', '…']);
    expect(cells(matrix, 'c3').map((c) => c.match(/>([^<]*)<\/a>$/)?.[1] ?? c)).toEqual(['∅', '✓', '—']);
    expect(cells(matrix, 'c4')[1]).toContain('data-verdict="incorrect">✗</a>');
    expect(cells(matrix, 'c5')[0]).toContain('data-verdict="error">!</a>');
    // Every link is an anchor on this page that exists.
    const page = renderHtml(fixtureRun());
    for (const [, id] of matrix.matchAll(/href="#([^"]+)"/g)) expect(page).toContain(`<details class="encounter" id="${id}">`);
  });

  it('shows k/n correct when a cell holds several seeds', () => {
    const m = section(renderHtml(seededRun()), 'matrix');
    expect(cells(m, 'c1')[0]).toBe('<a class="mx v-partial" href="#enc-enc-0" title="seed 1: correct, seed 2: incorrect" data-verdict="partial">1/2</a>');
    expect(cells(m, 'c1')[1]).toContain('data-verdict="correct">2/2</a>');
    expect(cells(m, 'c4')[1]).toContain('data-verdict="partial">1/2</a>');
    expect(cells(m, 'c3')[0]).toContain('data-verdict="incorrect">0/2</a>');
  });
});

describe('HTML encounter list', () => {
  const page = renderHtml(fixtureRun({ withEvents: true }));
  const list = section(page, 'encounters');

  it('has filter, search and sort controls that start hidden, so without scripts the page lists everything', () => {
    expect(list).toMatch(/<form class="filters" id="enc-filters" hidden>/);
    expect(list).toContain('<input type="search" name="q"');
    expect(list).toContain(
      '<select name="verdict" aria-label="Verdict"><option value="">All verdicts</option><option>correct</option><option>partial</option><option>incorrect</option><option>no-diagnosis</option><option>error</option><option>pending</option></select>',
    );
    expect(list).toContain('<option>baseline:threshold=0.9</option>');
    expect(list).toContain(
      '<select name="specialty" aria-label="Specialty"><option value="">All specialties</option><option>cardiology</option><option>neurology</option><option>respiratory</option></select>',
    );
    expect(list).toContain(
      '<select name="case" aria-label="Case"><option value="">All cases</option><option>c1</option><option>c2</option><option>c3</option><option>c4</option><option>c5</option></select>',
    );
    for (const s of ['case', 'doctor', 'verdict', 'cost', 'turns']) expect(list).toContain(`<option value="${s}">`);
    expect(list.match(/<tr data-plan=/g)).toHaveLength(12);
    expect(list).not.toMatch(/<tr[^>]* hidden/);
  });

  it('gives each row the data the filters read and a link to its transcript', () => {
    const row = list.match(/<tr data-plan="0".*?<\/tr>/)![0];
    expect(row).toContain(
      'data-case="c1" data-doctor="baseline:threshold=0.5" data-specialty="cardiology" data-verdict="correct" data-rank="0" data-cost="400" data-turns="4"',
    );
    expect(row).toContain('data-search="c1 baseline:threshold=0.5 default cardiology inferior stemi"');
    expect(row).toContain('<a href="#enc-enc-0">c1</a>');
    expect(row).toContain('<td>Inferior STEMI</td>');
    const pending = list.match(/<tr data-plan="\d+"[^>]*data-case="c2" data-doctor="script:demo.yaml".*?<\/tr>/)![0];
    expect(pending).toContain('data-verdict="pending" data-rank="5" data-cost="" data-turns=""');
  });

  it('has one inline script that never parses text as markup', () => {
    const scripts = page.match(/<script[^>]*>[\s\S]*?<\/script>/g)!;
    expect(scripts).toHaveLength(1);
    expect(scripts[0].startsWith('<script>')).toBe(true);
    expect(scripts[0]).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(|new Function|https?:/);
  });
});
