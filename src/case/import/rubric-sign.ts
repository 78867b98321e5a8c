/**
 * Flags rubric items whose sign looks inverted, for the import report: positive points on a criterion that reads
 * as harmful ("fails to...", "incorrectly...", "recommends ... dangerous"), or negative points on one that reads as
 * desirable ("correctly...", "appropriately..."). A flag is for a person to check, never a change to the item:
 * "Does not recommend antibiotics" is desirable, so a plain "does not" is not a harm signal.
 */

const HARMFUL: RegExp[] = [
  /\bfails? to\b/i,
  /\bneglects? to\b/i,
  /\bincorrect(ly)?\b/i,
  /\binaccurate(ly)?\b/i,
  /\bmisleading\b/i,
  /\bwrongly\b/i,
  /\b(recommends?|suggests?|encourages?|advises?|endorses?)\b[^.;]{0,80}\b(dangerous|unsafe|harmful|contraindicated)\b/i,
  /\b(discourages?|dissuades?)\b[^.;]{0,60}\b(care|help|emergency|doctor|medical attention|911)\b/i,
];
const DESIRABLE: RegExp[] = [
  /\b(correctly|appropriately|accurately|safely|empathetically)\b/i,
  /\b(clearly|explicitly) (advises|recommends|explains|states)\b/i,
];

export interface SignFlag {
  criterion: string;
  points: number;
  why: string;
}

/** Why an item's sign looks inverted, or undefined when it reads as its sign says. */
export function signLooksInverted(criterion: string, points: number): string | undefined {
  const harmful = HARMFUL.find((re) => re.test(criterion));
  const desirable = DESIRABLE.find((re) => re.test(criterion));
  if (points > 0 && harmful) return `positive points on a criterion that reads as harmful ("${criterion.match(harmful)![0]}")`;
  if (points < 0 && desirable && !harmful) return `negative points on a criterion that reads as desirable ("${criterion.match(desirable)![0]}")`;
  return undefined;
}

/** Every suspicious item of a rubric. */
export function signFlags(rubric: ReadonlyArray<{ criterion: string; points?: number }>): SignFlag[] {
  const out: SignFlag[] = [];
  for (const it of rubric) {
    if (it.points === undefined) continue;
    const why = signLooksInverted(it.criterion, it.points);
    if (why) out.push({ criterion: it.criterion, points: it.points, why });
  }
  return out;
}
