import type { CaseInput } from '../schema.js';
import { FACT_CATEGORIES } from '../schema.js';
import { parseDemographics } from './demographics.js';
import { sentenceTargets } from './exam-sections.js';
import { parseFindingsText, TEST_WORDS } from './findings-text.js';
import { caseId, diagnosisOf, importedSource, type MapContext, type MappedLine } from './mapped-line.js';
import { cleanRolePlay, stripMarkdown } from './role-play.js';
import { topicsIn } from './topics.js';
import { isRecord, sentence, slugify, splitSentences } from './text.js';

type Fact = NonNullable<CaseInput['facts']>[number];
type Category = (typeof FACT_CATEGORIES)[number];

const KNOWN = new Set(['image_url', 'question', 'patient_info', 'physical_exams', 'answers', 'type']);

// A vignette sentence that reports the examination ("On physical examination, ...", "Lung examination revealed ...").
const EXAM_START =
  /\b(physical examination|physical exam|on examination|at (?:the )?(?:first |initial )?examination|examination (?:showed|revealed|was notable|was normal|was unremarkable|of the)|(?:lung|abdominal|cardiac|skin|neurologic\w*|ophthalmologic\w*|ophthalmic|pelvic|rectal|dermatologic\w*|otoscopic|fundoscopic|funduscopic|slit-lamp|genital|breast|musculoskeletal) exam\w*|on auscultation|auscultation)\b/i;
// Figure pointers that only make sense beside the journal's image ("(left)", "(arrows)", "(right, hematoxylin and eosin stain)").
const FIGURE_REF = /\s*\((?:left|right|middle|center|centre|top|bottom|upper|lower|inset|arrows?|arrowheads?|asterisks?|shown|panels? [a-z])\b[^()]*\)/gi;
// A sentence that only points at the image.
const SHOWN = /\b(is|are) shown\b|\bshown here\b|\b(results|findings) are shown\b/i;

/** The vignette split: its opening, examination sentences, test sentences, and the closing question. */
function readVignette(question: string): { opening?: string; exam: string[]; tests: string[]; ask?: string; dropped: string[] } {
  const sentences = splitSentences(stripMarkdown(question).replace(FIGURE_REF, ''));
  const out: { opening?: string; exam: string[]; tests: string[]; ask?: string; dropped: string[] } = { exam: [], tests: [], dropped: [] };
  if (sentences.length && /\?$/.test(sentences[sentences.length - 1])) out.ask = sentences.pop();
  if (sentences.length === 0) return out;
  out.opening = sentences[0];
  let inExam = EXAM_START.test(sentences[0]);
  if (inExam) out.exam.push(sentences[0]);
  for (const s of sentences.slice(1)) {
    if (SHOWN.test(s)) {
      out.dropped.push(s);
      continue;
    }
    if (EXAM_START.test(s)) {
      inExam = true;
      out.exam.push(s);
      continue;
    }
    if (TEST_WORDS.test(s)) {
      inExam = false;
      out.tests.push(s);
      continue;
    }
    if (inExam) out.exam.push(s);
  }
  return out;
}

/** An exam finding told to the patient ("During a physical examination, it was noted that there were fine crackles in your lungs") as the examiner would say it. */
function asFinding(told: string): string {
  const t = told
    .replace(/^(?:during (?:a|the|your) (?:physical )?exam(?:ination)?|on (?:physical )?exam(?:ination)?|upon exam(?:ination)?),?\s*/i, '')
    .replace(/^(?:it was noted that|the doctor (?:noted|found|observed) that|the doctor (?:noted|found|observed))\s*/i, '')
    .replace(/\byour\b/gi, 'the')
    .replace(/\byou\b/gi, 'the patient');
  return t ? sentence(t[0].toUpperCase() + t.slice(1)) : '';
}

/**
 * Maps one AgentClinic NEJM (or NEJM-extended) line to a case: the correct answer is the
 * diagnosis, the others the differential. The doctor's brief is the vignette's opening
 * sentence and its closing question, as AgentClinic's doctor gets the question; the
 * patient's facts come from `patient_info` with the role-play instructions and markdown
 * removed, in the patient's own voice; `physical_exams` (mostly test readings) and the
 * vignette's test sentences become results of the tests they name, its examination
 * sentences exam findings by region; the image becomes `media`, shown on request.
 */
export function mapNejm(data: Record<string, unknown>, ctx: MapContext): MappedLine {
  const out: MappedLine = { format: 'nejm', unmapped: [], localTests: [], problems: [], dropped: [] };
  const dropped = out.dropped!;
  const keep: Record<string, unknown> = {};
  for (const k of Object.keys(data))
    if (!KNOWN.has(k)) {
      out.unmapped.push(k);
      keep[k] = data[k];
    }
  const info = typeof data.patient_info === 'string' ? data.patient_info.trim() : '';
  if (!info) out.problems.push('patient_info is missing or not text');
  const answers = Array.isArray(data.answers) ? data.answers.filter(isRecord) : [];
  const correct = answers.filter((a) => a.correct === true && typeof a.text === 'string');
  if (correct.length !== 1) out.problems.push(`answers must mark exactly one option correct (found ${correct.length})`);
  const question = typeof data.question === 'string' ? data.question.trim() : '';
  const vignette = readVignette(question);
  const story = cleanRolePlay(info);
  const narrative = `${question} ${info}`;
  const firstItem = story.items[0]?.text ?? '';
  // The vignette speaks of the patient; the story may be told by a parent ("I am the mother of...").
  const demo =
    [
      parseDemographics(vignette.opening ?? ''),
      parseDemographics(vignette.opening ?? '', question),
      parseDemographics(firstItem),
      parseDemographics(info),
    ].find((d) => d.value) ?? parseDemographics(vignette.opening ?? firstItem, narrative);
  if (info && !demo.value) out.problems.push(`patient_info gives no ${demo.missing.join(' or ')}`);
  if (out.problems.length || !demo.value) return out;
  if (demo.from?.length) out.inferred = demo.from.map((f) => (f === 'sex' ? 'sex from the pronouns of the story' : f === 'age' ? 'age from the story' : f));
  for (const d of story.dropped) dropped.push({ path: 'patient_info', reason: `${d.reason}: "${d.text}"` });

  // One fact per topic the story speaks about; items naming no topic stay with the opening complaint.
  const facts: Fact[] = [];
  const byTopic = new Map<string, Fact>();
  const opening: Fact = {
    id: 'chief-complaint',
    category: 'history',
    topic: 'chief complaint',
    aliases: ['history of present illness', 'onset', 'duration'],
    answer: '',
  };
  facts.push(opening);
  story.items.forEach((item, i) => {
    const topics = topicsIn(`${item.label ?? ''} ${item.text}`, ctx.vocabulary);
    if (i === 0 || topics.length === 0) {
      opening.answer = opening.answer ? `${opening.answer} ${item.text}` : item.text;
      if (i === 0) opening.aliases = [...new Set([...opening.aliases!, ...topics.map((t) => t.topic)])];
      return;
    }
    const main = topics[0];
    const existing = byTopic.get(main.topic);
    if (existing) {
      existing.answer = `${existing.answer} ${item.text}`;
      existing.aliases = [...new Set([...existing.aliases!, ...topics.slice(1).map((t) => t.topic)])].filter((a) => a !== existing.topic);
      return;
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
      answer: item.text,
    };
    byTopic.set(main.topic, f);
    facts.push(f);
  });
  for (const f of facts) f.answer = sentence(f.answer);
  if (!opening.answer.replace(/\.$/, '')) {
    facts.shift();
  }

  // Tests: physical_exams first; the vignette's test sentences fill what it lacks.
  const examText = typeof data.physical_exams === 'string' ? data.physical_exams.trim() : '';
  if (data.physical_exams !== undefined && typeof data.physical_exams !== 'string') {
    out.unmapped.push('physical_exams');
    keep.physical_exams = data.physical_exams;
  }
  const readings = parseFindingsText({ text: examText, catalog: ctx.catalog });
  for (const d of readings.dropped)
    dropped.push({ path: 'physical_exams', reason: `${d.reason}: "${d.text.length > 80 ? `${d.text.slice(0, 77)}...` : d.text}"` });
  const fromVignette = parseFindingsText({ text: vignette.tests.join(' '), catalog: ctx.catalog, sentences: true });
  const results = { ...readings.results };
  for (const [id, r] of Object.entries(fromVignette.results)) {
    if (results[id]) continue;
    // With readings given, a vignette sentence that names no catalog test only summarises them.
    if (readings.mapped > 0 && id.startsWith('local:')) {
      dropped.push({ path: 'question', reason: `summarises readings given in physical_exams: "${r.text ?? id}"` });
      continue;
    }
    results[id] = r;
  }
  for (const s of vignette.dropped) dropped.push({ path: 'question', reason: `points at the image: "${s}"` });
  out.localTests = Object.keys(results)
    .filter((k) => k.startsWith('local:'))
    .map((k) => `physical_exams:${k}`);

  // Examination: the vignette's exam sentences, bedside findings in physical_exams, and findings told to the patient.
  const examSentences: string[] = [];
  for (const s of [...vignette.exam, ...readings.exam, ...fromVignette.exam]) {
    const n = s.toLowerCase().replace(/[^a-z0-9 ]/g, '');
    if (
      !examSentences.some((e) =>
        e
          .toLowerCase()
          .replace(/[^a-z0-9 ]/g, '')
          .includes(n),
      )
    )
      examSentences.push(s);
  }
  if (examSentences.length === 0) examSentences.push(...story.examTold.map(asFinding).filter(Boolean));
  else for (const t of story.examTold) dropped.push({ path: 'patient_info', reason: `an exam finding told to the patient, examined instead: "${t}"` });
  const byTarget = new Map<string, string[]>();
  for (const s of examSentences) for (const t of sentenceTargets(s)) byTarget.set(t, [...(byTarget.get(t) ?? []), s]);
  for (const [target, list] of byTarget)
    facts.push({ id: `exam-${target}`, category: 'exam', topic: target, aliases: [], answer: sentence([...new Set(list)].join(' ')) });

  const d = demo.value;
  const first = vignette.opening ?? firstItem;
  const child = d.ageUnit !== 'years' || d.age < 12;
  const dx = diagnosisOf(String(correct[0].text));
  const ask = vignette.ask ?? 'What is the most likely diagnosis?';
  const image = typeof data.image_url === 'string' && data.image_url.trim() ? data.image_url.trim() : undefined;
  const kase: CaseInput & { media?: unknown[] } = {
    id: caseId(ctx, 'nejm'),
    title: first.length > 90 ? `${first.slice(0, 87).trimEnd()}...` : first.replace(/\.$/, ''),
    specialty: 'unspecified',
    tags: ['agentclinic', 'nejm', ...(Array.isArray(data.type) ? data.type.filter((t): t is string => typeof t === 'string').map((t) => slugify(t)) : [])],
    source: importedSource(ctx),
    patient: { age: d.age, age_unit: d.ageUnit, sex: d.sex, speaker: child ? 'parent' : 'self' },
    presentation: `${sentence(first)} ${sentence(ask)}`,
    facts,
    results,
    // Diagnosis from the source's correct answer (ICD-10 code unknown until inferred).
    diagnosis: dx,
    differential: answers.filter((a) => a !== correct[0] && typeof a.text === 'string').map((a) => String(a.text).trim()),
    ...(image
      ? {
          media: [
            {
              id: 'image-1',
              ...(/^(https?:|data:)/i.test(image) ? { url: image } : { path: image }),
              caption: 'The image published with the case.',
              revealed: 'on-request',
            },
          ],
        }
      : {}),
    extra: {
      icd10_unknown: true,
      agentclinic: { format: 'nejm', line: ctx.line },
      ...(image ? { image_url: image } : {}),
      ...(question ? { question } : {}),
      ...(data.type !== undefined ? { type: data.type } : {}),
      ...(out.inferred ? { inferred: out.inferred } : {}),
      ...(Object.keys(keep).length ? { unmapped: keep } : {}),
    },
  };
  out.case = kase;
  return out;
}
