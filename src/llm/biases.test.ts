import { describe, it, expect } from 'vitest';
import { ConfigError } from '../util/errors.js';
import { DOCTOR_BIASES, PATIENT_BIASES, biasDisease, biasPrompt, biasWarning, fillDiseaseSlot, hasDiseaseSlot, parseBias } from './biases.js';

const DISTRUST = ['gender', 'race', 'sexual_orientation', 'cultural', 'religion', 'socioeconomic', 'education'];

describe('bias prompts', () => {
  it('has the 11 patient and 12 doctor biases of AgentClinic, each with its own text', () => {
    expect(Object.keys(PATIENT_BIASES).sort()).toEqual(['recency', 'frequency', 'false_consensus', 'self_diagnosis', ...DISTRUST].sort());
    expect(Object.keys(DOCTOR_BIASES).sort()).toEqual(['recency', 'frequency', 'false_consensus', 'status_quo', 'confirmation', ...DISTRUST].sort());
    for (const table of [PATIENT_BIASES, DOCTOR_BIASES]) {
      const texts = Object.values(table);
      expect(new Set(texts).size).toBe(texts.length);
      for (const t of texts) expect(t.length).toBeGreaterThan(80);
    }
    expect(PATIENT_BIASES.religion).toContain('religio');
    expect(DOCTOR_BIASES.socioeconomic).toContain('socioeconomic');
  });
  it('returns a prompt by role and name and names the choices for an unknown one', () => {
    // Without a disease the slot reads as its fallback words.
    expect(biasPrompt({ role: 'doctor', name: 'confirmation' })).toBe(fillDiseaseSlot(DOCTOR_BIASES.confirmation));
    expect(biasPrompt({ role: 'doctor', name: 'confirmation' })).not.toMatch(/[{}]/);
    expect(() => biasPrompt({ role: 'doctor', name: 'self_diagnosis' })).toThrow(ConfigError);
    expect(() => biasPrompt({ role: 'patient', name: 'status_quo' })).toThrow(
      /Unknown patient bias "status_quo"; available: recency, frequency, false_consensus, self_diagnosis, gender/,
    );
    expect(() => biasPrompt({ role: 'patient', name: 'toString' })).toThrow(ConfigError);
  });
  it('parses --bias values, accepting dashes for underscores', () => {
    expect(parseBias('patient:recency')).toEqual({ role: 'patient', name: 'recency' });
    expect(parseBias('Doctor:false-consensus')).toEqual({ role: 'doctor', name: 'false_consensus' });
    expect(() => parseBias('recency')).toThrow(/must look like patient:<name> or doctor:<name>/);
    expect(() => parseBias('nurse:recency')).toThrow(ConfigError);
  });
  it('warns once when biases target the deterministic patient or doctors', () => {
    expect(biasWarning({ biases: ['patient:recency', 'doctor:confirmation'], doctors: ['baseline', 'llm:openai:gpt-4.1'] })).toBe(
      'warning: biases ignored: patient biases (recency) need an llm patient (--patient llm:<model>); doctor biases (confirmation) do not apply to the deterministic doctor baseline.',
    );
    expect(biasWarning({ biases: ['patient:recency'], doctors: ['baseline'], patient: 'llm:openai:gpt-4.1-mini' })).toBeUndefined();
    expect(biasWarning({ biases: ['doctor:recency'], doctors: ['llm:openai:gpt-4.1'] })).toBeUndefined();
  });
  it('names the disease each steering bias pushes towards, as AgentClinic does, in our own words', () => {
    const steering = {
      patient: ['recency', 'frequency', 'false_consensus', 'self_diagnosis'],
      doctor: ['recency', 'frequency', 'false_consensus', 'status_quo', 'confirmation'],
    } as const;
    for (const role of ['patient', 'doctor'] as const) {
      const table = role === 'patient' ? PATIENT_BIASES : DOCTOR_BIASES;
      for (const [name, text] of Object.entries(table))
        expect([role, name, hasDiseaseSlot(text)]).toEqual([role, name, (steering[role] as readonly string[]).includes(name)]);
      for (const name of steering[role]) {
        const filled = biasPrompt({ role, name, disease: 'pulmonary embolism' });
        expect(filled).toContain('pulmonary embolism');
        expect(filled).not.toMatch(/[{}]/);
      }
    }
    expect(biasPrompt({ role: 'doctor', name: 'confirmation', keepSlot: true })).toBe(DOCTOR_BIASES.confirmation);
  });
  it('fills the slot from the case differential by seed, never with the true diagnosis', () => {
    const kase = {
      diagnosis: { name: 'Myasthenia gravis', accept: ['MG'] },
      differential: ['Lambert-Eaton syndrome', 'myasthenia gravis', 'Botulism', 'Thyroid eye disease', 'MG'],
    };
    const picks = Array.from({ length: 40 }, (_, i) => biasDisease({ kase, seed: String(i) }));
    expect(new Set(picks)).toEqual(new Set(['Lambert-Eaton syndrome', 'Botulism', 'Thyroid eye disease']));
    for (let i = 0; i < 5; i++) expect(biasDisease({ kase, seed: `s${i}` })).toBe(biasDisease({ kase, seed: `s${i}` }));
    expect(biasDisease({ kase: { diagnosis: { name: 'X' }, differential: [] }, seed: '0' })).toBeUndefined();
    expect(fillDiseaseSlot(DOCTOR_BIASES.recency, undefined)).toContain('a rare, serious condition');
  });

  it('picks from a case whose differential was replaced, not from the options it had before', () => {
    const kase: { diagnosis: { name: string }; differential: string[] } = { diagnosis: { name: 'STEMI' }, differential: ['Pericarditis'] };
    expect(biasDisease({ kase, seed: '1' })).toBe('Pericarditis');
    kase.differential = ['Aortic dissection'];
    expect(biasDisease({ kase, seed: '1' })).toBe('Aortic dissection');
    kase.diagnosis = { name: 'Aortic dissection' };
    expect(biasDisease({ kase, seed: '1' })).toBeUndefined();
  });
});
