import type { AgeBand, DiseaseInput, Discovery, Finding } from './schema.js';
import type { Vocabulary } from '../case/vocabulary.js';
import type { ResultFlag } from '../case/schema.js';
import { prepareKeyword, type Keyword } from './keyword-match.js';

/** How a finding is read from what the doctor saw, resolved once at build time. */
export type FindingProbe =
  | { kind: 'ask'; topic: string; match: readonly Keyword[] }
  | { kind: 'examine'; target: string; match: readonly Keyword[] }
  | { kind: 'order'; test: string; component?: string; flags: ReadonlySet<ResultFlag>; match: readonly Keyword[] };

/** One finding of a built knowledge base. */
export interface KbFinding {
  id: string;
  label: string;
  /** The background rate in force: the written one, or in a patient view the rate of the patient's age band. */
  background: number;
  probe: FindingProbe;
  /** The only sex it can occur in. */
  sex?: 'female' | 'male';
  /** Ages (years, inclusive) where it can occur. */
  age?: { min?: number; max?: number };
  /** Background rates by age band, first match wins. */
  backgroundByAge?: ReadonlyArray<{ min?: number; max?: number; rate: number }>;
}

/** One disease of a built knowledge base (its likelihoods live in the typed arrays). */
export interface KbDisease {
  id: string;
  name: string;
  icd10: string;
  specialty: string;
  synonyms: readonly string[];
  sex?: 'female' | 'male';
  age?: AgeBand;
  /** Catalog test ids that establish it. */
  confirmWith: readonly string[];
}

/**
 * A knowledge base in the compact form the doctors compute with. Diseases and
 * findings are sorted by id, so index order is id order and ties break by id.
 */
export interface KnowledgeBase {
  readonly findings: readonly KbFinding[];
  readonly diseases: readonly KbDisease[];
  readonly findingIndex: ReadonlyMap<string, number>;
  readonly diseaseIndex: ReadonlyMap<string, number>;
  /** Normalised prior per disease, and its natural log. */
  readonly prior: Float64Array;
  readonly logPrior: Float64Array;
  /** Per finding: P(f | d) over diseases, background filled in where a disease does not list f. */
  readonly likelihood: readonly Float64Array[];
  /**
   * The sparse view the hot paths use. A finding is listed by a handful of
   * diseases and sits at its background for all others, so per finding: the
   * diseases that list it, and for each the difference from the background of
   * P(f|d), of the binary entropy h(P(f|d)) in bits, and of ln P and ln(1-P).
   * Sums over diseases then cost the number of listers, not the disease count.
   */
  readonly listedBy: readonly Int32Array[];
  readonly deltaP: readonly Float64Array[];
  readonly deltaH: readonly Float64Array[];
  readonly deltaLogPresent: readonly Float64Array[];
  readonly deltaLogAbsent: readonly Float64Array[];
  /** Per finding: the binary entropy (bits) of its background rate. */
  readonly backgroundH: Float64Array;
  /** Finding indices by canonical ask topic, exam target and test id. */
  readonly byTopic: ReadonlyMap<string, readonly number[]>;
  readonly byTarget: ReadonlyMap<string, readonly number[]>;
  readonly byTest: ReadonlyMap<string, readonly number[]>;
  /** The vocabulary ask topics were resolved against (also used to read free-text questions). */
  readonly vocabulary: Vocabulary;
  /** Set on a patient view (kb/patient-kb.ts): the knowledge base it was derived from. */
  readonly base?: KnowledgeBase;
}

// A test finding's flag list names a family of result flags.
const FLAG_FAMILY: Record<string, ResultFlag[]> = {
  high: ['high', 'critical-high'],
  low: ['low', 'critical-low'],
  abnormal: ['low', 'high', 'critical-low', 'critical-high', 'abnormal', 'positive'],
  positive: ['positive'],
};

function probeOf(how: Discovery, vocabulary: Vocabulary): FindingProbe {
  if ('ask' in how) {
    // Synonyms are accepted and folded to the canonical topic so lookups are exact.
    const topic = vocabulary.lookup(how.ask)?.topic ?? how.ask;
    return { kind: 'ask', topic, match: keywords(how.match) };
  }
  if ('examine' in how) return { kind: 'examine', target: how.examine, match: keywords(how.match) };
  const flags = new Set<ResultFlag>();
  for (const f of how.flag ?? []) for (const r of FLAG_FAMILY[f]) flags.add(r);
  return {
    kind: 'order',
    test: how.order,
    component: how.component === undefined ? undefined : how.component.trim().toLowerCase(),
    flags,
    match: keywords(how.match),
  };
}

function keywords(match: readonly string[] | undefined): Keyword[] {
  return (match ?? []).map(prepareKeyword).filter((k) => k.words.length > 0);
}

/** Entropy in bits of a yes/no outcome with probability x. */
export function binaryEntropyBits(x: number): number {
  return x <= 0 || x >= 1 ? 0 : -(x * Math.log(x) + (1 - x) * Math.log1p(-x)) / Math.LN2;
}

function push(map: Map<string, number[]>, key: string, i: number): void {
  const list = map.get(key);
  if (list) list.push(i);
  else map.set(key, [i]);
}

/** One finding's sparse view (see KnowledgeBase.listedBy) for a background rate and its listers' P(f|d). */
export function sparseRow(likelihood: Float64Array, listedBy: Int32Array, bg: number) {
  const backgroundH = binaryEntropyBits(bg);
  return {
    backgroundH,
    listedBy,
    deltaP: Float64Array.from(listedBy, (j) => likelihood[j] - bg),
    deltaH: Float64Array.from(listedBy, (j) => binaryEntropyBits(likelihood[j]) - backgroundH),
    deltaLogPresent: Float64Array.from(listedBy, (j) => Math.log(likelihood[j]) - Math.log(bg)),
    deltaLogAbsent: Float64Array.from(listedBy, (j) => Math.log1p(-likelihood[j]) - Math.log1p(-bg)),
  };
}

/**
 * Builds the compact form from validated findings and diseases. The input must
 * already be checked (unique ids, known finding ids); the loader does that.
 */
export function buildKnowledgeBase(input: { findings: readonly Finding[]; diseases: readonly DiseaseInput[] }, vocabulary: Vocabulary): KnowledgeBase {
  const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const findingsIn = [...input.findings].sort(byId);
  const diseasesIn = [...input.diseases].sort(byId);
  const D = diseasesIn.length;
  const F = findingsIn.length;

  const findings: KbFinding[] = findingsIn.map((f) => ({
    id: f.id,
    label: f.label,
    background: f.background,
    probe: probeOf(f.how, vocabulary),
    ...(f.sex ? { sex: f.sex } : {}),
    ...(f.age ? { age: f.age } : {}),
    ...(f.background_by_age ? { backgroundByAge: f.background_by_age } : {}),
  }));
  const diseases: KbDisease[] = diseasesIn.map((d) => ({
    id: d.id,
    name: d.name,
    icd10: d.icd10,
    specialty: d.specialty,
    synonyms: d.synonyms ?? [],
    sex: d.sex,
    age: d.age,
    confirmWith: d.confirm_with ?? [],
  }));
  const findingIndex = new Map(findings.map((f, i) => [f.id, i]));
  const diseaseIndex = new Map(diseases.map((d, j) => [d.id, j]));

  const prior = new Float64Array(D);
  let total = 0;
  for (const d of diseasesIn) total += d.prior;
  diseasesIn.forEach((d, j) => (prior[j] = d.prior / total));
  const logPrior = prior.map(Math.log);

  // One buffer for the dense table; each finding's row is a view, so rows stay contiguous.
  const lik = new Float64Array(F * D);
  const likelihood: Float64Array[] = [];
  for (let i = 0; i < F; i++) likelihood.push(lik.subarray(i * D, (i + 1) * D).fill(findings[i].background));
  const listers: number[][] = findings.map(() => []);
  diseasesIn.forEach((d, j) => {
    for (const [fid, p] of Object.entries(d.findings)) {
      const i = findingIndex.get(fid);
      if (i === undefined) continue;
      likelihood[i][j] = p;
      listers[i].push(j);
    }
  });
  const backgroundH = new Float64Array(F);
  const listedBy: Int32Array[] = [];
  const deltaP: Float64Array[] = [];
  const deltaH: Float64Array[] = [];
  const deltaLogPresent: Float64Array[] = [];
  const deltaLogAbsent: Float64Array[] = [];
  findings.forEach((f, i) => {
    const row = sparseRow(likelihood[i], Int32Array.from(listers[i].sort((a, b) => a - b)), f.background);
    backgroundH[i] = row.backgroundH;
    listedBy.push(row.listedBy);
    deltaP.push(row.deltaP);
    deltaH.push(row.deltaH);
    deltaLogPresent.push(row.deltaLogPresent);
    deltaLogAbsent.push(row.deltaLogAbsent);
  });

  const byTopic = new Map<string, number[]>();
  const byTarget = new Map<string, number[]>();
  const byTest = new Map<string, number[]>();
  findings.forEach((f, i) => {
    if (f.probe.kind === 'ask') push(byTopic, f.probe.topic, i);
    else if (f.probe.kind === 'examine') push(byTarget, f.probe.target, i);
    else push(byTest, f.probe.test, i);
  });

  return {
    findings,
    diseases,
    findingIndex,
    diseaseIndex,
    prior,
    logPrior,
    likelihood,
    listedBy,
    deltaP,
    deltaH,
    deltaLogPresent,
    deltaLogAbsent,
    backgroundH,
    byTopic,
    byTarget,
    byTest,
    vocabulary,
    // Present (unset) on every shared knowledge base, last as on a patient view, so both have one shape and the
    // hot loops that read them stay monomorphic.
    base: undefined,
  };
}
