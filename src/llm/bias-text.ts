import { biasPrompt } from './biases.js';

/** The system-prompt text for a named cognitive bias (`bias=<name>` on the llm doctor or patient); fails on unknown names. */
export function biasText({ role, name }: { role: 'patient' | 'doctor'; name: string }): string {
  return biasPrompt({ role, name: name.trim().toLowerCase().replace(/-/g, '_') });
}
