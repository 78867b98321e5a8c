import type { FakeHandler, FakeReply, FakeRequest } from './fake-openai-server.js';
import { roleOf, scriptedClinic, transcript } from './fake-clinic.js';

/** One scripted consensus of the panel. */
export interface PanelStep {
  action: 'ask' | 'order' | 'diagnose';
  questions?: string[];
  tests?: string[];
  diagnosis?: string;
}

/** Which panel component sent a request, from its system prompt. */
export function panelRoleOf(req: FakeRequest): 'panel' | 'aggregator' | null {
  const system = String(req.body.messages.find((m) => m.role === 'system')?.content ?? '');
  if (system.includes('chairing a virtual panel')) return 'panel';
  if (system.includes('aggregating the recommendations')) return 'aggregator';
  return null;
}

/** The number of doctor turns already taken in a request's transcript. */
export function stepOf(req: FakeRequest): number {
  return req.body.messages.filter((m) => m.role === 'assistant').length;
}

/** A full five-role panel reply whose consensus is `step`. */
export function panelReply(
  step: PanelStep,
  differential = [
    { name: 'Inferior ST-elevation myocardial infarction', probability: 0.7 },
    { name: 'Aortic dissection', probability: 0.2 },
    { name: 'Pericarditis', probability: 0.1 },
  ],
): FakeReply {
  return {
    content: JSON.stringify({
      hypothesis: { differential, reasoning: 'Exertional crushing chest pain in an older smoker.' },
      testChooser: { tests: step.tests ?? ['ECG', 'troponin'], reasoning: 'Separates ACS from dissection.' },
      challenger: { anchoringRisk: 'Anchoring on ACS.', contradictingEvidence: 'None yet.', falsifyingTest: 'CT angiography of the chest' },
      stewardship: { vetoed: ['MRI'], cheaperAlternatives: 'ECG before imaging.' },
      checklist: { problems: [] },
      consensus: {
        action: step.action,
        questions: step.questions ?? [],
        tests: step.tests ?? [],
        diagnosis: step.diagnosis ?? '',
        rationale: `Panel chose ${step.action}.`,
      },
    }),
  };
}

/**
 * The scripted clinic plus a panel: `panel(step, req)` gives the consensus at
 * each turn, `aggregate` the ensemble aggregator's reply; patient, lab, judge
 * and the plain llm doctor are the scripted clinic's.
 */
export function panelClinic({
  panel,
  aggregate,
}: {
  panel: (step: number, req: FakeRequest) => PanelStep;
  aggregate?: (step: number, req: FakeRequest) => PanelStep & { differential?: Array<{ name: string; probability: number }> };
}): FakeHandler {
  const clinic = scriptedClinic();
  return (req) => {
    const role = panelRoleOf(req);
    if (role === 'panel') return panelReply(panel(stepOf(req), req));
    if (role === 'aggregator') {
      const a: PanelStep & { differential?: Array<{ name: string; probability: number }> } = aggregate?.(stepOf(req), req) ?? panel(stepOf(req), req);
      return {
        content: JSON.stringify({
          action: a.action,
          questions: a.questions ?? [],
          tests: a.tests ?? [],
          differential: a.differential ?? [
            { name: a.diagnosis || 'Inferior ST-elevation myocardial infarction', probability: 0.8 },
            { name: 'Aortic dissection', probability: 0.2 },
          ],
          rationale: 'Majority of panels.',
        }),
      };
    }
    // A judge that compares with the ground truth (the scripted clinic's grades any infarction 5).
    if (roleOf(req) === 'judge') {
      const text = transcript(req);
      const truth = /Ground truth: ([^\n]+)/.exec(text)?.[1] ?? '';
      const top = (/Doctor's top diagnosis: ([^\n]+?)\.?(?:\n|$)/.exec(text)?.[1] ?? '').replace(/ \(ICD-10 [^)]*\)$/, '');
      const same = top.length > 0 && truth.toLowerCase().includes(top.toLowerCase());
      return { content: JSON.stringify(same ? { score: 5, reason: 'Same disease.' } : { score: 2, reason: 'Different disease.' }) };
    }
    return clinic(req);
  };
}

/** A sensible panel: ask, order ECG and troponin, diagnose. */
export const STANDARD_PANEL = (step: number): PanelStep =>
  [
    { action: 'ask', questions: ['Tell me about the chest pain.', 'Does it go to your back?'] } as PanelStep,
    { action: 'order', tests: ['ECG', 'troponin'] } as PanelStep,
    { action: 'diagnose', diagnosis: 'Inferior ST-elevation myocardial infarction' } as PanelStep,
  ][Math.min(step, 2)];
