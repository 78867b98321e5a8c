// The examples that opened issue 14, through the diagnosis matcher: `npx tsx scripts/match-examples.ts`.
// Prints truth, answer, the verdict a clinician gives, the matcher's verdict and its reason; exits 1 on any disagreement.
import type { Case } from '../src/case/schema.js';
import { matchDiagnosis } from '../src/scoring/diagnosis-match.js';

const examples: { truth: string; icd10: string; answer: string; want: string; before: string }[] = [
  { truth: 'Acute myelogenous leukemia', icd10: 'C92.00', answer: 'Chronic myelogenous leukemia', want: 'incorrect', before: 'correct' },
  { truth: 'Hodgkin lymphoma', icd10: 'C81.90', answer: 'Non-Hodgkin lymphoma', want: 'incorrect', before: 'correct' },
  { truth: 'Primary sclerosing cholangitis', icd10: 'K83.01', answer: 'Secondary sclerosing cholangitis', want: 'incorrect', before: 'correct' },
  { truth: 'Pneumonia', icd10: 'J18.9', answer: 'Not pneumonia; viral bronchitis', want: 'incorrect', before: 'correct' },
  { truth: 'C. difficile colitis', icd10: 'A04.72', answer: 'Clostridioides difficile colitis', want: 'correct', before: 'incorrect' },
  { truth: 'Malignant melanoma', icd10: 'C43.9', answer: 'Melanoma', want: 'correct', before: 'incorrect' },
  { truth: 'Aortic valve stenosis', icd10: 'I35.0', answer: 'Severe aortic stenosis', want: 'correct', before: 'incorrect' },
  // An imported case with the placeholder code: matched through the index from its name.
  { truth: 'Acute myelogenous leukemia', icd10: 'R69', answer: 'AML', want: 'correct', before: 'incorrect' },
];

let bad = 0;
for (const e of examples) {
  const kase = {
    diagnosis: { name: e.truth, icd10: e.icd10, accept: [], partial: [] },
    extra: e.icd10 === 'R69' ? { icd10_unknown: true } : undefined,
  } as unknown as Case;
  const m = matchDiagnosis(kase, { name: e.answer });
  if (m.level !== e.want) bad++;
  console.log(
    `${m.level === e.want ? 'ok ' : 'BAD'} truth "${e.truth}" (${e.icd10}) | answer "${e.answer}" | before ${e.before} | now ${m.level} (want ${e.want}) | ${m.reason}`,
  );
}
process.exitCode = bad ? 1 : 0;
