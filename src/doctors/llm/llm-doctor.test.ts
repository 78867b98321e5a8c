import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCases } from '../../case/load.js';
import { loadCatalog } from '../../case/catalog.js';
import { deterministicActors } from '../../actors/deterministic.js';
import { startEncounter } from '../../encounter/engine.js';
import { PROTOCOL_PRESETS } from '../../encounter/protocol.js';
import { createRng } from '../../util/rng.js';
import { DoctorError } from '../../util/errors.js';
import { withCallScope, createRuntime } from '../../llm/runtime.js';
import { emptyUsage } from '../../llm/usage.js';
import { LlmDoctor, llmDoctorConfig, type LlmDoctorConfig } from './llm-doctor.js';
import { DEFAULT_SYSTEM } from './prompt.js';
import { parseDoctorSpec } from '../spec.js';
import { resolveDoctor } from '../registry.js';
import { mockHandle, promptText, type MockReply } from '../../../test/support/mock-model.js';
import { recordFromCase } from '../../ehr/record-from-case.js';

const kase = loadCases('test/fixtures/cases/stemi.yaml').cases[0].kase;
const catalog = loadCatalog();
const scope = () => ({ runtime: createRuntime({ retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 5, timeoutMs: 1000 } }), usage: emptyUsage(), seed: 's' });

async function play(mode: LlmDoctorConfig['mode'], replies: MockReply[], onCase = kase) {
  const handle = mockHandle({ replies });
  const notes: Array<{ kind: string; data: unknown }> = [];
  const encounter = startEncounter({ kase: onCase, actors: deterministicActors(), protocol: PROTOCOL_PRESETS.default, catalog, seed: 's' });
  const doctor = new LlmDoctor(
    { name: 'd', handle, mode, system: DEFAULT_SYSTEM[mode], settings: {} },
    { catalog, protocol: PROTOCOL_PRESETS.default, rng: createRng(1), note: (kind, data) => notes.push({ kind, data }) },
  );
  let error: unknown;
  await withCallScope(scope(), async () => {
    while (!encounter.ended) {
      try {
        await encounter.step(await doctor.act(encounter.view()));
      } catch (e) {
        error = e;
        break;
      }
    }
  });
  return { handle, encounter, notes, error };
}

describe('llm doctor', () => {
  it('turns one tool call per turn into actions and diagnoses with a ranked differential', async () => {
    const { encounter, handle } = await play('tools', [
      { tool: 'ask_patient', input: { questions: ['Tell me about the chest pain'] } },
      { tool: 'order_tests', input: { tests: ['ECG'] } },
      { tool: 'diagnose', input: { differential: [{ name: 'Inferior STEMI', probability: 0.9 }, { name: 'Pericarditis' }], rationale: 'ST elevation' } },
    ]);
    expect(encounter.endReason).toBe('diagnosed');
    expect(encounter.events.find((e) => e.type === 'diagnosis')).toMatchObject({
      differential: [{ name: 'Inferior STEMI', probability: 0.9 }, { name: 'Pericarditis' }],
      rationale: 'ST elevation',
    });
    expect(handle.calls[0].tools?.map((t) => t.name).sort()).toEqual(['ask_patient', 'diagnose', 'examine', 'order_tests']);
    // The second prompt holds what the patient said; no prompt holds the hidden diagnosis or unrevealed facts.
    expect(promptText(handle.calls[1])).toContain('crushing pressure');
    for (const c of handle.calls) expect(promptText(c)).not.toMatch(/I21\.19|Inferior ST-elevation|sweating buckets|lisinopril/i);
  });

  it("reads the patient's prior record with fhir_search when the case has one, and only then", async () => {
    const ehr = recordFromCase(kase);
    const mrn = ehr.records[0].mrn;
    const { encounter, handle } = await play(
      'tools',
      [
        { tool: 'fhir_search', input: { resourceType: 'Condition', params: { patient: mrn } } },
        { tool: 'diagnose', input: { differential: [{ name: 'Inferior STEMI' }] } },
      ],
      { ...kase, ehr },
    );
    expect(encounter.endReason).toBe('diagnosed');
    expect(handle.calls[0].tools?.map((t) => t.name).sort()).toEqual(['ask_patient', 'diagnose', 'examine', 'fhir_read', 'fhir_search', 'order_tests']);
    expect(promptText(handle.calls[0])).toContain(`patient id ${mrn}`);
    expect(encounter.events.find((e) => e.type === 'fhir')).toMatchObject({ method: 'GET', url: `Condition?patient=${mrn}` });
    // The server's answer (the stored problem list) is in the next prompt.
    expect(promptText(handle.calls[1])).toMatch(/^200 .*"resourceType":"Bundle"/m);
    // Without a record the chart tools are not offered.
    const plain = await play('tools', [{ tool: 'diagnose', input: { differential: [{ name: 'Inferior STEMI' }] } }]);
    expect(plain.handle.calls[0].tools?.map((t) => t.name)).not.toContain('fhir_search');
  });

  it('asks again once after an unparseable text reply, then proceeds', async () => {
    const { encounter, notes, handle } = await play('sdbench', [{ text: 'Hmm, let me think.' }, { text: '<diagnosis>Inferior STEMI</diagnosis>' }]);
    expect(encounter.endReason).toBe('diagnosed');
    expect(notes).toEqual([{ kind: 'unparseable-reply', data: { text: 'Hmm, let me think.', attempt: 1 } }]);
    expect(promptText(handle.calls[1])).toMatch(/could not be understood/);
  });

  it('fails with a DoctorError after two unparseable replies in a row', async () => {
    const { error, handle } = await play('agentclinic', [{ text: '```\n```' }]);
    expect(error).toBeInstanceOf(DoctorError);
    expect((error as Error).message).toMatch(/could not be parsed as AgentClinic output twice/);
    expect(handle.calls).toHaveLength(2);
  });

  it('resolves from doctor strings with options, and rejects bad ones in one sentence', () => {
    const c = llmDoctorConfig(parseDoctorSpec('openai-compatible:http://127.0.0.1:9/v1#m,mode=sdbench,temperature=0.2,seed=4,max-tokens=200'), {});
    expect(c).toMatchObject({ mode: 'sdbench', settings: { temperature: 0.2, seed: 4, maxTokens: 200 } });
    expect(c.handle.ref.id).toBe('openai-compatible:http://127.0.0.1:9/v1#m');
    expect(llmDoctorConfig(parseDoctorSpec('llm:model=ollama:llama3.1'), {}).handle.ref.id).toBe('ollama:llama3.1');
    expect(llmDoctorConfig(parseDoctorSpec('llm:ollama:llama3.1,bias=recency'), {}).system).toMatch(/\n\n\S/);
    const file = join(mkdtempSync(join(tmpdir(), 'rounds-sys-')), 'system.txt');
    writeFileSync(file, 'You are a cautious internist.');
    expect(llmDoctorConfig(parseDoctorSpec(`llm:ollama:x,system=${file}`), {}).system).toBe('You are a cautious internist.');
    expect(() => llmDoctorConfig(parseDoctorSpec('llm:ollama:x,mode=chat'), {})).toThrow(/mode=chat .* must be one of tools, agentclinic, sdbench/);
    expect(() => llmDoctorConfig(parseDoctorSpec('llm:ollama:x,system=/nope.txt'), {})).toThrow(/Cannot read the system prompt file \/nope.txt/);
    expect(() => llmDoctorConfig(parseDoctorSpec('llm:ollama:x,bias=nonsense'), {})).toThrow(/Unknown doctor bias "nonsense"/);
    expect(() => resolveDoctor('llm')).toThrow(/names no model/);
    expect(resolveDoctor('ollama:llama3.1').name).toBe('ollama:llama3.1');
  });
});
