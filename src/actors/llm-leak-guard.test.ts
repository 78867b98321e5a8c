import { describe, expect, it } from 'vitest';
import { loadCases } from '../case/load.js';
import type { Case } from '../case/schema.js';
import { findLeak } from './llm-leak-guard.js';

const cases = new Map<string, Case>(loadCases('data/cases').cases.map(({ kase }) => [kase.id, kase]));
const leak = (id: string, reply: string) => findLeak(cases.get(id)!, reply);

describe('leak guard on the shipped cases', () => {
  it('catches plurals, possessives and British spellings of guarded terms', () => {
    expect(leak('cardio-aortic-dissection-001', 'One of those aortic dissections, I bet.')).toBe('aortic dissection');
    expect(leak('cardio-aortic-dissection-001', "This aortic dissection's pain is unbearable.")).toBe('aortic dissection');
    expect(leak('gi-crohn-ileitis-001', "My cousin said it sounds like Crohn's.")).toBe('crohns');
    expect(leak('endo-adrenal-crisis-001', "Could it be Addison's?")).toBe('addisons');
    expect(leak('heme-aml-001', 'Is it leukaemia?')).not.toBeNull();
    expect(leak('uro-ureteric-calculus-001', 'I passed kidney stones before.')).not.toBeNull();
    expect(leak('peds-febrile-seizure-70', 'Are these febrile fits?')).toBe('febrile fit');
  });

  it('catches partial names and lay names', () => {
    expect(leak('cardio-pericarditis-001', 'I wondered about pericarditis.')).toBe('pericarditis');
    expect(leak('cardio-stemi-inferior-001', "I think I'm having a heart attack.")).toBe('heart attack');
    expect(leak('id-mononucleosis-001', 'Maybe I caught mono from him.')).toBe('mono');
    expect(leak('gi-appendicitis-001', 'Is it my appendix?')).toBe('my appendix');
    expect(leak('pulm-pneumothorax-001', 'Feels like a collapsed lung.')).toBe('collapsed lung');
  });

  it("lets the patient repeat what the case's own facts say, where they say it", () => {
    // A relative's illness, in a sentence about the relative.
    expect(leak('cardio-stemi-inferior-001', 'My father died of a heart attack at 61.')).toBeNull();
    expect(leak('cardio-stemi-inferior-001', 'My dad had a heart attack too.')).toBeNull();
    // A denial stays allowed as a denial, not as a claim.
    expect(leak('peds-acute-otitis-media-001', "She's never had an ear infection before.")).toBeNull();
    expect(leak('peds-acute-otitis-media-001', 'I think she has an ear infection.')).toBe('ear infection');
    // The patient's own record.
    expect(leak('pulm-copd-001', "I've got COPD, it's been bad this week.")).toBeNull();
    expect(leak('heme-sickle-voc-001', 'I have sickle cell disease.')).toBeNull();
  });

  it('never flags the facts of the case itself, so the deterministic fallback is always clean', () => {
    const flagged = [...cases.values()].flatMap((k) => k.facts.filter((f) => f.category !== 'exam' && findLeak(k, f.answer)).map((f) => `${k.id}/${f.id}`));
    expect(flagged).toEqual([]);
  });

  it('does not let short acronyms catch ordinary words', () => {
    expect(leak('pulm-pe-001', 'It burns when I pee and when she pees.')).toBeNull();
    expect(leak('id-pulmonary-tb-001', 'I take two tbs of honey.')).toBeNull();
  });

  it('gives every shipped case lay names', () => {
    expect([...cases.values()].filter((k) => !k.diagnosis.lay?.length).map((k) => k.id)).toEqual([]);
  });
});
