import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCases } from '../src/case/load.js';
import { loadCatalog } from '../src/case/catalog.js';
import { deterministicActors } from '../src/actors/deterministic.js';
import { Case } from '../src/case/schema.js';
import { startEncounter } from '../src/encounter/engine.js';
import { PROTOCOL_PRESETS } from '../src/encounter/protocol.js';
import { parseAgentClinic } from '../src/doctors/llm/parse-text.js';
import { mediaFigure } from '../src/report/html-media.js';

const base = loadCases('test/fixtures/cases/stemi.yaml').cases[0].kase;
const kase = Case.parse({
  ...base,
  media: [
    { id: 'photo', url: 'https://example.org/a.jpg', caption: 'At arrival', revealed: 'start' },
    { id: 'ecg', url: 'https://example.org/ecg.png', caption: 'ECG strip' },
  ],
});
const start = () => startEncounter({ kase, actors: deterministicActors(), protocol: PROTOCOL_PRESETS.default, catalog: loadCatalog(), seed: 's' });

describe('case images in the encounter', () => {
  it('shows start images at turn 0 and the rest on an image action, free and inside the visit', async () => {
    const e = start();
    expect(e.events[1]).toMatchObject({ type: 'image', turn: 0, media: [{ id: 'photo', url: 'https://example.org/a.jpg', caption: 'At arrival' }] });
    expect(e.view()).toMatchObject({ media: [{ id: 'photo' }], imagesOnRequest: 1 });
    await e.step({ type: 'ask', questions: [{ text: 'Where is the pain?' }] });
    const cost = e.cost;
    const obs = await e.step({ type: 'image' });
    expect(obs.items).toEqual([{ kind: 'image', media: { id: 'ecg', url: 'https://example.org/ecg.png', caption: 'ECG strip' }, text: 'ECG strip' }]);
    expect(e.cost).toBe(cost);
    expect(e.view()).toMatchObject({ inVisit: true, imagesOnRequest: 0 });
    const again = await e.step({ type: 'image' });
    expect(again.items).toEqual([{ kind: 'notice', text: 'No further images are available for this patient.' }]);
    expect(e.ended).toBe(false);
  });
  it('rejects media that is neither http(s) nor a data:image URL, or gives both url and path', () => {
    expect(Case.safeParse({ ...base, media: [{ id: 'x', url: 'javascript:alert(1)' }] }).success).toBe(false);
    expect(Case.safeParse({ ...base, media: [{ id: 'x', url: 'https://a/b.png', path: 'b.png' }] }).success).toBe(false);
    expect(Case.parse({ ...base, media: [{ id: 'x', path: 'img/b.png' }] }).media).toEqual([
      { id: 'x', path: 'img/b.png', caption: '', revealed: 'on-request' },
    ]);
  });
  it("reads AgentClinic's REQUEST IMAGES as the image action", () => {
    expect(parseAgentClinic('REQUEST IMAGES')).toEqual({ type: 'image' });
    expect(parseAgentClinic('**Request images** please')).toEqual({ type: 'image' });
    expect(parseAgentClinic('REQUEST TEST: chest x-ray')).toEqual({ type: 'order', tests: ['chest x-ray'] });
  });
  it('puts a safe image with its escaped caption in the report, and never an unsafe source', () => {
    const ok = mediaFigure({ id: 'a', url: 'https://example.org/a.png', caption: '<b>rash</b>' }).value;
    expect(ok).toContain('<img src="https&#58;//example.org/a.png"');
    expect(ok).toContain('&lt;b&gt;rash&lt;/b&gt;');
    const bad = mediaFigure({ id: 'b', url: 'javascript:alert(1)', caption: 'x' }).value;
    expect(bad).not.toContain('<img');
    expect(bad).toContain('image not available to this report');
  });
});

describe('case images in the HTML report, through the CLI', () => {
  it('shows a file image at turn 0 and a URL image after the image action in the transcript, with captions', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rounds-media-report-'));
    const png = join(dir, 'arrival.png');
    writeFileSync(png, Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64'));
    mkdirSync(join(dir, 'cases'));
    const base = readFileSync('test/fixtures/cases/stemi.yaml', 'utf8').trimEnd();
    const media = [
      'media:',
      `  - { id: photo, path: "${png}", caption: The patient at arrival, revealed: start }`,
      '  - { id: ecg, url: "https://example.org/ecg-inferior.png", caption: 12-lead ECG strip, revealed: on-request }',
    ];
    writeFileSync(join(dir, 'cases', 'stemi-media.yaml'), `${base}\n${media.join('\n')}\n`);
    writeFileSync(
      join(dir, 'script.yaml'),
      ['- { type: image }', '- { type: diagnose, differential: [{ name: Inferior STEMI, probability: 0.9 }] }'].join('\n'),
    );
    const r = spawnSync(
      process.execPath,
      [
        join(process.cwd(), 'bin', 'rounds.js'),
        'run',
        '--suite',
        join(dir, 'cases'),
        '--doctor',
        `script:${join(dir, 'script.yaml')}`,
        '--store',
        join(dir, 'r.db'),
        '--report',
        'html',
        '--out',
        join(dir, 'reports'),
        '--quiet',
      ],
      { encoding: 'utf8', timeout: 120_000 },
    );
    expect(r.status, r.stderr).toBe(0);
    const page = readFileSync(/Report: (.+\.html)/.exec(r.stdout)![1], 'utf8');
    expect(page).toContain('<img src="data:image/png;base64,iVBORw0KGgo');
    expect(page).toContain('<figcaption>The patient at arrival</figcaption>');
    expect(page).toContain('<img src="https&#58;//example.org/ecg-inferior.png"');
    expect(page).toContain('<figcaption>12-lead ECG strip</figcaption>');
  });
});
