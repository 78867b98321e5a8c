import type { Case } from '../case/schema.js';
import type { PatientInput, PatientLeak, PatientReply } from '../encounter/actors.js';
import { callModel, type ChatMessage, type ModelHandle } from '../llm/call-model.js';
import { biasText } from '../llm/bias-text.js';
import { biasDisease, fillDiseaseSlot } from '../llm/biases.js';
import type { ModelSettings } from '../llm/settings.js';
import { findLeak } from './llm-leak-guard.js';

/** Answers with the grounding (which facts, how matched) the scorers use. */
export interface GroundingPatient {
  answer(input: PatientInput): PatientReply | Promise<PatientReply>;
}

export interface LlmPatientConfig {
  handle: ModelHandle;
  settings: ModelSettings;
  bias?: string;
  /** The deterministic patient: it decides which facts a question reaches and answers when the model leaks. */
  grounding: GroundingPatient;
  /** Regenerations after a leaking reply. */
  regenerations?: number;
}

/** The system prompt: persona, speaker and the case's non-exam facts; never the diagnosis. */
export function patientSystemPrompt(kase: Case): string {
  const p = kase.patient;
  const persona = p.persona;
  const infant = p.age_unit !== 'years' || p.age < 3;
  const speaker = p.speaker !== 'self' || infant;
  const who = speaker
    ? `You are the ${p.speaker === 'self' ? 'parent' : p.speaker} of a ${p.age}-${p.age_unit.replace(/s$/, '')}-old ${p.sex === 'male' ? 'boy' : p.sex === 'female' ? 'girl' : 'child'} who is the patient. Answer as the caregiver, about the patient, in your own voice.`
    : `You are the patient, a ${p.age}-year-old ${p.sex === 'other' ? 'person' : p.sex === 'male' ? 'man' : 'woman'}. Answer in the first person.`;
  const traits = [
    persona.style && `style: ${persona.style}`,
    persona.mood && `mood: ${persona.mood}`,
    persona.literacy && `health literacy: ${persona.literacy}`,
    persona.language && `language: ${persona.language}`,
  ]
    .filter(Boolean)
    .join('; ');
  const facts = kase.facts
    .filter((f) => f.category !== 'exam')
    .map((f) => `- ${f.topic}: ${f.answer}`)
    .join('\n');
  return [
    `You are playing a patient in a medical consultation. ${who}${traits ? ` Persona — ${traits}.` : ''}`,
    `Why you came: ${kase.presentation}`,
    `What you know (use only this; say you are not sure or that you have not noticed anything else for anything not listed):\n${facts}`,
    'Rules: answer only what the doctor asks, in one to three sentences, in everyday words and in your voice. Do not volunteer other facts. You do not know your diagnosis: never name or guess a disease, and never mention medical codes. Do not give test results; the doctor must order tests.',
  ].join('\n\n');
}

/** The encounter so far as a chat: each earlier question a user turn, each reply the doctor got an assistant turn, then this question. */
export function patientMessages(input: Pick<PatientInput, 'question' | 'dialogue'>): ChatMessage[] {
  const messages: ChatMessage[] = [];
  for (const turn of input.dialogue) {
    // Providers reject empty turns; an empty question cannot reach here through the engine, but a reply may be blank.
    messages.push({ role: 'user', content: turn.question.text || '...' }, { role: 'assistant', content: turn.text || '...' });
  }
  messages.push({ role: 'user', content: input.question.text || '...' });
  return messages;
}

/**
 * A language model as the patient, grounded on the case's facts and persona,
 * seeing the dialogue so far. A reply naming the diagnosis is regenerated; if
 * it still leaks, the doctor gets the deterministic patient's answer. Every
 * leaking reply is returned in `leaks` (withheld from the doctor) so the
 * engine records it.
 */
export class LlmPatient {
  private readonly biasSuffix: string;
  constructor(private readonly config: LlmPatientConfig) {
    // Resolved now so an unknown bias name fails before the run starts.
    this.biasSuffix = config.bias ? biasText({ role: 'patient', name: config.bias, keepSlot: true }) : '';
  }

  async answer(input: PatientInput): Promise<PatientReply> {
    const { kase } = input;
    const grounded = await this.config.grounding.answer(input);
    // The disease the bias names comes from this case's differential, the same on every turn of the encounter.
    const bias = this.biasSuffix && fillDiseaseSlot(this.biasSuffix, biasDisease({ kase, seed: input.seed ?? kase.id }));
    const system = bias ? `${patientSystemPrompt(kase)}\n\n${bias}` : patientSystemPrompt(kase);
    const messages = patientMessages(input);
    const tries = 1 + (this.config.regenerations ?? 2);
    const leaks: PatientLeak[] = [];
    for (let i = 0; i < tries; i++) {
      const r = await callModel({ handle: this.config.handle, settings: this.config.settings, system, messages, purpose: 'patient' });
      const text = r.text.trim();
      const matched = findLeak(kase, text);
      if (!matched) {
        // A blank reply says nothing; the grounded answer is the honest fallback.
        if (!text) return leaks.length ? { ...grounded, leaks } : grounded;
        // The model chose the words; the grounding chose the facts, so its rule and confidence go on the answer event.
        return {
          text,
          factIds: grounded.factIds,
          matched: grounded.matched,
          rule: `llm:${grounded.rule ?? grounded.matched}`,
          ...(grounded.confidence !== undefined ? { confidence: grounded.confidence } : {}),
          ...(leaks.length ? { leaks } : {}),
        };
      }
      leaks.push({ text, matched, withheld: true });
      // A changed conversation, so the regeneration is a new call (and a new cache key), not a replay of the leak.
      messages.push(
        { role: 'assistant', content: text },
        { role: 'user', content: 'Please answer that again without naming any disease or diagnosis, as a patient would.' },
      );
    }
    return { ...grounded, leaks };
  }
}
