import type { Catalog } from '../catalog.js';
import type { Vocabulary } from '../vocabulary.js';
import type { CaseInput } from '../schema.js';
import { withInferredIcd10 } from './infer-code.js';
import { importRecordsFile, type RecordsImport } from './records-file.js';
import { FACT_CATEGORIES } from '../schema.js';
import { parseDemographics } from './demographics.js';
import { sentenceTargets } from './exam-sections.js';
import { parseFindingsText } from './findings-text.js';
import { diagnosisOf, type MapContext, type MappedLine } from './mapped-line.js';
import { stripMarkdown } from './role-play.js';
import { topicsIn } from './topics.js';
import { isRecord, sentence, slugify, splitSentences } from './text.js';

type Fact = NonNullable<CaseInput['facts']>[number];
type Category = (typeof FACT_CATEGORIES)[number];

/** DiagnosisArena's fields (its Hugging Face records), as the dataset card names them. */
const INFO = 'Case Information';
const EXAM = 'Physical Examination';
const TESTS = 'Diagnostic Tests';
const FINAL = 'Final Diagnosis';
const OPTIONS = 'Options';
const RIGHT = 'Right Option';
const KNOWN = new Set(['id', INFO, EXAM, TESTS, FINAL, OPTIONS, RIGHT]);

const FAMILY =
  /\bfamily history\b|\b(?:her|his|their|the patient's)\s+(?:mother|father|sister|brother|siblings?|parents?|grandmother|grandfather|aunt|uncle|cousin|twin)\b[^.]*\b(?:has|had|have|died|history|diagnosed|suffers?)\b/i;

const text = (v: unknown) => (typeof v === 'string' ? stripMarkdown(v).trim() : '');

/**
 * Maps one DiagnosisArena record to an interactive case. The case information's first sentence is the doctor's
 * brief; its other sentences become history facts by the topic they speak of (kept in the source's clinical
 * third person); physical-examination sentences become exam findings by body region; diagnostic tests become
 * results of the catalog tests they name (case-local tests otherwise). The final diagnosis is the truth, the other
 * options the differential; the code is inferred from the ICD-10-CM index where it leads to one code.
 */
export function mapDiagnosisArena(data: Record<string, unknown>, ctx: MapContext): MappedLine {
  const out: MappedLine = { format: 'diagnosisarena', unmapped: [], localTests: [], problems: [], dropped: [] };
  const keep: Record<string, unknown> = {};
  for (const k of Object.keys(data))
    if (!KNOWN.has(k)) {
      out.unmapped.push(k);
      keep[k] = data[k];
    }
  const info = text(data[INFO]);
  const final = text(data[FINAL]);
  if (!info) out.problems.push(`"${INFO}" is missing or not text`);
  if (!final) out.problems.push(`"${FINAL}" is missing or not text`);
  const sentences = splitSentences(info);
  const opening = sentences[0] ?? '';
  const demo = [parseDemographics(opening), parseDemographics(opening, info)].find((d) => d.value) ?? parseDemographics(opening, info);
  if (info && !demo.value) out.problems.push(`"${INFO}" gives no ${demo.missing.join(' or ')}`);
  if (out.problems.length || !demo.value) return out;
  if (demo.from?.length) out.inferred = demo.from.map((f) => (f === 'sex' ? 'sex from the pronouns of the case' : f === 'age' ? 'age from the case' : f));

  // History: one fact per topic; sentences naming no topic stay with the presenting complaint.
  const facts: Fact[] = [];
  const complaint: Fact = {
    id: 'chief-complaint',
    category: 'history',
    topic: 'chief complaint',
    aliases: ['history of present illness', 'onset', 'duration'],
    answer: '',
  };
  facts.push(complaint);
  const byTopic = new Map<string, Fact>();
  for (const s of sentences.slice(1)) {
    // A relative's illness is family history, whatever disease it names ("Her mother has hypothyroidism").
    const family = FAMILY.test(s) ? ctx.vocabulary.lookup('family history') : undefined;
    const found = topicsIn(s, ctx.vocabulary);
    const topics = family ? [{ topic: family.topic, category: 'family' }, ...found] : found;
    if (topics.length === 0) {
      complaint.answer = complaint.answer ? `${complaint.answer} ${s}` : s;
      continue;
    }
    const main = topics[0];
    const existing = byTopic.get(main.topic);
    if (existing) {
      existing.answer = `${existing.answer} ${s}`;
      continue;
    }
    const category: Category = FACT_CATEGORIES.includes(main.category as Category) ? (main.category as Category) : 'history';
    const f: Fact = {
      id: slugify(main.topic),
      category,
      topic: main.topic,
      aliases: topics
        .slice(1)
        .map((t) => t.topic)
        .filter((a) => a !== main.topic),
      answer: s,
    };
    byTopic.set(main.topic, f);
    facts.push(f);
  }
  // The opening sentence is also the complaint's first answer: asked "what brings you in", the patient says it.
  complaint.answer = sentence(complaint.answer ? `${opening} ${complaint.answer}` : opening);
  for (const f of facts) f.answer = sentence(f.answer);

  // Tests, then the examination (with any bedside findings the tests text holds).
  const tests = parseFindingsText({ text: text(data[TESTS]), catalog: ctx.catalog, sentences: true });
  for (const d of tests.dropped) out.dropped!.push({ path: TESTS, reason: `${d.reason}: "${d.text.length > 80 ? `${d.text.slice(0, 77)}...` : d.text}"` });
  out.localTests = Object.keys(tests.results)
    .filter((k) => k.startsWith('local:'))
    .map((k) => `${TESTS}:${k}`);
  const byTarget = new Map<string, string[]>();
  for (const s of [...splitSentences(text(data[EXAM])), ...tests.exam]) for (const t of sentenceTargets(s)) byTarget.set(t, [...(byTarget.get(t) ?? []), s]);
  for (const [target, list] of byTarget)
    facts.push({ id: `exam-${target}`, category: 'exam', topic: target, aliases: [], answer: sentence([...new Set(list)].join(' ')) });

  // Options: the right one (when it differs in wording from the final diagnosis) is accepted; the rest are the differential.
  const options = isRecord(data[OPTIONS]) ? (data[OPTIONS] as Record<string, unknown>) : {};
  const right = typeof data[RIGHT] === 'string' ? String(data[RIGHT]).trim() : '';
  const rightText = typeof options[right] === 'string' ? String(options[right]).trim() : undefined;
  const dx = diagnosisOf(final);
  if (rightText && rightText.toLowerCase() !== final.toLowerCase()) dx.accept = [...new Set([...dx.accept, rightText])];
  const differential = Object.entries(options)
    .filter(([k, v]) => k !== right && typeof v === 'string' && v.trim())
    .map(([, v]) => String(v).trim());

  const d = demo.value;
  const child = d.ageUnit !== 'years' || d.age < 12;
  const sourceId = typeof data.id === 'number' || typeof data.id === 'string' ? String(data.id) : String(ctx.line);
  out.case = {
    id: `${ctx.idPrefix ?? 'diagnosisarena'}-${slugify(sourceId) || ctx.line}`,
    title: opening.length > 90 ? `${opening.slice(0, 87).trimEnd()}...` : opening.replace(/\.$/, ''),
    specialty: 'unspecified',
    tags: ['diagnosisarena'],
    difficulty: 'hard',
    source: { kind: 'imported', author: 'DiagnosisArena', dataset: ctx.dataset, license: ctx.license ?? 'see source dataset' },
    patient: { age: d.age, age_unit: d.ageUnit, sex: d.sex, speaker: child ? 'parent' : 'self' },
    presentation: `${sentence(opening)} What is the most likely diagnosis?`,
    facts,
    results: tests.results,
    diagnosis: dx,
    differential,
    extra: {
      icd10_unknown: true,
      diagnosisarena: { id: sourceId, ...(right ? { right_option: right } : {}), ...(Object.keys(options).length ? { options } : {}) },
      ...(out.inferred ? { inferred: out.inferred } : {}),
      ...(Object.keys(keep).length ? { unmapped: keep } : {}),
    },
  };
  return out;
}

/** Reads a DiagnosisArena file (its JSON array, or JSON Lines) into cases; never throws for bad content. */
export function importDiagnosisArenaFile(input: {
  file: string;
  catalog: Catalog;
  vocabulary: Vocabulary;
  license?: string;
  idPrefix?: string;
}): RecordsImport {
  return importRecordsFile({
    ...input,
    map: (data, ctx) =>
      isRecord(data)
        ? withInferredIcd10(mapDiagnosisArena(data, ctx))
        : { format: 'diagnosisarena', unmapped: [], localTests: [], problems: ['is not a JSON object with DiagnosisArena fields'] },
  });
}
