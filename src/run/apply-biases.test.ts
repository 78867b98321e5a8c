import { describe, it, expect } from 'vitest';
import { applyBiases } from './apply-biases.js';

describe('applyBiases', () => {
  it('runs each prompted doctor once per doctor bias and leaves the others alone', () => {
    const r = applyBiases({ biases: ['doctor:confirmation', 'doctor:recency'], doctors: ['openai:gpt-4.1-mini', 'baseline', 'llm:ollama:x,bias=education'] });
    expect(r.doctors).toEqual(['openai:gpt-4.1-mini,bias=confirmation', 'openai:gpt-4.1-mini,bias=recency', 'baseline', 'llm:ollama:x,bias=education']);
  });
  it('gives the llm patient the patient bias and refuses two of them', () => {
    expect(applyBiases({ biases: ['patient:recency'], doctors: ['baseline'], patient: 'llm:ollama:x' }).patient).toBe('llm:ollama:x,bias=recency');
    expect(applyBiases({ biases: ['patient:recency'], doctors: ['baseline'] }).patient).toBeUndefined();
    expect(() => applyBiases({ biases: ['patient:recency', 'patient:education'], doctors: [] })).toThrow(/Only one patient bias/);
  });
  it('changes nothing without biases', () => {
    expect(applyBiases({ doctors: ['openai:m'], patient: 'llm:openai:m' })).toEqual({ doctors: ['openai:m'], patient: 'llm:openai:m' });
  });
});
