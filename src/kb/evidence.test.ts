import { describe, expect, it } from 'vitest';
import { createEvidence, evidenceFromView, keywordAffirmed, observeItem, observeItems, observePresentation, topicOfQuestion } from './evidence.js';
import { evidenceKb } from './tiny-kb.fixture.js';
import type { RevealedItem, DoctorView } from '../encounter/view.js';
import type { Result } from '../case/schema.js';
import { PROTOCOL_PRESETS } from '../encounter/protocol.js';
import { normalize } from '../util/text.js';

const kb = evidenceKb();
const idx = (id: string) => kb.findingIndex.get(id)!;

function read(items: RevealedItem[]): Record<string, number> {
  const state = createEvidence(kb);
  for (const item of items) observeItem(kb, item, state);
  const out: Record<string, number> = {};
  kb.findings.forEach((f, i) => state[i] !== 0 && (out[f.id] = state[i]));
  return out;
}
const answer = (text: string, q: { text: string; topic?: string }): RevealedItem => ({ kind: 'answer', question: q, text });
const result = (testId: string, r: Result): RevealedItem => ({ kind: 'result', request: testId, testId, name: testId, price: 1, result: r });

describe('answers', () => {
  it('reads an affirmative answer as present and a denial as absent (topic hint folded through synonyms)', () => {
    expect(read([answer("I've felt hot and shivery since Tuesday.", { text: 'Any fever?', topic: 'fever' })])).toEqual({ fever: 1 });
    expect(read([answer("No, I haven't had any fever.", { text: 'Any fever?', topic: 'temperature' })])).toEqual({ fever: -1 });
  });

  it('finds the topic in the question text when there is no hint', () => {
    expect(topicOfQuestion(kb.vocabulary, { text: 'Have you had any chills at night?' })).toBe('fever');
    expect(topicOfQuestion(kb.vocabulary, { text: 'Does the pain have any radiation?' })).toBe('pain radiation');
    expect(topicOfQuestion(kb.vocabulary, { text: 'How are you?' })).toBeUndefined();
    expect(read([answer('Yes, I have had fevers.', { text: 'Any chills?' })])).toEqual({ fever: 1 });
  });

  it('uses match keywords to split one topic into findings', () => {
    expect(read([answer('It goes straight through to my back.', { text: 'Does it spread?', topic: 'pain radiation' })])).toEqual({
      'radiates-back': 1,
      'radiates-arm': -1,
    });
    // A keyword named only to be negated does not count; plural forms do.
    expect(read([answer('Down both arms, not to my back.', { text: 'Spread?', topic: 'pain radiation' })])).toEqual({
      'radiates-back': -1,
      'radiates-arm': 1,
    });
    expect(read([answer("No, it doesn't spread anywhere.", { text: 'Spread?', topic: 'pain radiation' })])).toEqual({
      'radiates-back': -1,
      'radiates-arm': -1,
    });
  });

  it('credits one reply given to several questions only to the topic it names', () => {
    // A patient with nothing on a topic may answer with the fact the question's words touch.
    const story = 'The belly pain has been killing me since yesterday.';
    const state = createEvidence(kb);
    observeItems(
      kb,
      [answer(story, { text: 'Any fever with the belly pain?', topic: 'fever' }), answer(story, { text: 'Belly pain?', topic: 'abdominal pain' })],
      state,
    );
    expect([state[idx('fever')], state[idx('abdominal-pain')]]).toEqual([0, 1]);
    // Repeated later for yet another topic, it counts for none; denials always count.
    const ledger = new Map([[normalize(story), 'abdominal pain']]);
    observeItems(kb, [answer(story, { text: 'Cough?', topic: 'cough' }), answer('None.', { text: 'Travel?', topic: 'travel' })], state, ledger);
    expect([state[idx('cough')], state[idx('travel-tropics')]]).toEqual([0, -1]);
  });

  it('ignores questions on topics the knowledge base does not use', () => {
    expect(read([answer('Yes.', { text: 'Do you have a headache?', topic: 'headache' })])).toEqual({});
  });
});

describe('exams', () => {
  it('reads keywords, honouring negation', () => {
    expect(read([{ kind: 'exam', target: 'abdomen', text: 'Tender RLQ with rebound tenderness.' }])).toEqual({ rebound: 1 });
    expect(read([{ kind: 'exam', target: 'abdomen', text: 'Soft, non-tender, no rebound or guarding.' }])).toEqual({ rebound: -1 });
    expect(read([{ kind: 'exam', target: 'lungs', text: 'Widespread expiratory wheezes.' }])).toEqual({ wheeze: 1 });
    expect(read([{ kind: 'exam', target: 'respiratory', text: 'Clear. No wheezes or crackles.' }])).toEqual({ wheeze: -1 });
  });

  it('keywordAffirmed accepts longer forms but never "-less" ones', () => {
    expect(keywordAffirmed('Backache for a week', 'back')).toBe(true);
    expect(keywordAffirmed('A painless lump', 'pain')).toBe(false);
    expect(keywordAffirmed('Warm to touch', 'arm')).toBe(false);
  });
});

describe('results', () => {
  it('reads panel component flags case-insensitively, critical flags included', () => {
    const cbc = result('cbc', {
      components: {
        wbc: { value: 22, flag: 'critical-high' },
        EOSINOPHILS: { value: 0.1 },
        Hemoglobin: { value: 9, flag: 'low' },
      },
    });
    expect(read([cbc])).toEqual({ 'wbc-high': 1, 'wbc-low': -1, 'eos-high': -1 });
  });

  it('leaves a finding unobserved when its component is missing', () => {
    expect(read([result('cbc', { components: { Hemoglobin: { value: 9, flag: 'low' } } })])).toEqual({});
  });

  it('reads a whole-test flag, falling back to component flags', () => {
    expect(read([result('urinalysis', { value: 'see components', flag: 'abnormal' })])).toEqual({ 'ua-abnormal': 1 });
    expect(read([result('urinalysis', { components: { Nitrite: { value: 'Positive', flag: 'positive' } } })])).toEqual({ 'ua-abnormal': 1 });
    expect(read([result('urinalysis', { components: { Nitrite: { value: 'Negative', flag: 'negative' } } })])).toEqual({ 'ua-abnormal': -1 });
    expect(read([result('blood-culture', { text: 'Gram-positive cocci in chains.', flag: 'positive' })])).toEqual({ 'culture-positive': 1 });
    expect(read([result('blood-culture', { text: 'No growth at 5 days.', flag: 'negative' })])).toEqual({ 'culture-positive': -1 });
  });

  it('reads report text with negation', () => {
    expect(read([result('chest-xray', { text: 'Right lower lobe consolidation with air bronchograms.' })])).toEqual({ 'cxr-consolidation': 1 });
    expect(read([result('chest-xray', { text: 'Lungs clear. No consolidation, effusion or pneumothorax.' })])).toEqual({ 'cxr-consolidation': -1 });
  });
});

describe('presentation and views', () => {
  it('marks symptoms the presentation affirms, never social topics or negated ones', () => {
    const state = createEvidence(kb);
    observePresentation(kb, 'A 40-year-old woman with belly pain and no cough, back from a trip to Africa.', state);
    expect(state[idx('abdominal-pain')]).toBe(1);
    expect(state[idx('cough')]).toBe(0);
    expect(state[idx('travel-tropics')]).toBe(0);
  });

  it('collects evidence from a whole view', () => {
    const view: DoctorView = {
      presentation: 'A man with stomach pain.',
      patient: { age: 40, ageUnit: 'years', sex: 'male', speaker: 'self' },
      protocol: PROTOCOL_PRESETS.default,
      turn: 2,
      turnsLeft: 28,
      cost: 300,
      budgetLeft: null,
      inVisit: true,
      history: [
        {
          turn: 1,
          action: { type: 'ask', questions: [{ text: 'Fever?', topic: 'fever' }] },
          items: [answer('Yes, 39 degrees.', { text: 'Fever?', topic: 'fever' })],
        },
        { turn: 2, action: { type: 'examine', targets: ['abdomen'] }, items: [{ kind: 'exam', target: 'abdomen', text: 'Guarding in the RLQ.' }] },
      ],
    };
    const state = evidenceFromView(kb, view, { presentation: true });
    expect([state[idx('fever')], state[idx('rebound')], state[idx('abdominal-pain')]]).toEqual([1, 1, 1]);
    expect(evidenceFromView(kb, view)[idx('abdominal-pain')]).toBe(0);
  });
});
