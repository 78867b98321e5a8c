import { beforeAll, describe, expect, it, vi } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { saveCaches, useCacheDir } from '../../test/support/cache-dir.js';
import { loadCases } from '../case/load.js';
import type { Case } from '../case/schema.js';
import type { OrderOutcome } from './order-result.js';

// Each "process" is a fresh module graph (vi.resetModules) over one cache folder; exit's saves are run by hand.
const dir = useCacheDir('lab-cache');
const file = join(dir, 'lab-answers-v2-src.json');

const cases = loadCases('data/cases/cardiology').cases.map((c) => c.kase);
// Tests the cases hold, tests they do not (a checked template) and tests answered from a component or equivalent.
const tests = ['ecg', 'troponin', 'cbc', 'bmp', 'potassium', 'chest-xray', 'tsh', 'lipase'];

/** A fresh process's deterministic lab ordering every test for every case; the outcomes as JSON. */
async function play(kases: Case[] = cases, ids: string[] = tests): Promise<OrderOutcome[]> {
  vi.resetModules();
  const { orderResult } = await import('./order-result.js');
  const { loadCatalog } = await import('../case/catalog.js');
  const { ScriptedLab } = await import('../actors/scripted-lab.js');
  const { createRng } = await import('../util/rng.js');
  const catalog = loadCatalog();
  const lab = new ScriptedLab();
  const out: OrderOutcome[] = [];
  for (const kase of kases)
    for (const id of ids) {
      const test = catalog.get(id);
      if (test) out.push(await orderResult({ kase, catalog, test, price: 1, lab: { result: (i) => lab.result(i) }, rng: createRng(1) }));
    }
  saveCaches();
  return JSON.parse(JSON.stringify(out)) as OrderOutcome[];
}

describe('lab answer cache', () => {
  let derived: OrderOutcome[];
  beforeAll(async () => {
    derived = await play();
  });

  it('gives a later process the same answers, read from the file', async () => {
    expect(derived.length).toBeGreaterThan(cases.length * 4);
    expect(new Set(derived.map((o) => o.decision)).size).toBeGreaterThan(1);
    expect(await play()).toEqual(derived);
    const stored = JSON.parse(readFileSync(file, 'utf8')) as { entries: Record<string, [string, number]> };
    for (const e of Object.values(stored.entries)) if (e[0] !== 'null') e[0] = JSON.stringify({ ...JSON.parse(e[0]), reason: 'from the file' });
    writeFileSync(file, JSON.stringify(stored));
    expect((await play()).some((o) => o.reason === 'from the file')).toBe(true);
  });

  it('answers again when the file is damaged or an entry has the wrong shape', async () => {
    const stored = JSON.parse(readFileSync(file, 'utf8')) as { entries: Record<string, [unknown, number]> };
    const entries = Object.values(stored.entries);
    entries.forEach((e, i) => (e[0] = i % 2 ? JSON.stringify({ decision: 'made up' }) : '{"not json'));
    writeFileSync(file, JSON.stringify(stored));
    expect(await play()).toEqual(derived);
    writeFileSync(file, 'not json');
    expect(await play()).toEqual(derived);
    expect(await play()).toEqual(derived);
  });

  it('does not serve a changed case the answers of the old one', async () => {
    await play();
    const changed = structuredClone(cases[0]);
    const [key] = Object.keys(changed.results);
    const before = await play([cases[0]], [key]);
    expect(before).toHaveLength(1);
    changed.results[key] = { ...changed.results[key], text: 'changed result' };
    expect((await play([changed], [key]))[0].result.text).toBe('changed result');
  });
});
