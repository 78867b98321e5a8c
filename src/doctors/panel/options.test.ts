import { describe, expect, it } from 'vitest';
import { parseDoctorSpec } from '../spec.js';
import { panelConfig } from './options.js';

const env = { OPENAI_API_KEY: 'sk-test' };
const cfg = (raw: string) => panelConfig(parseDoctorSpec(raw), env);

describe('panel options', () => {
  it('reads model, variant, budget, n and sampling settings', () => {
    const b = cfg('panel:model=openai:gpt-4.1-mini,variant=budgeted,budget=1500,temperature=0');
    expect([b.variant, b.budget, b.settings.temperature, b.handle.ref.id]).toEqual(['budgeted', 1500, 0, 'openai:gpt-4.1-mini']);
    const e = cfg('panel:openai:gpt-4.1-mini,variant=ensemble,n=4,seed=3');
    expect([e.variant, e.n, e.budget, e.settings.seed]).toEqual(['ensemble', 4, null, 3]);
    expect(cfg('panel:model=openai:gpt-4.1-mini').variant).toBe('no-budget');
  });

  it('rejects what it cannot honour with one sentence', () => {
    expect(() => cfg('panel:variant=instant')).toThrow(/names no model/);
    expect(() => cfg('panel:model=openai:x,variant=cheap')).toThrow(/variant=cheap .* must be one of instant, questions-only, budgeted, no-budget, ensemble/);
    expect(() => cfg('panel:model=openai:x,variant=no-budget,budget=10')).toThrow(/applies only to variant=budgeted/);
    expect(() => cfg('panel:model=openai:x,variant=ensemble,n=1')).toThrow(/n=1 .* between 2 and 10/);
    expect(() => cfg('panel:model=openai:x,variant=ensemble,n=2.5')).toThrow(/whole number/);
    expect(() => cfg('panel:model=openai:x,mode=tools')).toThrow(/has no option "mode"/);
    expect(() => panelConfig(parseDoctorSpec('panel:model=openai:x'), {})).toThrow(/OPENAI_API_KEY/);
  });
});
