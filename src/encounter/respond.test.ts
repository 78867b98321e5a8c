import { describe, expect, it } from 'vitest';
import { deterministicActors } from '../actors/deterministic.js';
import { loadCatalog } from '../case/catalog.js';
import { loadCases } from '../case/load.js';
import { Case } from '../case/schema.js';
import { startEncounter } from './engine.js';
import { PROTOCOL_PRESETS } from './protocol.js';

const stemi = loadCases('test/fixtures/cases/stemi.yaml').cases[0].kase;

describe('respond action and conversation cases', () => {
  it('refuses a reply on a case with no conversation, and keeps the encounter open', async () => {
    const e = startEncounter({ kase: stemi, actors: deterministicActors(), protocol: PROTOCOL_PRESETS.default, catalog: loadCatalog(), seed: 's' });
    expect(e.view().conversation).toBeUndefined();
    const o = await e.step({ type: 'respond', message: 'Take an aspirin.' });
    expect(o.ended).toBe(false);
    expect(o.items).toEqual([{ kind: 'notice', text: 'This case has no conversation to reply to; a respond action is for conversation cases.' }]);
    expect(e.events.some((x) => x.type === 'reply')).toBe(false);
  });

  it('checks a conversation: not empty, known roles, ending with the user', () => {
    const base = { ...stemi, conversation: undefined };
    const issue = (conversation: unknown) => Case.safeParse({ ...base, conversation }).error?.issues[0]?.message;
    expect(issue([])).toBe('a conversation needs at least one message');
    expect(
      issue([
        { role: 'user', content: 'Hi' },
        { role: 'assistant', content: 'Hello' },
      ]),
    ).toBe('a conversation must end with a user message, which the doctor answers');
    expect(issue([{ role: 'doctor', content: 'Hi' }])).toMatch(/system.*user.*assistant/);
    expect(
      issue([
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Hi' },
      ]),
    ).toBeUndefined();
  });
});
