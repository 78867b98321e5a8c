// `npm run bench:patient-examples`: the example questions at the top of issue 12,
// asked through the engine (the path every door uses) of shipped cases that hold
// the fact, with no topic hints. Prints a Markdown table: question -> old reply
// (as the issue quotes it) -> the reply now, and whether it gives the case's fact.
// A second table asks each question of every shipped case that holds a fact on
// its subject, and counts how often the reply gives that fact, denies it or says
// it did not understand.
//
//   npm run bench:patient-examples
import { loadCases } from '../src/case/load.js';
import { loadCatalog } from '../src/case/catalog.js';
import type { Case, Fact } from '../src/case/schema.js';
import { deterministicActors } from '../src/actors/deterministic.js';
import { startEncounter } from '../src/encounter/engine.js';
import { PROTOCOL_PRESETS } from '../src/encounter/protocol.js';
import { isNegativeAnswer } from '../src/util/text.js';

interface Example {
  question: string;
  /** Earlier questions of the same encounter (a follow-up needs its complaint). */
  before?: string[];
  old: string;
  case: string;
  /** The fact ids that answer it on that case (every one, for a compound). */
  expect: string[];
  /** Which facts of any shipped case answer the question, for the sweep; absent = no sweep. */
  sweep?: (f: Fact, k: Case) => boolean;
}

const DENIAL = 'a denial (the issue lists it under "denies facts the case holds" without quoting the text)';
const held = (topics: string[]) => (f: Fact) => topics.includes(f.topic) && !isNegativeAnswer(f.answer);
const EXAMPLES: Example[] = [
  {
    question: 'What brings you in today?',
    old: '"No, I haven\'t noticed anything like that." (every case tried)',
    case: 'cardio-stemi-inferior-001',
    expect: ['chest-pain'],
  },
  { question: 'How can I help?', old: 'a denial, as above', case: 'neuro-sah-001', expect: ['headache'] },
  { question: "Tell me what's been happening", old: 'a denial, as above', case: 'peds-croup-001', expect: ['cough'] },
  { question: 'Are you short of breath?', old: DENIAL, case: 'cardio-afib-rvr-001', expect: ['sob'], sweep: held(['shortness of breath']) },
  { question: 'Have you lost weight?', old: DENIAL, case: 'cardio-endocarditis-001', expect: ['weight-loss'], sweep: held(['weight loss']) },
  { question: 'Any ringing in your ears?', old: DENIAL, case: 'tox-salicylate-001', expect: ['tinnitus'], sweep: held(['tinnitus']) },
  { question: 'Any blood when you pee?', old: DENIAL, case: 'neph-adpkd-71', expect: ['hematuria'], sweep: held(['hematuria']) },
  { question: 'Is your skin itchy?', old: DENIAL, case: 'derm-bullous-pemphigoid-70', expect: ['itch'], sweep: held(['itching']) },
  {
    question: 'Any medical problems?',
    old: `${DENIAL}, to a woman with 15 years of type 2 diabetes`,
    case: 'cardio-nstemi-diabetic-001',
    expect: ['pmh'],
    sweep: (f) => f.category === 'pmh' && f.topic !== 'surgical history' && !isNegativeAnswer(f.answer),
  },
  {
    question: 'Do you take any medications?',
    old: `${DENIAL}, to patients on five drugs`,
    case: 'neph-ckd-71',
    expect: ['meds'],
    sweep: (f) => f.category === 'medication' && !isNegativeAnswer(f.answer),
  },
  { question: 'Do you drink?', old: `${DENIAL}, to a patient drinking five a day`, case: 'psych-ptsd-70', expect: ['alcohol'], sweep: held(['alcohol']) },
  {
    question: 'How bad is the pain out of 10?',
    before: ['What brings you in today?'],
    old: '"No, I haven\'t had any pain severity."',
    case: 'cardio-stemi-inferior-001',
    expect: ['severity'],
  },
  {
    question: 'How long has this been going on?',
    before: ['What brings you in today?'],
    old: '"No, I haven\'t had any duration."',
    case: 'cardio-stemi-inferior-001',
    expect: ['chest-pain'],
  },
  {
    question: 'Where exactly is the pain?',
    before: ['What brings you in today?'],
    old: '"No, I haven\'t had any pain location."',
    case: 'cardio-stemi-inferior-001',
    expect: ['chest-pain'],
  },
  {
    question: 'Has anyone at home been unwell?',
    old: '"No, he hasn\'t had any living situation."',
    case: 'peds-rsv-bronchiolitis-001',
    expect: ['sick-contacts'],
    sweep: held(['sick contacts']),
  },
  { question: 'Green or yellow vomit?', old: 'the jaundice fact', case: 'peds-pyloric-stenosis-001', expect: ['vomit-colour'] },
  {
    question: 'Where is the pain? Have you had a fever?',
    old: 'one of the two questions answered, with no notice',
    case: 'cardio-pericarditis-001',
    expect: ['chest-pain', 'fever'],
  },
];

const cases = new Map<string, Case>(loadCases('data/cases').cases.map(({ kase }) => [kase.id, kase]));
const catalog = loadCatalog();
const actors = deterministicActors();

/** Asks the questions in order through the engine; returns the last answer event. */
async function ask(kase: Case, questions: string[]) {
  const e = startEncounter({ kase, actors, protocol: PROTOCOL_PRESETS.default, catalog, seed: 'examples' });
  for (const text of questions) await e.step({ type: 'ask', questions: [{ text }] });
  const answers = e.events.filter((x) => x.type === 'answer');
  const last = answers[answers.length - 1];
  if (!last || last.type !== 'answer') throw new Error(`No answer event for "${questions.at(-1)}" on ${kase.id}.`);
  return last;
}

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

async function main(): Promise<void> {
  console.log('| question | case | old reply (issue 12) | new reply | fact given | rule (confidence) |');
  console.log('|---|---|---|---|---|---|');
  for (const ex of EXAMPLES) {
    const kase = cases.get(ex.case);
    if (!kase) throw new Error(`Unknown case ${ex.case}.`);
    for (const id of ex.expect) if (!kase.facts.some((f) => f.id === id)) throw new Error(`${ex.case} has no fact ${id}.`);
    const a = await ask(kase, [...(ex.before ?? []), ex.question]);
    const given = ex.expect.every((id) => a.factIds.includes(id)) ? 'yes' : `no (${a.matched})`;
    const q = ex.before ? `${ex.question} (after "${ex.before.join('", "')}")` : ex.question;
    const reply = a.text.length > 160 ? `${a.text.slice(0, 157)}...` : a.text;
    console.log(`| ${cell(q)} | ${ex.case} | ${cell(ex.old)} | "${cell(reply)}" | ${given} | ${cell(a.rule ?? '')} (${a.confidence ?? ''}) |`);
  }

  console.log('\nEvery shipped case holding a fact on the subject (a fact that is not itself a negative):\n');
  console.log('| question | cases | fact given | denied | unclear | other fact |');
  console.log('|---|---|---|---|---|---|');
  const openers = EXAMPLES.slice(0, 3).map((e) => ({ ...e, sweep: (f: Fact, k: Case) => f === k.facts[0] }));
  for (const ex of [...openers, ...EXAMPLES.filter((e) => e.sweep)]) {
    let n = 0;
    const tally = { given: 0, denied: 0, unclear: 0, other: 0 };
    for (const kase of cases.values()) {
      const want = kase.facts.filter((f) => ex.sweep!(f, kase)).map((f) => f.id);
      if (want.length === 0) continue;
      n++;
      const a = await ask(kase, [ex.question]);
      if (a.factIds.some((id) => want.includes(id))) tally.given++;
      else if (a.matched === 'unclear') tally.unclear++;
      else if (a.factIds.length === 0) tally.denied++;
      else tally.other++;
    }
    const what = ex.question + (EXAMPLES.indexOf(ex) < 0 ? " (expects the case's first fact)" : '');
    console.log(`| ${cell(what)} | ${n} | ${tally.given} | ${tally.denied} | ${tally.unclear} | ${tally.other} |`);
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : String(e));
  process.exit(1);
});
