/** Age and sex read from a demographics phrase such as "45-year-old male" or "A 3-week-old girl". */
export interface Demographics {
  age: number;
  ageUnit: 'years' | 'months' | 'weeks' | 'days';
  sex: 'male' | 'female' | 'other';
}

const UNITS: Record<string, Demographics['ageUnit']> = {
  year: 'years',
  yr: 'years',
  month: 'months',
  mo: 'months',
  week: 'weeks',
  wk: 'weeks',
  day: 'days',
  d: 'days',
};
const MALE = /\b(male|man|boy|gentleman|m|he|his|him|father|husband|son)\b/i;
const FEMALE = /\b(female|woman|girl|lady|f|she|her|mother|wife|daughter|pregnant|primigravida|multigravida|g\d+p\d+)\b/i;
const UNIT = '(years?|yrs?|months?|mos?|weeks?|wks?|days?|y/?o|y)';

function unitOf(word: string | undefined): Demographics['ageUnit'] {
  const w = (word ?? 'year').toLowerCase().replace(/s$/, '');
  if (w.startsWith('y')) return 'years';
  return UNITS[w] ?? 'years';
}

/** Age and unit stated in a text ("8-month-old", "3 days old", "6 weeks", "Age: 10 days", "newborn"), or undefined. */
export function parseAge(text: string, strict = false): { age: number; ageUnit: Demographics['ageUnit'] } | undefined {
  // Strict (a narrative): only "N-unit-old" and "aged N", since "for 3 days" is a duration, not an age.
  const m =
    text.match(new RegExp(`(\\d+(?:\\.\\d+)?)[\\s-]*${UNIT}[\\s-]*old\\b`, 'i')) ??
    text.match(new RegExp(`\\b(?:aged?|age:?)\\s*(\\d+(?:\\.\\d+)?)\\s*${UNIT}?\\b`, 'i')) ??
    (strict ? null : text.match(new RegExp(`\\b(\\d+(?:\\.\\d+)?)\\s*-?\\s*${UNIT}\\b`, 'i')));
  if (m) {
    const age = Number(m[1]);
    const unit = unitOf(m[2]);
    return Number.isFinite(age) ? { age, ageUnit: unit } : undefined;
  }
  // A newborn or neonate without a stated age is counted as day 0.
  if (/\b(new-?born|neonate|neonatal)\b/i.test(text)) return { age: 0, ageUnit: 'days' };
  return undefined;
}

/**
 * The sex a narrative's pronouns give ("He reports..."), counting he/his/him against
 * she/her/hers; undefined when there are none or both appear about equally (a
 * mother speaking about her son).
 */
export function sexFromPronouns(text: string): Demographics['sex'] | undefined {
  // "her mother", "his wife": a possessive before a relative names the relative's link, not the patient's sex.
  const t = text.replace(
    /\b(his|her)\s+(mother|father|parents?|wife|husband|partner|son|daughter|sister|brother|family|child|children|baby|grand\w+)\b/gi,
    ' ',
  );
  const he = (t.match(/\b(he|his|him|himself)\b/gi) ?? []).length;
  const she = (t.match(/\b(she|her|hers|herself)\b/gi) ?? []).length;
  if (he > 0 && he >= 2 * she) return 'male';
  if (she > 0 && she >= 2 * he) return 'female';
  return undefined;
}

/**
 * Parses age and sex, or says which one is missing; the first sex word wins ("a man whose
 * wife..."). `context` (the history, the doctor's brief) fills what the phrase lacks: an age
 * stated there, the sex its pronouns give, an "infant" or "newborn" named there.
 */
export function parseDemographics(text: string, context = ''): { value?: Demographics; missing: string[]; from?: string[] } {
  const missing: string[] = [];
  const from: string[] = [];
  let age: number | undefined;
  let ageUnit: Demographics['ageUnit'] = 'years';
  const parsed = parseAge(text);
  // A short field such as "Male, 45" names the age with a bare number.
  const bare = !parsed && text.length <= 40 ? text.match(/\b(\d{1,3})\b/) : null;
  if (parsed) ({ age, ageUnit } = parsed);
  else if (bare) age = Number(bare[1]);
  else if (context) {
    const c = parseAge(context, true);
    if (c) {
      ({ age, ageUnit } = c);
      from.push('age');
    }
  }
  if (age === undefined && /\binfant\b/i.test(`${text} ${context}`)) {
    // "Infant" with no age anywhere: under a year, so months; the middle of the first year is recorded and said.
    age = 6;
    ageUnit = 'months';
    from.push('age (infant, none stated: 6 months assumed)');
  }
  if (age === undefined || !Number.isFinite(age) || (ageUnit === 'years' && age > 120)) missing.push('age');
  // "the mother of a 7-week-old boy": the relative is not the patient.
  const who = text.replace(/\b(mother|father|parent|wife|husband|daughter|son|sister|brother|grandmother|grandfather)\s+of\b/gi, ' ');
  const male = who.search(MALE);
  const female = who.search(FEMALE);
  let sex: Demographics['sex'] | undefined;
  if (male >= 0 && (female < 0 || male < female)) sex = 'male';
  else if (female >= 0) sex = 'female';
  else if (/\b(non-?binary|intersex)\b/i.test(text)) sex = 'other';
  else if (context) {
    sex = sexFromPronouns(context);
    if (sex) from.push('sex');
  }
  if (!sex) missing.push('sex');
  if (missing.length) return { missing };
  // Ages over the schema's unit limits are carried in the next larger unit.
  return { value: { age: age!, ageUnit, sex: sex! }, missing, ...(from.length ? { from } : {}) };
}
