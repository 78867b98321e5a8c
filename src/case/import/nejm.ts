import type { CaseInput } from '../schema.js';
import { FACT_CATEGORIES } from '../schema.js';
import { EXAM_ALIASES } from '../exam-targets.js';
import { containsPhrase } from '../../util/text.js';
import { parseDemographics } from './demographics.js';
import { caseId, diagnosisOf, importedSource, type MapContext, type MappedLine } from './mapped-line.js';
import { topicsIn } from './topics.js';
import { isRecord, sentence, slugify, splitSentences } from './text.js';

type Fact = NonNullable<CaseInput['facts']>[number];
type Category = (typeof FACT_CATEGORIES)[number];

const KNOWN = new Set(['image_url', 'question', 'patient_info', 'physical_exams', 'answers', 'type']);

// Exam words too common in other senses to route a sentence by ("back", "power", "face"...).
const WEAK = new Set(['back', 'power', 'face', 'pr', 'gi', 'chest', 'head', 'hands', 'arms', 'legs', 'feet', 'nodes', 'glands', 'growth']);

/** The exam targets a sentence of a free-text examination speaks about. */
function targetsOf(text: string): string[] {
  const out: string[] = [];
  for (const [target, aliases] of Object.entries(EXAM_ALIASES)) {
    if ([target, ...aliases].some((a) => !WEAK.has(a) && containsPhrase(text, a))) out.push(target);
  }
  if (out.length === 0 && containsPhrase(text, 'chest')) out.push('respiratory');
  return out;
}

/** Maps one AgentClinic NEJM (or NEJM-extended) line to a case: the correct answer is the diagnosis, the others the differential. */
export function mapNejm(data: Record<string, unknown>, ctx: MapContext): MappedLine {
  const out: MappedLine = { format: 'nejm', unmapped: [], localTests: [], problems: [] };
  const keep: Record<string, unknown> = {};
  for (const k of Object.keys(data)) if (!KNOWN.has(k)) { out.unmapped.push(k); keep[k] = data[k]; }
  const info = typeof data.patient_info === 'string' ? data.patient_info.trim() : '';
  if (!info) out.problems.push('patient_info is missing or not text');
  const answers = Array.isArray(data.answers) ? data.answers.filter(isRecord) : [];
  const correct = answers.filter((a) => a.correct === true && typeof a.text === 'string');
  if (correct.length !== 1) out.problems.push(`answers must mark exactly one option correct (found ${correct.length})`);
  const demo = parseDemographics(splitSentences(info)[0] ?? '');
  const demoAll = demo.value ? demo : parseDemographics(info);
  if (info && !demoAll.value) out.problems.push(`patient_info gives no ${demoAll.missing.join(' or ')}`);
  if (out.problems.length || !demoAll.value) return out;

  // One fact per topic the history speaks about; sentences naming no topic stay with the opening complaint.
  const sentences = splitSentences(info);
  const facts: Fact[] = [];
  const byTopic = new Map<string, Fact>();
  const opening: Fact = { id: 'chief-complaint', category: 'history', topic: 'chief complaint', aliases: ['history of present illness', 'onset', 'duration'], answer: '' };
  facts.push(opening);
  sentences.forEach((s, i) => {
    const topics = topicsIn(s, ctx.vocabulary);
    if (i === 0 || topics.length === 0) {
      opening.answer = opening.answer ? `${opening.answer} ${s}` : s;
      if (i === 0) opening.aliases = [...new Set([...opening.aliases!, ...topics.map((t) => t.topic)])];
      return;
    }
    const main = topics[0];
    const existing = byTopic.get(main.topic);
    if (existing) {
      existing.answer = `${existing.answer} ${s}`;
      existing.aliases = [...new Set([...existing.aliases!, ...topics.slice(1).map((t) => t.topic)])];
      return;
    }
    const category: Category = FACT_CATEGORIES.includes(main.category as Category) ? (main.category as Category) : 'history';
    const f: Fact = { id: slugify(main.topic), category, topic: main.topic, aliases: topics.slice(1).map((t) => t.topic), answer: s };
    byTopic.set(main.topic, f);
    facts.push(f);
  });
  for (const f of facts) f.answer = sentence(f.answer);

  const exam = typeof data.physical_exams === 'string' ? data.physical_exams.trim() : '';
  if (data.physical_exams !== undefined && typeof data.physical_exams !== 'string') {
    out.unmapped.push('physical_exams');
    keep.physical_exams = data.physical_exams;
  }
  const examText = new Map<string, string[]>();
  for (const s of splitSentences(exam)) {
    const targets = targetsOf(s);
    for (const t of targets.length ? targets : ['general']) examText.set(t, [...(examText.get(t) ?? []), s]);
  }
  for (const [target, list] of examText) facts.push({ id: `exam-${target}`, category: 'exam', topic: target, aliases: [], answer: sentence(list.join(' ')) });

  const question = typeof data.question === 'string' ? data.question.trim() : '';
  const d = demoAll.value;
  const first = sentences[0];
  const child = d.ageUnit !== 'years' || d.age < 12;
  const dx = diagnosisOf(String(correct[0].text));
  out.case = {
    id: caseId(ctx, 'nejm'),
    title: first.length > 90 ? `${first.slice(0, 87).trimEnd()}...` : first.replace(/\.$/, ''),
    specialty: 'unspecified',
    tags: ['agentclinic', 'nejm', ...(Array.isArray(data.type) ? data.type.filter((t): t is string => typeof t === 'string').map((t) => slugify(t)) : [])],
    source: importedSource(ctx),
    patient: { age: d.age, age_unit: d.ageUnit, sex: d.sex, speaker: child ? 'parent' : 'self' },
    presentation: question ? `${sentence(first)} ${sentence(question)}` : sentence(first),
    facts,
    results: {},
    diagnosis: dx,
    differential: answers.filter((a) => a !== correct[0] && typeof a.text === 'string').map((a) => String(a.text).trim()),
    extra: {
      icd10_unknown: true,
      agentclinic: { format: 'nejm', line: ctx.line },
      ...(typeof data.image_url === 'string' ? { image_url: data.image_url } : {}),
      ...(question ? { question } : {}),
      ...(data.type !== undefined ? { type: data.type } : {}),
      ...(Object.keys(keep).length ? { unmapped: keep } : {}),
    },
  };
  return out;
}
