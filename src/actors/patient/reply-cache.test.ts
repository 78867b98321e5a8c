import { beforeAll, describe, expect, it, vi } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { saveCaches, useCacheDir } from '../../../test/support/cache-dir.js';
import { loadCases } from '../../case/load.js';
import type { Case } from '../../case/schema.js';
import type { DialogueTurn, PatientReply } from '../../encounter/actors.js';
import { caseKey } from '../../case/case-set-hash.js';
import { replyKey } from './reply-cache.js';

// Each "process" is a fresh module graph (vi.resetModules) over one cache folder; exit's saves are run by hand.
const dir = useCacheDir('reply-cache');
const file = join(dir, 'patient-replies-v2-src.json');

const cases = loadCases('data/cases/cardiology').cases.map((c) => c.kase);
// An opener, a follow-up bound to the complaint (a dialogue-dependent reply), a topic hint and a plain question.
const script: Array<{ text: string; topic?: string }> = [
  { text: 'What brings you in today?' },
  { text: 'Does the pain go anywhere?' },
  { text: 'Does it hurt?', topic: 'pain radiation' },
  { text: 'Do you smoke?' },
];

/** A fresh process's patient (over the shipped vocabulary) asked the script on every case; its replies. */
async function play(kases: Case[] = cases): Promise<PatientReply[]> {
  vi.resetModules();
  const { ScriptedPatient } = await import('./scripted-patient.js');
  const { loadVocabulary } = await import('../../case/vocabulary.js');
  const patient = new ScriptedPatient(loadVocabulary());
  const out: PatientReply[] = [];
  for (const kase of kases) {
    const dialogue: DialogueTurn[] = [];
    for (const [i, question] of script.entries()) {
      const r = patient.answer({ kase, question, dialogue: [...dialogue] });
      out.push(r);
      dialogue.push({ turn: i + 1, question, text: r.text, factIds: r.factIds, matched: r.matched });
    }
  }
  saveCaches();
  return out;
}

describe('patient reply cache', () => {
  let derived: PatientReply[];
  beforeAll(async () => {
    derived = await play();
  });

  it('gives a later process the same replies, follow-ups included, read from the file', async () => {
    const stored = JSON.parse(readFileSync(file, 'utf8')) as { entries: Record<string, unknown> };
    const keys = Object.keys(stored.entries);
    expect(keys.some((k) => k.includes('+'))).toBe(true); // a reply keyed by its dialogue
    expect(await play()).toEqual(derived);
    // What the file says is what the patient says: an entry changed by hand is served.
    const opener = replyKey(caseKey(cases[0]), '\0What brings you in today?');
    expect(keys).toContain(opener);
    (stored.entries[opener] as [unknown[], number])[0][0] = 'from the file';
    writeFileSync(file, JSON.stringify(stored));
    expect((await play()).map((r) => r.text)).toContain('from the file');
  });

  it('answers again when the file is damaged or an entry has the wrong shape', async () => {
    const stored = JSON.parse(readFileSync(file, 'utf8')) as { entries: Record<string, [unknown, number]> };
    for (const e of Object.values(stored.entries)) e[0] = { not: 'a reply' };
    writeFileSync(file, JSON.stringify(stored));
    expect(await play()).toEqual(derived);
    writeFileSync(file, '{"name": "patient-replies-v2", "code": ');
    expect(await play()).toEqual(derived);
    expect(await play()).toEqual(derived);
  });

  it('does not serve a changed case the replies of the old one', async () => {
    await play();
    const changed = structuredClone(cases[0]);
    changed.facts = changed.facts.map((f) => ({ ...f, answer: `${f.answer} (changed)` }));
    const replies = await play([changed]);
    expect(replies[0].text).toContain('(changed)');
  });
});
