import type { DoctorView } from '../../encounter/view.js';
import type { ChatMessage } from '../../llm/call-model.js';
import { viewToMessages } from '../llm/prompt.js';
import type { PanelVariant } from './options.js';
import type { PanelTurn } from './schema.js';

/** The panel's system prompt (MAI-DxO's five roles and a consensus step). */
export const PANEL_SYSTEM = `You are a physician chairing a virtual panel of five doctors diagnosing one patient step by step. Tests and visits cost money; each turn the panel deliberates and agrees on one action.
Roles:
- Dr Hypothesis keeps a ranked differential with probabilities, updated after every new finding.
- Dr Test-Chooser picks up to three specific tests that best separate the leading hypotheses.
- Dr Challenger looks for anchoring, names evidence that contradicts the lead, and proposes a test that could falsify it.
- Dr Stewardship proposes cheaper equivalent tests and vetoes low-yield costly ones.
- Dr Checklist checks that test names are specific and valid (name the exact study, e.g. "CT abdomen and pelvis with contrast", never "a scan" or "bloods") and that the reasoning is consistent.
Consensus: choose exactly one action — ask (up to the allowed number of questions), order (specific tests) or diagnose (one final diagnosis, which ends the encounter).
Reply with one JSON object with the fields hypothesis, testChooser, challenger, stewardship, checklist and consensus.`;

/** The ensemble aggregator's system prompt. */
export const AGGREGATOR_SYSTEM = `You are a physician aggregating the recommendations of several independent diagnostic panels for one patient. Choose one action: ask, order or diagnose. When ordering, list each specific test once. Reply with one JSON object with the fields action, questions, tests, differential (ranked, with probabilities) and rationale.`;

/** What the variant allows this turn, in words the panel reads. */
function rules({ variant, view, budgetLeft }: { variant: PanelVariant; view: DoctorView; budgetLeft: number | null }): string {
  const p = view.protocol;
  const lines = [
    `Limits: up to ${p.maxQuestionsPerTurn} questions or ${p.maxTestsPerTurn} tests per turn; a physician visit costs $${p.visitFee} (a run of question turns is one visit).`,
  ];
  if (variant === 'instant') lines.push('Variant instant: diagnose now from the presentation alone; consensus.action must be diagnose.');
  if (variant === 'questions-only') lines.push('Variant questions-only: you may not order tests; ask questions or diagnose.');
  if (variant === 'budgeted' && budgetLeft !== null)
    lines.push(`Variant budgeted: $${budgetLeft.toFixed(2)} of the budget is left; tests that do not fit will be cancelled.`);
  return lines.join('\n');
}

/** The panel's conversation: the shared transcript plus this turn's rules. */
export function panelMessages({ view, variant, budgetLeft }: { view: DoctorView; variant: PanelVariant; budgetLeft: number | null }): ChatMessage[] {
  const messages = viewToMessages(view, 'sdbench');
  const last = messages[messages.length - 1];
  last.content += `\n${rules({ variant, view, budgetLeft })}`;
  return messages;
}

/** The aggregator's conversation: the transcript plus every panel's consensus. */
export function aggregatorMessages({
  view,
  panels,
  variant,
  budgetLeft,
}: {
  view: DoctorView;
  panels: PanelTurn[];
  variant: PanelVariant;
  budgetLeft: number | null;
}): ChatMessage[] {
  const messages = panelMessages({ view, variant, budgetLeft });
  const summary = panels
    .map(
      (t, i) =>
        `Panel ${i + 1}: ${t.consensus.action}${t.consensus.action === 'ask' ? ` — ${t.consensus.questions.join(' | ')}` : t.consensus.action === 'order' ? ` — ${t.consensus.tests.join(', ')}` : ` — ${t.consensus.diagnosis}`}; leading: ${t.hypothesis.differential.map((d) => `${d.name} ${Math.round(d.probability * 100)}%`).join(', ')}. ${t.consensus.rationale}`,
    )
    .join('\n');
  messages[messages.length - 1].content += `\n\nIndependent panels recommend:\n${summary}`;
  return messages;
}
