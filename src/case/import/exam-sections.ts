import { canonicalTarget } from '../exam-targets.js';
import { normalize } from '../../util/text.js';

// Section words AgentClinic uses that the examiner's own alias list does not cover.
const EXTRA: Array<[RegExp, string]> = [
  [/\bvital/, 'vitals'],
  [/\bgeneral\b|\bappearance\b|\bconstitutional\b/, 'general'],
  [/\bcardi|\bheart\b|\bcardiac\b|\bvascular\b|\bpulses?\b/, 'cardiovascular'],
  [/\brespirat|\bpulmonar|\blungs?\b|\bchest\b|\bthora/, 'respiratory'],
  [/\babdom|\bgastro/, 'abdomen'],
  [/\bslit lamp|\bcornea|\bpupil|\bvisual acuity|\bretina/, 'eyes'],
  [/\bgait\b|\bcoordination\b|\bneuro|\bcranial nerve|\bmotor\b|\breflex|\bsensory\b|\bcerebell/, 'neuro'],
  [/\bmental\b|\bpsychiatr|\bcognit/, 'mental-status'],
  [/\bskin\b|\bdermat|\binteg/, 'skin'],
  [/\bmusculo|\bjoints?\b|\bspine\b|\bmsk\b|\borthop/, 'msk'],
  [/\bextremit|\blimbs?\b|\bperipher/, 'extremities'],
  [/\bheent\b|\bhead\b|\bhead and neck\b|\boral\b|\bmouth\b|\bnasal\b|\bnose\b/, 'heent'],
  [/\beyes?\b|\bocular\b|\bophthalm|\bfundus|\bfundoscop|\bvisual\b/, 'eyes'],
  [/\bears?\b|\botoscop|\botolog/, 'ears'],
  [/\bthroat\b|\bpharyn|\btonsil/, 'throat'],
  [/\bneck\b|\bthyroid\b/, 'neck'],
  [/\blymph/, 'lymph'],
  [/\bbreasts?\b/, 'breast'],
  [/\brectal\b|\brectum\b|\bprostat/, 'rectal'],
  [/\bgenit|\burolog|\bscrot|\btestic|\bgu\b/, 'genitourinary'],
  [/\bpelvic\b|\bgyn|\bvaginal\b|\bspeculum\b|\bbimanual\b/, 'pelvic'],
];

/** The exam target for an AgentClinic section name ("Cardiovascular_Examination" -> cardiovascular), or undefined. */
export function examTargetFor(section: string): string | undefined {
  const words = normalize(section.replace(/_/g, ' '))
    .replace(/\b(examination|exam|findings|assessment|evaluation)\b/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  const direct = canonicalTarget(words) ?? canonicalTarget(normalize(section.replace(/_/g, ' ')));
  if (direct) return direct;
  for (const [re, target] of EXTRA) if (re.test(words)) return target;
  return undefined;
}
