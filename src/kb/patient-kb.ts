import { sparseRow, type KbFinding, type KnowledgeBase } from './knowledge-base.js';
import { ageInYears, type Demographics } from './demographics.js';

/** Whether a finding can occur in this patient at all (its sex and age range); a patient of unrecorded sex fits either. */
export function findingApplies(f: KbFinding, sex: string, years: number): boolean {
  if (f.sex !== undefined && (sex === 'female' || sex === 'male') && sex !== f.sex) return false;
  if (f.age && ((f.age.min !== undefined && years < f.age.min) || (f.age.max !== undefined && years > f.age.max))) return false;
  return true;
}

/** The index of the first background band holding this age, or -1 for the finding's plain background. */
function bandOf(f: KbFinding, years: number): number {
  const bands = f.backgroundByAge;
  if (!bands) return -1;
  return bands.findIndex((b) => (b.min === undefined || years >= b.min) && (b.max === undefined || years <= b.max));
}

// Patient views per knowledge base, by the state of every sex/age-aware finding: a handful per knowledge base
// (sexes x age bands), so doctors, candidate lists and evidence readings can cache against them.
const views = new WeakMap<KnowledgeBase, Map<string, KnowledgeBase>>();
const EMPTY_I = new Int32Array(0);
// The findings each view drops (it cannot have them); none for a shared knowledge base.
const dropped = new WeakMap<KnowledgeBase, ReadonlySet<number>>();
const NONE: ReadonlySet<number> = new Set();

/** The findings a patient view drops from the shared knowledge base's lists (forPatient); none for any other. */
export function droppedFindings(kb: KnowledgeBase): ReadonlySet<number> {
  return dropped.get(kb) ?? NONE;
}

// The findings each view changes (dropped, or at an age band's background), in index order.
const changedIn = new WeakMap<KnowledgeBase, readonly number[]>();

/**
 * The findings whose rows a patient view changed from its shared knowledge base's (forPatient), in index order;
 * undefined for any other knowledge base. Every other finding's row (findings, likelihood, listedBy, deltas,
 * backgroundH) is the shared one itself, so a table derived row by row from the shared knowledge base can be
 * copied from the shared one's table except at these findings.
 */
export function changedFindings(kb: KnowledgeBase): readonly number[] | undefined {
  return changedIn.get(kb);
}
const EMPTY_F = new Float64Array(0);

// The findings with a sex, an age range or age bands, per knowledge base: the only ones a patient can change,
// listed once rather than found among all findings for every encounter.
const aware = new WeakMap<KnowledgeBase, number[]>();

function awareOf(base: KnowledgeBase): number[] {
  let list = aware.get(base);
  if (!list) {
    list = [];
    base.findings.forEach((f, i) => {
      if (f.sex !== undefined || f.age !== undefined || f.backgroundByAge !== undefined) list!.push(i);
    });
    aware.set(base, list);
  }
  return list;
}

/**
 * The knowledge base as it applies to one patient. A finding that cannot
 * occur in them (wrong sex, outside its ages) is listed by no disease and
 * reachable by no question, exam or test, so it is never asked and never
 * scored; a finding with age bands sits at its band's background rate.
 * Returns `kb` itself when no finding is sex- or age-aware for this patient.
 */
export function forPatient(kb: KnowledgeBase, patient: Demographics): KnowledgeBase {
  const base = kb.base ?? kb;
  const years = ageInYears(patient);
  const changed: Array<{ i: number; applies: boolean; bg: number }> = [];
  const key: string[] = [];
  for (const i of awareOf(base)) {
    const f = base.findings[i];
    const applies = findingApplies(f, patient.sex, years);
    const band = applies ? bandOf(f, years) : -1;
    key.push(applies ? String(band) : 'x');
    if (!applies || band >= 0) changed.push({ i, applies, bg: band >= 0 ? f.backgroundByAge![band].rate : f.background });
  }
  if (changed.length === 0) return base;
  let byKey = views.get(base);
  if (!byKey) views.set(base, (byKey = new Map()));
  const k = key.join(',');
  const hit = byKey.get(k);
  if (hit) return hit;

  const D = base.diseases.length;
  const findings = base.findings.slice();
  const likelihood = base.likelihood.slice();
  const listedBy = base.listedBy.slice();
  const deltaP = base.deltaP.slice();
  const deltaH = base.deltaH.slice();
  const deltaLogPresent = base.deltaLogPresent.slice();
  const deltaLogAbsent = base.deltaLogAbsent.slice();
  const backgroundH = Float64Array.from(base.backgroundH);
  const gone = new Set<number>();
  for (const { i, applies, bg } of changed) {
    findings[i] = { ...base.findings[i], background: bg };
    // Non-listers sit at the (new) background; an inapplicable finding is flat, so it can neither move nor inform.
    const row = new Float64Array(D).fill(bg);
    const js = applies ? base.listedBy[i] : EMPTY_I;
    for (const j of js) row[j] = base.likelihood[i][j];
    likelihood[i] = row;
    const sparse = sparseRow(row, js, bg);
    backgroundH[i] = sparse.backgroundH;
    listedBy[i] = sparse.listedBy;
    deltaP[i] = applies ? sparse.deltaP : EMPTY_F;
    deltaH[i] = applies ? sparse.deltaH : EMPTY_F;
    deltaLogPresent[i] = applies ? sparse.deltaLogPresent : EMPTY_F;
    deltaLogAbsent[i] = applies ? sparse.deltaLogAbsent : EMPTY_F;
    if (!applies) gone.add(i);
  }
  const without = (m: ReadonlyMap<string, readonly number[]>) => {
    const out = new Map<string, readonly number[]>();
    for (const [key, list] of m) {
      // A list that loses nothing is kept as it is, so tables built per list can be shared with the base's.
      const kept = gone.size === 0 || !list.some((i) => gone.has(i)) ? list : list.filter((i) => !gone.has(i));
      if (kept.length > 0) out.set(key, kept);
    }
    return out;
  };
  const view: KnowledgeBase = {
    ...base,
    findings,
    likelihood,
    listedBy,
    deltaP,
    deltaH,
    deltaLogPresent,
    deltaLogAbsent,
    backgroundH,
    byTopic: without(base.byTopic),
    byTarget: without(base.byTarget),
    byTest: without(base.byTest),
    base,
  };
  dropped.set(view, gone);
  changedIn.set(
    view,
    changed.map((c) => c.i),
  );
  byKey.set(k, view);
  return view;
}
