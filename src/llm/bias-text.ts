import { biasPrompt } from './biases.js';

/** The system-prompt text for a named cognitive bias (`bias=<name>` on the llm doctor or patient); fails on unknown names. */
export function biasText({ role, name, disease, keepSlot }: { role: 'patient' | 'doctor'; name: string; disease?: string; keepSlot?: boolean }): string {
  return biasPrompt({ role, name: name.trim().toLowerCase().replace(/-/g, '_'), disease, keepSlot });
}
