import type { FakeHandler, FakeReply, FakeRequest } from './fake-openai-server.js';

/** Which component sent a request, from its system prompt. */
export function roleOf(req: FakeRequest): 'doctor' | 'patient' | 'judge' | 'lab' | 'moderator' | 'unknown' {
  const system = String(req.body.messages.find((m) => m.role === 'system')?.content ?? '');
  if (system.includes('You are a physician')) return 'doctor';
  if (system.includes('You are playing a patient')) return 'patient';
  if (system.includes('You grade a doctor')) return 'judge';
  if (system.includes('hospital laboratory')) return 'lab';
  if (system.includes('name the same disease')) return 'moderator';
  return 'unknown';
}

/** The text of every message of a request, joined (what the model was shown). */
export function transcript(req: FakeRequest): string {
  return req.body.messages.map((m) => (typeof m.content === 'string' ? m.content : JSON.stringify(m.content))).join('\n');
}

/**
 * A scripted clinic: the doctor asks, examines, orders an ECG and troponin,
 * then diagnoses (`diagnosis` picks the name from the presentation); the
 * patient answers in a sentence; the judge grades 5 for a myocardial
 * infarction and 2 otherwise; the lab returns a normal report.
 */
export function scriptedClinic({
  diagnosis = () => 'Inferior ST-elevation myocardial infarction',
}: { diagnosis?: (firstUserMessage: string) => string } = {}): FakeHandler {
  return (req): FakeReply => {
    const role = roleOf(req);
    const users = req.body.messages.filter((m) => m.role === 'user');
    if (role === 'doctor') {
      const step = req.body.messages.filter((m) => m.role === 'assistant').length;
      const dx = diagnosis(String(users[0]?.content ?? ''));
      if (req.body.tools) {
        const calls: FakeReply['toolCalls'] = [
          [{ name: 'ask_patient', arguments: { questions: ['Tell me about the chest pain.'] } }],
          [{ name: 'examine', arguments: { targets: ['cardiovascular'] } }],
          [{ name: 'order_tests', arguments: { tests: ['ECG', 'troponin'] } }],
          [
            {
              name: 'diagnose',
              arguments: {
                differential: [
                  { name: dx, probability: 0.8 },
                  { name: 'Aortic dissection', probability: 0.1 },
                ],
                rationale: 'ST elevation in the inferior leads.',
              },
            },
          ],
        ][Math.min(step, 3)];
        return { toolCalls: calls };
      }
      const system = String(req.body.messages.find((m) => m.role === 'system')?.content ?? '');
      if (system.includes('DIAGNOSIS READY'))
        return {
          content: ['Doctor: Tell me about the chest pain.', '**REQUEST TEST:** ECG\nREQUEST TEST: troponin', `DIAGNOSIS READY: ${dx}`][Math.min(step, 2)],
        };
      const text = ['<question>Tell me about the chest pain.</question>', 'Thanks.\n```\n<test>ECG, troponin</test>\n```', `<diagnosis>${dx}</diagnosis>`][
        Math.min(step, 2)
      ];
      return { content: text };
    }
    if (role === 'patient') {
      const q = String(users[users.length - 1]?.content ?? '');
      if (/diagnos/i.test(q)) return { content: 'The doctor before said it was an inferior STEMI.' };
      return { content: "It's a crushing pressure in the middle of my chest, it started two hours ago." };
    }
    if (role === 'judge') {
      const text = transcript(req);
      const top = /Doctor's top diagnosis: ([^\n]+)/.exec(text)?.[1] ?? '';
      return {
        content: JSON.stringify(/infarction|stemi/i.test(top) ? { score: 5, reason: 'Same disease.' } : { score: 2, reason: 'Only shares chest pain.' }),
      };
    }
    if (role === 'lab') return { content: JSON.stringify({ text: 'Within normal limits.', flag: 'normal' }) };
    return { fault: 'server-error' };
  };
}
