import { existsSync } from 'node:fs';
import { loadCatalog, type Catalog } from '../catalog.js';
import { loadVocabulary, type Vocabulary } from '../vocabulary.js';
import type { LoadedCase } from '../load.js';
import { ConfigError, type CaseProblem } from '../../util/errors.js';
import { mapMedQA } from './medqa.js';
import { mapNejm } from './nejm.js';
import { isRecord } from './text.js';
import { type MapContext, type MappedLine } from './mapped-line.js';
import { importRecordsFile, type RecordsImport } from './records-file.js';
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
export type AgentClinicImport = RecordsImport;

/** Reads an AgentClinic JSONL file (one JSON object per line) and maps every line; never throws for bad content. */
export function importAgentClinicFile(input: {
  file: string;
  catalog: Catalog;
  vocabulary: Vocabulary;
  license?: string;
  idPrefix?: string;
}): AgentClinicImport {
  return importRecordsFile({ ...input, map: mapAgentClinicLine });
}

/** Loads an AgentClinic file as a suite (`--suite agentclinic:<file>`); skipped lines come back as problems. */
export function loadAgentClinicSuite(file: string): { cases: LoadedCase[]; problems: CaseProblem[] } {
  if (!existsSync(file)) throw new ConfigError(`AgentClinic file ${file} does not exist; give the path after "agentclinic:".`);
  const r = importAgentClinicFile({ file, catalog: loadCatalog(), vocabulary: loadVocabulary() });
  return { cases: r.cases, problems: r.skipped };
}
