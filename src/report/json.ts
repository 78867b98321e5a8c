import { summarizeEhr } from './ehr-summary.js';
import type { EncounterDetail, RunReportData } from '../store/types.js';
import { inPlanOrder, summarizeRun, type RunSummary, type SummarizeOptions } from './aggregate.js';

/** A copy of a JSON-like value with every object's keys sorted, so free-form records print the same each time. */
export function sortKeysDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeysDeep);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) out[key] = sortKeysDeep((value as Record<string, unknown>)[key]);
    return out;
  }
  return value;
}

// Fixed field order for the known shapes; the free-form records (config, versions, scores) are sorted.
function encounterJson(e: EncounterDetail): Record<string, unknown> {
  return {
    id: e.id,
    runId: e.runId,
    ordinal: e.ordinal,
    caseId: e.caseId,
    specialty: e.specialty,
    difficulty: e.difficulty,
    diagnosis: e.diagnosis,
    doctor: e.doctor,
    protocol: e.protocol,
    seed: e.seed,
    status: e.status,
    endReason: e.endReason,
    verdict: e.verdict,
    cost: e.cost,
    turns: e.turns,
    startedAt: e.startedAt,
    finishedAt: e.finishedAt,
    scores: sortKeysDeep(e.scores),
  };
}

/** The JSON document for a run from an already computed summary. */
export function renderJsonSummary(data: RunReportData, summary: RunSummary): string {
  const { run } = data;
  const ehr = summarizeEhr(data);
  const doc = {
    run: {
      id: run.id,
      createdAt: run.createdAt,
      updatedAt: run.updatedAt,
      status: run.status,
      total: run.total,
      config: sortKeysDeep(run.config),
      versions: sortKeysDeep(run.versions),
    },
    summary,
    ...(ehr.length ? { ehr } : {}),
    encounters: inPlanOrder(data.encounters).map(encounterJson),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/** Renders a run as pretty JSON: `{ run, summary, encounters }`, encounters without their events, keys in a stable order. */
export function renderJson(data: RunReportData, options: SummarizeOptions = {}): string {
  return renderJsonSummary(data, summarizeRun(data, options));
}
