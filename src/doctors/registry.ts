import type { DoctorFactory } from '../encounter/doctor.js';
import { ConfigError } from '../util/errors.js';
import { parseDoctorSpec, type DoctorSpec } from './spec.js';
import { scriptDoctor } from './script.js';
import { baselineDoctor } from './baseline.js';
import { checklistDoctor } from './checklist.js';
import { llmDoctor } from './llm/llm-doctor.js';
import { humanDoctor } from './human.js';
import { httpDoctor } from './http/http-doctor.js';
import { mcpDoctor } from './http/mcp-doctor.js';
import { panelDoctor } from './panel/panel-doctor.js';
import { referenceDoctor } from './reference.js';

/** Builds a doctor factory from a parsed spec. */
export type DoctorBuilder = (spec: DoctorSpec) => DoctorFactory;

const builders = new Map<string, { build: DoctorBuilder; summary: string }>();

/** Adds a doctor kind to the registry (built-ins register themselves below). */
export function registerDoctor(kind: string, summary: string, build: DoctorBuilder): void {
  builders.set(kind, { build, summary });
}

/** Every registered doctor kind with a one-line summary. */
export function listDoctors(): Array<{ kind: string; summary: string }> {
  return [...builders.entries()].map(([kind, b]) => ({ kind, summary: b.summary })).sort((a, b) => a.kind.localeCompare(b.kind));
}

/** Resolves a `--doctor` string to a factory, or fails with the list of known doctors. */
export function resolveDoctor(raw: string): DoctorFactory {
  const spec = parseDoctorSpec(raw);
  const entry = builders.get(spec.kind);
  if (!entry) {
    throw new ConfigError(
      `Unknown doctor "${spec.kind}"; available: ${listDoctors()
        .map((d) => d.kind)
        .join(', ')}.`,
    );
  }
  return entry.build(spec);
}

registerDoctor('script', 'plays a fixed list of actions from a YAML or JSON file (script:<file>)', scriptDoctor);
registerDoctor(
  'baseline',
  'naive-Bayes diagnoser choosing questions, exams and tests by information gain per dollar (baseline:threshold=0.85,cost-weight=0.5)',
  baselineDoctor,
);
registerDoctor('checklist', 'asks a fixed history, examines every system, orders a broad panel, then diagnoses from the knowledge base', checklistDoctor);
registerDoctor('reference', "plays each EHR task's reference solution (reference, or reference:<task file or folder> for other solutions)", referenceDoctor);
registerDoctor('human', 'a person at the browser seat of `rounds serve` (/play); only the seat can drive it (human:<name>)', humanDoctor);
registerDoctor('mcp', 'an MCP client driving encounters through `rounds mcp`; only the MCP server can drive it (mcp:<name>)', mcpDoctor);
for (const k of ['http', 'https'])
  registerDoctor(
    k,
    'an external doctor over HTTP: JSON view in, action out, or mode=chat for an OpenAI-style chat endpoint (http://host/path,timeout=30,retries=2,mode=json|chat,format=sdbench|agentclinic,model=)',
    (spec) => httpDoctor(spec),
  );
registerDoctor(
  'llm',
  'a language model as the doctor (llm:<model>,mode=tools|agentclinic|sdbench,system=<file>,temperature=,max-tokens=,seed=,bias=)',
  llmDoctor,
);
registerDoctor(
  'panel',
  'a MAI-DxO-style panel of five roles played by one model (panel:model=<model>,variant=instant|questions-only|budgeted|no-budget|ensemble,budget=<usd>,n=<k>,temperature=,seed=)',
  panelDoctor,
);
for (const p of ['openai', 'anthropic', 'google', 'ollama', 'openai-compatible'])
  registerDoctor(p, `shorthand for llm:${p}:<model> (same options as llm)`, llmDoctor);
