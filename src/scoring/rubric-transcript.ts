import type { Case } from '../case/schema.js';
import type { EncounterEvent } from '../encounter/events.js';

/**
 * The whole encounter as the rubric grader reads it: the case's conversation (or its presentation), then every
 * turn in order, the doctor's final reply or diagnosis marked as such. A rubric applies to the whole multi-turn
 * transcript, so questions asked and tests ordered count as much as the last message.
 */
export function rubricTranscript(kase: Case, events: readonly EncounterEvent[]): string {
  const lines: string[] = [];
  if (kase.conversation) for (const m of kase.conversation) lines.push(`${m.role}: ${m.content}`);
  else lines.push(`presentation: ${kase.presentation}`);
  for (const e of events) {
    switch (e.type) {
      case 'action':
        if (e.action.type === 'ask') lines.push(...e.action.questions.map((q) => `doctor asks: ${q.text}`));
        else if (e.action.type === 'examine') lines.push(`doctor examines: ${e.action.targets.join(', ')}`);
        else if (e.action.type === 'order') lines.push(`doctor orders: ${e.action.tests.join(', ')}`);
        break;
      case 'answer':
        lines.push(`patient: ${e.text}`);
        break;
      case 'exam':
        lines.push(`examination (${e.target}): ${e.text}`);
        break;
      case 'result':
        lines.push(`result (${e.name}): ${resultText(e.result)}`);
        break;
      case 'refused':
      case 'unrecognised':
        lines.push(`hospital: ${e.text}`);
        break;
      case 'diagnosis':
        lines.push(
          `doctor's final diagnosis: ${e.differential.map((d) => d.name + (d.probability !== undefined ? ` (${Math.round(d.probability * 100)}%)` : '')).join('; ')}${e.rationale ? `\nrationale: ${e.rationale}` : ''}`,
        );
        break;
      case 'reply':
        lines.push(`assistant (the reply being graded): ${e.text}`);
        break;
      case 'finish':
        lines.push(`doctor's answer: ${JSON.stringify(e.answer)}`);
        break;
      default:
        break;
    }
  }
  return lines.join('\n\n');
}

function resultText(r: Extract<EncounterEvent, { type: 'result' }>['result']): string {
  const parts: string[] = [];
  if (r.text) parts.push(r.text);
  if (r.value !== undefined) parts.push(`${r.value}${r.unit ? ` ${r.unit}` : ''}${r.flag ? ` (${r.flag})` : ''}`);
  if (r.components)
    parts.push(
      Object.entries(r.components)
        .map(([k, c]) => `${k} ${c.value}${c.unit ? ` ${c.unit}` : ''}`)
        .join(', '),
    );
  return parts.join('; ');
}
