import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { loadCatalog, type Catalog } from '../catalog.js';
import { loadVocabulary, type Vocabulary } from '../vocabulary.js';
import { Case } from '../schema.js';
import type { LoadedCase } from '../load.js';
import { ConfigError, type CaseProblem } from '../../util/errors.js';
import { formatPath } from '../source-file.js';
import { mapMedQA } from './medqa.js';
import { mapNejm } from './nejm.js';
import { isRecord } from './text.js';
import { countFields, type MapContext, type MappedLine } from './mapped-line.js';
import { withInferredIcd10 } from './infer-code.js';

export type { MappedLine, MapContext } from './mapped-line.js';

/** Maps one parsed AgentClinic JSON line (MedQA or NEJM shape, told apart by its fields) to a case. */
export function mapAgentClinicLine(data: unknown, ctx: MapContext): MappedLine {
  if (isRecord(data) && 'OSCE_Examination' in data) return withInferredIcd10(mapMedQA(data, ctx));
  if (isRecord(data) && ('patient_info' in data || 'answers' in data)) return withInferredIcd10(mapNejm(data, ctx));
  return {
    format: 'medqa',
    unmapped: [],
    localTests: [],
    problems: ['is neither an AgentClinic MedQA line (OSCE_Examination) nor a NEJM line (patient_info, answers)'],
  };
}

/** One imported file: the valid cases, the skipped lines with reasons, and counts for the summary. */
export interface AgentClinicImport {
  file: string;
  cases: LoadedCase[];
  skipped: CaseProblem[];
  /** Field path (line numbers dropped) -> how many lines had it unmapped. */
  unmapped: Map<string, number>;
  /** How many tests were kept as case-local tests. */
  localTests: number;
  lines: number;
  /** Case field -> how many the imported cases hold ("facts.symptom", "results.catalog", "media"...). */
  fields: Map<string, number>;
  /** Why source text was left out of the cases -> how many times. */
  dropped: Map<string, number>;
  /** What had to be inferred ("sex from the pronouns of the history") -> how many cases. */
  inferred: Map<string, number>;
}

/** Reads an AgentClinic JSONL file (one JSON object per line) and maps every line; never throws for bad content. */
export function importAgentClinicFile(input: {
  file: string;
  catalog: Catalog;
  vocabulary: Vocabulary;
  license?: string;
  idPrefix?: string;
}): AgentClinicImport {
  const { file } = input;
  const out: AgentClinicImport = {
    file,
    cases: [],
    skipped: [],
    unmapped: new Map(),
    localTests: 0,
    lines: 0,
    fields: new Map(),
    dropped: new Map(),
    inferred: new Map(),
  };
  const bump = (m: Map<string, number>, k: string, n = 1) => m.set(k, (m.get(k) ?? 0) + n);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    out.skipped.push({ file, path: '', message: `cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'})` });
    return out;
  }
  text.split('\n').forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === '') return;
    out.lines++;
    let data: unknown;
    try {
      data = JSON.parse(raw);
    } catch (e) {
      out.skipped.push({ file, line, path: '', message: `invalid JSON: ${(e as Error).message}` });
      return;
    }
    const mapped = mapAgentClinicLine(data, {
      catalog: input.catalog,
      vocabulary: input.vocabulary,
      dataset: basename(file),
      line,
      license: input.license,
      idPrefix: input.idPrefix,
    });
    for (const p of mapped.problems) out.skipped.push({ file, line, path: '', message: `skipped: ${p}` });
    if (!mapped.case) return;
    const parsed = Case.safeParse(mapped.case);
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        out.skipped.push({ file, line, path: formatPath(issue.path as PropertyKey[]), message: `skipped: the mapped case is invalid: ${issue.message}` });
      return;
    }
    for (const u of mapped.unmapped) out.unmapped.set(u, (out.unmapped.get(u) ?? 0) + 1);
    out.localTests += mapped.localTests.length;
    for (const [k, n] of Object.entries(countFields(parsed.data))) bump(out.fields, k, n);
    for (const d of mapped.dropped ?? []) bump(out.dropped, d.reason.replace(/: ".*$/s, ''));
    for (const i of mapped.inferred ?? []) bump(out.inferred, i);
    out.cases.push({ kase: parsed.data, file, line });
  });
  if (out.lines === 0) out.skipped.push({ file, path: '', message: 'is empty' });
  return out;
}

/** Loads an AgentClinic file as a suite (`--suite agentclinic:<file>`); skipped lines come back as problems. */
export function loadAgentClinicSuite(file: string): { cases: LoadedCase[]; problems: CaseProblem[] } {
  if (!existsSync(file)) throw new ConfigError(`AgentClinic file ${file} does not exist; give the path after "agentclinic:".`);
  const r = importAgentClinicFile({ file, catalog: loadCatalog(), vocabulary: loadVocabulary() });
  return { cases: r.cases, problems: r.skipped };
}
