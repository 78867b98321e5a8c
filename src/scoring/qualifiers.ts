/**
 * Qualifiers that change which disease is meant. Two names that carry
 * different values of one group (acute vs chronic, Hodgkin vs non-Hodgkin...)
 * never name the same disease, however many words they share.
 */
const GROUPS: { group: string; values: Record<string, RegExp>; strip?: RegExp }[] = [
  { group: 'acuity', values: { acute: /\b(acute|hyperacute)\b/, chronic: /\bchronic\b/, subacute: /\bsubacute\b/ } },
  { group: 'origin', values: { primary: /\bprimary\b/, secondary: /\bsecondary\b/, tertiary: /\btertiary\b/ } },
  { group: 'diabetes type', values: { 'type 1': /\btype (1|i|one)\b/, 'type 2': /\btype (2|ii|two)\b/ } },
  {
    group: 'bipolar type',
    values: { 'bipolar I': /\bbipolar (1|i|one)\b/, 'bipolar II': /\bbipolar (2|ii|two)\b/ },
    strip: /(?<=\bbipolar )(1|i|one|2|ii|two)\b/g,
  },
  { group: 'Stanford type', values: { 'type A': /\b(type a|stanford a)\b/, 'type B': /\b(type b|stanford b)\b/ } },
  { group: 'behaviour', values: { benign: /\bbenign\b/, malignant: /\b(malignant|cancer|carcinoma|sarcoma|metastatic)\b/ } },
  { group: 'invasion', values: { 'in situ': /\bin situ\b/, invasive: /\binvasive\b/ } },
  { group: 'side', values: { left: /\bleft\b/, right: /\bright\b/, bilateral: /\bbilateral\b/ } },
  {
    group: 'lineage',
    values: { myeloid: /\b(myeloid|myeloblastic|myelomonocytic|promyelocytic|monocytic)\b/, lymphoid: /\b(lymphoid|lymphoblastic|lymphocytic)\b/ },
  },
  { group: 'heart failure type', values: { systolic: /\bsystolic\b/, diastolic: /\bdiastolic\b/ } },
  {
    group: 'stroke type',
    values: {
      ischemic: /^(?!.*hemorrhag).*\bstroke\b|\b(ischemic|infarction)\b(?=.*\b(stroke|cerebral|brain)\b)/,
      hemorrhagic: /\b(hemorrhagic|hemorrhage)\b(?=.*\b(stroke|cerebral|brain|intracerebral)\b)|\bintracerebral hemorrhage\b/,
    },
  },
  { group: 'hearing loss type', values: { sensorineural: /\bsensorineural\b/, conductive: /\bconductive\b/ } },
  { group: 'glaucoma type', values: { 'open angle': /\bopen angle\b/, 'angle closure': /\b(angle closure|closed angle|narrow angle)\b/ } },
  { group: 'level', values: { upper: /\bupper\b/, lower: /\blower\b/ } },
  { group: 'calculus', values: { calculous: /\bcalculous\b/, acalculous: /\bacalculous\b/ } },
  { group: 'completeness', values: { complete: /\bcomplete\b/, partial: /\b(partial|incomplete)\b/ } },
  {
    group: 'organism class',
    values: {
      viral: /\b(viral|virus)\b/,
      bacterial: /\b(bacterial|pneumococcal|streptococcal|staphylococcal|meningococcal|gonococcal|bacteria)\b/,
      fungal: /\b(fungal|candidal)\b/,
    },
  },
  {
    group: 'hepatitis virus',
    values: {
      'hepatitis A': /\bhepatitis a\b/,
      'hepatitis B': /\bhepatitis b\b/,
      'hepatitis C': /\bhepatitis c\b/,
      'hepatitis D': /\bhepatitis d\b/,
      'hepatitis E': /\bhepatitis e\b/,
    },
  },
  { group: 'myasthenia extent', values: { ocular: /\bocular\b/, generalized: /\bgeneralized\b/ } },
  { group: 'angina stability', values: { stable: /\bstable\b/, unstable: /\bunstable\b/ } },
  { group: 'acquisition', values: { community: /\bcommunity acquired\b/, hospital: /\b(hospital acquired|nosocomial|ventilator associated)\b/ } },
  { group: 'episode', values: { single: /\bsingle episode\b/, recurrent: /\brecurrent\b/ } },
  { group: 'rupture', values: { ruptured: /\bruptured\b/, unruptured: /\bunruptured\b/ } },
  { group: 'macular degeneration', values: { dry: /\b(dry|atrophic)\b/, wet: /\b(wet|exudative|neovascular)\b/ } },
  { group: 'anorexia type', values: { restricting: /\brestricting\b/, 'binge-purge': /\b(binge|purging)\b/ } },
  { group: 'retinal occlusion', values: { central: /\bcentral retinal\b/, branch: /\bbranch retinal\b/ } },
  {
    group: 'mood episode',
    values: { manic: /\b(manic|mania)\b/, depressed: /\b(depressed|depressive)\b(?=.*\bbipolar\b)|\bbipolar\b.*\b(depressed|depressive)\b/ },
  },
];

export interface Qualifiers {
  /** group -> values present. */
  groups: Map<string, Set<string>>;
  /** Words negated by "non"/"non-" ("non hodgkin", "nonpurulent" -> hodgkin, purulent). */
  negatedWords: Set<string>;
  /** Words that follow "non" nowhere: the plain words, to compare against negatedWords. */
  plainWords: Set<string>;
  withWords: Set<string>;
  withoutWords: Set<string>;
}

/** The disease-changing qualifiers of a canonical (normalised, expanded) diagnosis text. */
export function qualifiersOf(canonical: string): Qualifiers {
  const groups = new Map<string, Set<string>>();
  for (const { group, values } of GROUPS) {
    for (const [value, re] of Object.entries(values)) {
      if (re.test(canonical)) groups.set(group, (groups.get(group) ?? new Set()).add(value));
    }
  }
  // "acute on chronic" names both, which is neither a conflict nor a choice.
  if (/\bacute on chronic\b/.test(canonical)) groups.delete('acuity');
  const words = canonical.split(' ');
  const negatedWords = new Set<string>();
  const plainWords = new Set<string>();
  const withWords = new Set<string>();
  const withoutWords = new Set<string>();
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (w === 'non' && words[i + 1]) negatedWords.add(words[++i]);
    else if (/^non[a-z]{5,}$/.test(w) && !/^(none|nonspecific)/.test(w)) negatedWords.add(w.slice(3));
    else plainWords.add(w);
    if (w === 'with' && words[i + 1]) withWords.add(words[i + 1]);
    if (w === 'without' && words[i + 1]) withoutWords.add(words[i + 1]);
  }
  return { groups, negatedWords, plainWords, withWords, withoutWords };
}

// Groups whose values are different diseases; the others are subtypes of one disease (systolic or diastolic heart failure).
const DEFINING = new Set([
  'acuity',
  'origin',
  'behaviour',
  'invasion',
  'lineage',
  'diabetes type',
  'organism class',
  'hepatitis virus',
  'stroke type',
  'glaucoma type',
  'hearing loss type',
  'rupture',
  'retinal occlusion',
  'macular degeneration',
  'calculus',
]);

/** A contradiction between two names' qualifiers. */
export interface QualifierConflict {
  reason: string;
  /** Removes the answer's conflicting qualifier from its canonical text, to judge the rest. */
  strip: RegExp;
  /** `defining`: a different disease; `subtype`: another form of one disease; `side`: the other side. */
  kind: 'defining' | 'subtype' | 'side';
}

/** How an answer's qualifiers contradict the truth's, or undefined when they do not. */
export function qualifierConflict(answer: Qualifiers, truth: Qualifiers, truthAll: Qualifiers[]): QualifierConflict | undefined {
  const found = findConflict(answer, truth, truthAll);
  if (!found) return undefined;
  const kind = found.group === 'side' ? 'side' : found.group && DEFINING.has(found.group) ? 'defining' : 'subtype';
  return { reason: found.reason, kind, strip: found.strip };
}

type Found = { reason: string; group?: string; strip: RegExp };

function global(re: RegExp): RegExp {
  return new RegExp(re.source, 'g');
}

function findConflict(answer: Qualifiers, truth: Qualifiers, truthAll: Qualifiers[]): Found | undefined {
  // A side conflict is reported only when nothing else conflicts, since it is the mildest.
  let side: Found | undefined;
  for (const [group, values] of answer.groups) {
    const spec = GROUPS.find((g) => g.group === group)!;
    const want = truth.groups.get(group);
    if (!want) continue;
    for (const v of values) {
      if (want.has(v)) continue;
      // An accepted name may carry the answer's value ("primary HIV infection" accepted for "acute HIV infection").
      if (truthAll.some((q) => q.groups.get(group)?.has(v))) continue;
      if ([...want].some((w) => values.has(w))) continue;
      const found = { reason: `"${v}" contradicts "${[...want].join('/')}" (${group})`, group, strip: spec.strip ?? global(spec.values[v]) };
      if (group !== 'side') return found;
      side ??= found;
    }
  }
  for (const w of answer.negatedWords) {
    if (truth.plainWords.has(w) && !truthAll.some((q) => q.negatedWords.has(w)))
      return { reason: `"non-${w}" contradicts "${w}"`, strip: new RegExp(`\\bnon ?${w}\\b`, 'g') };
  }
  for (const w of answer.plainWords) {
    if (truth.negatedWords.has(w) && !truthAll.some((q) => q.plainWords.has(w) && !q.negatedWords.has(w)))
      return { reason: `"${w}" contradicts "non-${w}"`, strip: new RegExp(`\\b${w}\\b`, 'g') };
  }
  for (const w of answer.withoutWords)
    if (truth.withWords.has(w)) return { reason: `"without ${w}" contradicts "with ${w}"`, strip: new RegExp(`\\bwithout ${w}\\b`, 'g') };
  // "Aortic aneurysm without dissection" denies the truth's own word.
  for (const w of answer.withoutWords)
    if (truth.plainWords.has(w) && !truth.withoutWords.has(w))
      return { reason: `"without ${w}" denies "${w}"`, group: 'origin', strip: new RegExp(`\\bwithout ${w}\\b`, 'g') };
  for (const w of answer.withWords)
    if (truth.withoutWords.has(w)) return { reason: `"with ${w}" contradicts "without ${w}"`, strip: new RegExp(`\\bwith ${w}\\b`, 'g') };
  return side;
}
