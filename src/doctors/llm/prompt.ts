import type { Action } from '../../encounter/actions.js';
import type { DoctorView, RevealedItem } from '../../encounter/view.js';
import type { ChatMessage } from '../../llm/call-model.js';
import type { ShownMedia } from '../../encounter/events.js';
import { EHR_SYSTEM } from './ehr-mode.js';

/** `medagentbench`: MedAgentBench's GET/POST/FINISH text protocol, for EHR tasks (any text mode speaks it on an EHR task). */
export const DOCTOR_MODES = ['tools', 'agentclinic', 'sdbench', 'medagentbench'] as const;
export type DoctorMode = (typeof DOCTOR_MODES)[number];

const COMMON = `You are a physician seeing a patient. Find the diagnosis by asking questions, examining the patient and ordering tests, then commit to a diagnosis. Tests cost money: order what you need, not everything. You see only what the patient tells you and what your examinations and tests show.`;

/** The default system prompt of each mode; `system=<file>` replaces it. */
export const DEFAULT_SYSTEM: Record<DoctorMode, string> = {
  tools: `${COMMON}\nEach turn, call exactly one tool: ask_patient, examine, order_tests, or diagnose (with a ranked differential, most likely first). Diagnose before you run out of turns.`,
  agentclinic: `${COMMON}\nEach turn, write one of:\n- a question to the patient, in plain words;\n- REQUEST TEST: <test name> to order a test;\n- DIAGNOSIS READY: <diagnosis> when you are confident (this ends the encounter).\nDiagnose before you run out of turns.`,
  medagentbench: EHR_SYSTEM.text,
  sdbench: `${COMMON}\nEach turn, reply with exactly one kind of tag:\n- <question>your question to the patient</question>\n- <test>test name</test> (several tests may be listed, separated by commas)\n- <diagnosis>your final diagnosis</diagnosis> (this ends the encounter).\nDiagnose before you run out of turns.`,
};

/** How each mode writes an action back into the transcript, so the model sees its own turns in its own format. */
export function renderAction(action: Action, mode: DoctorMode): string {
  switch (action.type) {
    case 'ask': {
      const qs = action.questions.map((q) => q.text);
      if (mode === 'sdbench') return qs.map((q) => `<question>${q}</question>`).join('\n');
      if (mode === 'agentclinic') return qs.join(' ');
      return `ask_patient(${JSON.stringify({ questions: qs })})`;
    }
    case 'examine':
      return mode === 'tools' ? `examine(${JSON.stringify({ targets: action.targets })})` : `Examine: ${action.targets.join(', ')}`;
    case 'order':
      if (mode === 'sdbench') return `<test>${action.tests.join(', ')}</test>`;
      if (mode === 'agentclinic') return action.tests.map((t) => `REQUEST TEST: ${t}`).join('\n');
      return `order_tests(${JSON.stringify({ tests: action.tests })})`;
    case 'image':
      return mode === 'tools' ? `request_images(${JSON.stringify(action.ids?.length ? { ids: action.ids } : {})})` : 'REQUEST IMAGES';
    case 'diagnose':
      return `Diagnosis: ${action.differential.map((d) => d.name).join('; ')}`;
    case 'fhir':
      return `${action.method} ${action.url}${action.body !== undefined ? `\n${JSON.stringify(action.body)}` : ''}`;
    case 'finish':
      return `FINISH(${JSON.stringify(action.answer)})`;
    case 'respond':
      return action.message;
  }
}

/** Renders what one action revealed, as the doctor sees it. */
export function renderItems(items: RevealedItem[]): string {
  if (items.length === 0) return '(nothing came back)';
  return items
    .map((i) => {
      switch (i.kind) {
        case 'answer':
          return `Patient: ${i.text}`;
        case 'exam':
          return `Examination (${i.target}): ${i.text}`;
        case 'result': {
          const r = i.result;
          const value =
            r.value !== undefined ? `${r.value}${r.unit ? ' ' + r.unit : ''}${r.range ? ` (range ${r.range})` : ''}${r.flag ? ` [${r.flag}]` : ''}` : '';
          const comps = r.components
            ? Object.entries(r.components)
                .map(([name, c]) => `${name} ${c.value}${c.unit ? ' ' + c.unit : ''}${c.flag ? ` [${c.flag}]` : ''}`)
                .join('; ')
            : '';
          return `Result, ${i.name} ($${i.price.toFixed(2)}): ${[r.text, value, comps].filter(Boolean).join(' — ')}`;
        }
        case 'notice':
          return `Note: ${i.text}`;
        case 'image':
          return `Image ${i.media.id}${i.media.caption ? `: ${i.media.caption}` : ''} (attached)`;
        case 'fhir':
          return `${i.status} ${JSON.stringify(i.body)}`;
      }
    })
    .join('\n');
}

function status(view: DoctorView): string {
  const budget = view.budgetLeft === null ? '' : `, $${view.budgetLeft.toFixed(2)} of budget left`;
  return `[Turn ${view.turn + 1} of ${view.protocol.maxTurns}; ${view.turnsLeft} left; spent $${view.cost.toFixed(2)}${budget}.${view.turnsLeft <= 1 ? ' This is your last turn: diagnose now.' : ''}]`;
}

/** How the doctor's images reach the model: attached as image parts (vision) or left out. */
export interface ImageOptions {
  /** Whether the model takes images; without it images are neither offered nor sent. */
  vision: boolean;
  /** Turns a shown image into a URL the provider accepts (a file path becomes a data: URL); undefined leaves it out. */
  urlOf: (media: ShownMedia) => string | undefined;
}

/** The image URLs of a list of shown images, in order, skipping any that cannot be sent. */
function urlsOf(media: readonly ShownMedia[], images: ImageOptions): string[] {
  return media.map((m) => images.urlOf(m)).filter((u): u is string => Boolean(u));
}

/**
 * The conversation for the next turn, built only from what the doctor has seen.
 * With vision, images shown at the start go with the first message and images
 * the doctor asked for go with the message that answers the request.
 */
export function viewToMessages(view: DoctorView, mode: DoctorMode, images?: ImageOptions): ChatMessage[] {
  const p = view.patient;
  const who = p.speaker === 'self' ? '' : ` The patient's ${p.speaker} answers for them.`;
  const vision = images?.vision === true;
  const start = vision && view.media?.length ? urlsOf(view.media, images!) : [];
  const captions = view.media?.length
    ? `\n${view.media.map((m) => `Image ${m.id}${m.caption ? `: ${m.caption}` : ''}${vision ? ' (attached)' : ''}`).join('\n')}`
    : '';
  const offer =
    vision && (view.imagesOnRequest ?? 0) > 0
      ? `\nImages of this patient are available: ${mode === 'tools' ? 'call request_images to see them' : 'write REQUEST IMAGES to see them'}.`
      : '';
  // Only tools mode gets the record's tools; the text protocols have no way to ask for it.
  const record =
    mode === 'tools' && view.record
      ? `\nThe patient's prior record is on a FHIR R4 server (${view.record.fhirBase}), patient id ${view.record.patient}; it is ${view.record.now} now. Call fhir_search or fhir_read to read it (today's results are not there: order them).`
      : '';
  const first: ChatMessage = { role: 'user', content: `Patient: ${p.age} ${p.ageUnit} old, ${p.sex}.${who}\n${view.presentation}${captions}${offer}${record}` };
  if (start.length) first.images = start;
  const messages: ChatMessage[] = [first];
  for (const h of view.history) {
    messages.push({ role: 'assistant', content: renderAction(h.action, mode) });
    const reply: ChatMessage = { role: 'user', content: renderItems(h.items) };
    const shown = vision
      ? urlsOf(
          h.items.flatMap((i) => (i.kind === 'image' ? [i.media] : [])),
          images!,
        )
      : [];
    if (shown.length) reply.images = shown;
    messages.push(reply);
  }
  const last = messages[messages.length - 1];
  last.content += `\n\n${status(view)}`;
  return messages;
}
