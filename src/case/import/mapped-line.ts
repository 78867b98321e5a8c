import type { Catalog } from '../catalog.js';
import type { CaseInput } from '../schema.js';
import type { Vocabulary } from '../vocabulary.js';

/** What one AgentClinic line became: a case (unless skipped) and what could not be carried over. */
export interface MappedLine {
  format: 'medqa' | 'nejm' | 'diagnosisarena' | 'healthbench';
  case?: CaseInput;
  /** Field paths that had no place in a Rounds case (kept under `extra.unmapped`). */
  unmapped: string[];
  /** Field paths of tests kept as free-text `local:*` tests because the catalog has no such test. */
  localTests: string[];
  /** Why the line was skipped; empty when a case was made. */
  problems: string[];
  /** Source fields or sentences left out of the case on purpose, each with its reason. */
  dropped?: Array<{ path: string; reason: string }>;
  /** What the line became, counted per case field ("facts.symptom", "results.catalog", "media"...). */
  counts?: Record<string, number>;
  /** Values the importer had to infer, said in the report ("sex from the history's pronouns"). */
  inferred?: string[];
}

/** Counts a case's fields for the import report: facts per category, results (catalog, local, flagged), media. */
export function countFields(kase: CaseInput): Record<string, number> {
  const c: Record<string, number> = {};
  const inc = (k: string, n = 1) => {
    if (n) c[k] = (c[k] ?? 0) + n;
  };
  for (const f of kase.facts ?? []) inc(`facts.${f.category}`);
  for (const [id, r] of Object.entries(kase.results ?? {})) {
    inc(id.startsWith('local:') ? 'results.local' : 'results.catalog');
    const flags = (r.flag ? 1 : 0) + Object.values(r.components ?? {}).filter((x) => x.flag).length;
    inc('results.flagged values', flags);
    inc('results.components', Object.keys(r.components ?? {}).length);
  }
  inc('differential', kase.differential?.length ?? 0);
  inc('media', ((kase as { media?: unknown[] }).media ?? []).length);
  return c;
}

/** Everything a line mapper needs besides the line itself. */
export interface MapContext {
  catalog: Catalog;
  vocabulary: Vocabulary;
  /** The file name, recorded as `source.dataset`. */
  dataset: string;
  /** 1-based line number in the file; part of the case id. */
  line: number;
  /** Licence as given by the user; "see source dataset" otherwise. */
  license?: string;
  /** Replaces `agentclinic-<format>` in case ids, so two files can share a folder. */
  idPrefix?: string;
}

/** The ICD-10-CM code written when the source gives none: R69, illness unspecified. */
export const UNKNOWN_ICD10 = 'R69';

/** The `source` block of an imported case. */
export function importedSource(ctx: MapContext): CaseInput['source'] {
  return { kind: 'imported', author: 'AgentClinic', dataset: ctx.dataset, license: ctx.license ?? 'see source dataset' };
}

/**
 * The case id for a line: `agentclinic-medqa-<line>`, or `agentclinic-medqa-ext-<line>` for
 * a file named "...extended...", so AgentClinic's base and extended files can share a suite.
 */
export function caseId(ctx: MapContext, format: MappedLine['format']): string {
  const ext = /extended/i.test(ctx.dataset) ? '-ext' : '';
  return `${ctx.idPrefix ?? `agentclinic-${format}${ext}`}-${ctx.line}`;
}

/** Diagnosis names as given plus the form without a parenthesised abbreviation ("Myasthenia gravis (MG)"). */
export function diagnosisOf(name: string): { name: string; icd10: string; accept: string[] } {
  const clean = name.trim();
  const bare = clean
    .replace(/\s*\([^)]*\)\s*/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const inner = [...clean.matchAll(/\(([^)]+)\)/g)].map((m) => m[1].trim()).filter((s) => s.length > 1);
  const accept = [...new Set([bare, ...inner].filter((s) => s && s !== clean))];
  return { name: clean, icd10: UNKNOWN_ICD10, accept };
}
