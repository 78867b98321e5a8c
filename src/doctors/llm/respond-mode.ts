import type { Action } from '../../encounter/actions.js';
import type { DoctorView } from '../../encounter/view.js';
import type { ChatMessage } from '../../llm/call-model.js';
import { DoctorError } from '../../util/errors.js';

/**
 * How an llm doctor answers a conversation case (the `respond` protocol, HealthBench): the conversation goes to the
 * model as chat messages, its own system messages after the doctor's system prompt, and the model's plain text is
 * the next assistant message. No tools and no text protocol: the reply is the whole product.
 */

export const RESPOND_SYSTEM =
  'You are a careful, knowledgeable clinician answering in a conversation. Write your next message to the user: accurate, complete enough to act on, clear about uncertainty, and explicit about when and where to seek urgent care.';

/** The conversation as the model's system text and chat messages; the last message is the user's. */
export function conversationToMessages(view: DoctorView, system: string): { system: string; messages: ChatMessage[] } {
  const conversation = view.conversation ?? [];
  const systems = conversation.filter((m) => m.role === 'system').map((m) => m.content);
  const messages: ChatMessage[] = conversation.filter((m) => m.role !== 'system').map((m) => ({ role: m.role as 'user' | 'assistant', content: m.content }));
  return { system: [system, ...systems].join('\n\n'), messages };
}

/** The model's reply as a respond action; an empty reply is the doctor's failure, not an empty message. */
export function replyToAction(text: string): Action {
  const message = text.trim();
  if (!message) throw new DoctorError('The model wrote an empty reply to the conversation.');
  return { type: 'respond', message };
}
