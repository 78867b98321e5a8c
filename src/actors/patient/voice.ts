import type { Case } from '../../case/schema.js';

/** Who speaks for the patient, for wording denials: "I" for the patient, "she"/"he"/"they" for a caregiver. */
export interface Voice {
  self: boolean;
  subject: 'I' | 'she' | 'he' | 'they';
}

export function voiceOf(kase: Case): Voice {
  const self = kase.patient.speaker === 'self';
  return { self, subject: self ? 'I' : kase.patient.sex === 'female' ? 'she' : kase.patient.sex === 'male' ? 'he' : 'they' };
}

const THIRD: Record<'she' | 'he' | 'they', Array<[RegExp, string]>> = {
  she: [],
  he: [],
  they: [],
};
for (const s of ['she', 'he', 'they'] as const) {
  const has = s === 'they' ? 'have' : 'has';
  const does = s === 'they' ? 'do' : 'does';
  const is = s === 'they' ? 'are' : 'is';
  const poss = s === 'she' ? 'her' : s === 'he' ? 'his' : 'their';
  const obj = s === 'she' ? 'her' : s === 'he' ? 'him' : 'them';
  const self = s === 'she' ? 'herself' : s === 'he' ? 'himself' : 'themselves';
  THIRD[s] = [
    // The caregiver still speaks for what they know: "as far as I know" is not "as far as she know".
    [/\bas far as I know\b/g, 'as far as we know'],
    [/\bI'm\b/g, `${s}'${s === 'they' ? 're' : 's'}`],
    [/\bI've\b/g, s === 'they' ? "they've" : `${s}'s`],
    [/\bI haven't\b/g, `${s} ${has}n't`],
    [/\bI don't\b/g, `${s} ${does}n't`],
    [/\bI am\b/g, `${s} ${is}`],
    [/\bI have\b/g, `${s} ${has}`],
    [/\bI\b/g, s],
    [/\bmyself\b/g, self],
    [/\bMy\b/g, poss[0].toUpperCase() + poss.slice(1)],
    [/\bmy\b/g, poss],
    [/\bme\b/g, obj],
  ];
}

/** A first-person sentence in the speaker's voice: unchanged for the patient, third person for a caregiver. */
export function speak(text: string, voice: Voice, sentence = true): string {
  if (voice.self || voice.subject === 'I') return text;
  let out = text;
  for (const [re, to] of THIRD[voice.subject]) out = out.replace(re, to);
  return sentence ? out.replace(/^([a-z])/, (c) => c.toUpperCase()) : out;
}
