import type { CaseInput } from '../schema.js';
import type { TopicEntry } from '../vocabulary.js';
import { FACT_CATEGORIES } from '../schema.js';
import { normalize } from '../../util/text.js';
import { parseDemographics } from './demographics.js';
import { mapExam } from './exam-findings.js';
import { mapTests } from './map-tests.js';
import { isManagementKey, stripManagement } from './management.js';
import { caseId, diagnosisOf, importedSource, type MapContext, type MappedLine } from './mapped-line.js';
import { topicsIn } from './topics.js';
import { flattenValue, humanize, isRecord, sentence, slugify } from './text.js';

type Fact = NonNullable<CaseInput['facts']>[number];
type Category = (typeof FACT_CATEGORIES)[number];

// Patient_Actor fields with a fixed place: category, topic (undefined: "<field> history" with the topics found as aliases).
const FIELDS: Array<[RegExp, Category, string | undefined, string[]]> = [
  [
    /^(history|history_of_present_illness|hpi|present_illness)$/,
    'history',
    'chief complaint',
    ['history of present illness', 'onset', 'duration', 'progression'],
  ],
  [/^past_medical_history$|^medical_history$/, 'pmh', 'past medical history', []],
  [/surgical/, 'pmh', 'surgical history', []],
  [/^social_history$/, 'social', 'social history', []],
  [/family/, 'family', 'family history', []],
  [/medication|drug_history|current_treatment/, 'medication', 'medications', []],
  [/allerg/, 'allergy', 'allergies', []],
  [/review_of_systems|^ros$/, 'ros', 'review of systems', []],
  [/obstetric|gynecolog|gynaecolog/, 'history', 'obstetric history', []],
  [/menstrual/, 'history', 'last menstrual period', []],
  [/immuni[sz]ation|vaccin/, 'history', 'vaccinations', []],
  [/travel/, 'social', 'travel', []],
  [/sexual/, 'social', 'sexual history', []],
  [/occupation/, 'social', 'occupation', []],
  [/developmental/, 'history', 'development', []],
  [/birth|perinatal|neonatal/, 'history', 'birth history', []],
  [/diet|nutrition/, 'social', 'diet', []],
];

const KNOWN_OSCE = new Set(['Objective_for_Doctor', 'Patient_Actor', 'Physical_Examination_Findings', 'Test_Results', 'Correct_Diagnosis']);

/** A fact for one symptom string: its canonical topic where the vocabulary names one, the text otherwise. */
function symptomFact(id: string, text: string, topics: TopicEntry[], exact: TopicEntry | undefined): Fact {
  const topic = exact?.topic ?? topics[0]?.topic ?? normalize(text);
  const aliases = [...new Set([...topics.map((t) => t.topic), normalize(text)])].filter((a) => a && a !== topic);
  return { id, category: 'symptom', topic, aliases, answer: sentence(text) };
}

/** Maps one AgentClinic MedQA (or MedQA-extended) OSCE line to a case. */
export function mapMedQA(data: Record<string, unknown>, ctx: MapContext): MappedLine {
  const out: MappedLine = { format: 'medqa', unmapped: [], localTests: [], problems: [] };
  const osce = data.OSCE_Examination;
  if (!isRecord(osce)) {
    out.problems.push('OSCE_Examination is not an object');
    return out;
  }
  const keep: Record<string, unknown> = {};
  const dropped = (out.dropped ??= []);
  for (const k of Object.keys(data))
    if (k !== 'OSCE_Examination') {
      out.unmapped.push(k);
      keep[k] = data[k];
    }
  for (const k of Object.keys(osce)) {
    if (KNOWN_OSCE.has(k)) continue;
    // Management and follow-up text is not even kept aside: it would reach whoever reads the case file.
    if (isManagementKey(k)) {
      dropped.push({ path: `OSCE_Examination.${k}`, reason: 'management or follow-up text' });
      continue;
    }
    out.unmapped.push(`OSCE_Examination.${k}`);
    keep[`OSCE_Examination.${k}`] = osce[k];
  }

  const dx = typeof osce.Correct_Diagnosis === 'string' ? osce.Correct_Diagnosis.trim() : '';
  if (!dx) out.problems.push('OSCE_Examination.Correct_Diagnosis is missing or not text');
  const actor = isRecord(osce.Patient_Actor) ? osce.Patient_Actor : undefined;
  if (!actor) out.problems.push('OSCE_Examination.Patient_Actor is missing or not an object');
  const demoText = actor && typeof actor.Demographics === 'string' ? actor.Demographics : '';
  // The history and the doctor's brief fill what Demographics lacks ("45 years old" + "He reports...").
  const narrative = actor
    ? [actor.History, actor.History_of_Present_Illness, osce.Objective_for_Doctor, actor.Past_Medical_History, actor.Social_History]
        .map(flattenValue)
        .filter(Boolean)
        .join(' ')
    : '';
  const demo = parseDemographics(demoText, narrative);
  if (demo.from?.length) out.inferred = demo.from.map((f) => (f === 'sex' ? 'sex from the pronouns of the history' : f === 'age' ? 'age from the history' : f));
  if (actor && !demo.value) out.problems.push(`Patient_Actor.Demographics ${demoText ? `"${demoText}" gives no ${demo.missing.join(' or ')}` : 'is missing'}`);
  if (out.problems.length || !actor || !demo.value) return out;

  const facts: Fact[] = [];
  const ids = new Set<string>();
  const push = (f: Fact) => {
    let id = f.id;
    for (let n = 2; ids.has(id); n++) id = `${f.id}-${n}`;
    ids.add(id);
    facts.push({ ...f, id });
  };
  let primary = '';
  for (const [key, value] of Object.entries(actor)) {
    const path = `OSCE_Examination.Patient_Actor.${key}`;
    if (key === 'Demographics') continue;
    // "Treatment" and "Therapy" in the patient's own fields are what they take; plans are left out.
    if (isManagementKey(key) && !/^(treatment|therapy)$/i.test(key)) {
      dropped.push({ path, reason: 'management or follow-up text' });
      continue;
    }
    if (key === 'Symptoms' && isRecord(value)) {
      for (const [sk, sv] of Object.entries(value)) {
        const list = Array.isArray(sv) ? sv : [sv];
        list.forEach((item, i) => {
          const text = flattenValue(item);
          if (!text) return;
          if (sk === 'Primary_Symptom' && !primary) primary = text;
          const base = sk === 'Primary_Symptom' ? 'primary-symptom' : sk === 'Secondary_Symptoms' ? 'secondary-symptom' : slugify(humanize(sk));
          push(
            symptomFact(
              list.length > 1 || sk === 'Secondary_Symptoms' ? `${base}-${i + 1}` : base,
              text,
              topicsIn(text, ctx.vocabulary),
              ctx.vocabulary.lookup(text),
            ),
          );
        });
      }
      continue;
    }
    const stripped = stripManagement(flattenValue(value));
    if (stripped.removed) dropped.push({ path, reason: `${stripped.removed} management or follow-up sentence${stripped.removed === 1 ? '' : 's'} left out` });
    const text = stripped.text;
    if (!text) {
      if (stripped.removed) continue;
      out.unmapped.push(path);
      keep[path] = value;
      continue;
    }
    const found = topicsIn(text, ctx.vocabulary);
    const rule = FIELDS.find(([re]) => re.test(key.toLowerCase()));
    const category: Category = rule?.[1] ?? (FACT_CATEGORIES.includes(found[0]?.category as Category) ? (found[0].category as Category) : 'other');
    const topic = rule?.[2] ?? found[0]?.topic ?? normalize(humanize(key));
    // The history narrative keeps only timing aliases: with every topic it mentions it would answer every question.
    const aliases = rule?.[3].length ? rule[3] : found.map((t) => t.topic);
    push({ id: slugify(humanize(key)), category, topic, aliases: [...new Set(aliases)].filter((a) => a !== topic), answer: sentence(text) });
  }

  const exam = osce.Physical_Examination_Findings;
  if (isRecord(exam)) {
    for (const f of mapExam(exam, 'OSCE_Examination.Physical_Examination_Findings', out)) push(f);
  } else if (exam !== undefined) {
    out.unmapped.push('OSCE_Examination.Physical_Examination_Findings');
    keep['OSCE_Examination.Physical_Examination_Findings'] = exam;
  }

  const tests = mapTests({ tests: osce.Test_Results, catalog: ctx.catalog, path: 'OSCE_Examination.Test_Results' });
  out.localTests = tests.localTests;
  dropped.push(...tests.dropped);
  if (osce.Test_Results !== undefined && !isRecord(osce.Test_Results)) {
    out.unmapped.push('OSCE_Examination.Test_Results');
    keep['OSCE_Examination.Test_Results'] = osce.Test_Results;
  }

  const d = demo.value;
  const objective = typeof osce.Objective_for_Doctor === 'string' ? osce.Objective_for_Doctor.trim() : '';
  const who = demoText.trim().replace(/\.$/, '') + (demo.from?.includes('sex') ? `, ${d.sex}` : '');
  const presentation = objective ? `${sentence(who)} ${sentence(objective)}` : sentence(`${who}${primary ? ` presenting with ${primary.toLowerCase()}` : ''}`);
  const child = d.ageUnit !== 'years' || d.age < 12;
  out.case = {
    id: caseId(ctx, 'medqa'),
    title: primary ? `${who} with ${primary.replace(/\.$/, '').toLowerCase()}` : who,
    specialty: 'unspecified',
    tags: ['agentclinic', 'medqa'],
    source: importedSource(ctx),
    patient: { age: d.age, age_unit: d.ageUnit, sex: d.sex, speaker: child ? 'parent' : 'self' },
    presentation,
    facts,
    results: tests.results,
    diagnosis: diagnosisOf(dx),
    // Diagnosis from Correct_Diagnosis (ICD-10 code unknown until inferred).
    extra: {
      icd10_unknown: true,
      agentclinic: { format: 'medqa', line: ctx.line },
      ...(out.inferred ? { inferred: out.inferred } : {}),
      ...(Object.keys(keep).length ? { unmapped: keep } : {}),
    },
  };
  return out;
}
