/** Age and sex read from a demographics phrase such as "45-year-old male" or "A 3-week-old girl". */
export interface Demographics {
  age: number;
  ageUnit: 'years' | 'months' | 'weeks' | 'days';
  sex: 'male' | 'female' | 'other';
}

const UNITS: Record<string, Demographics['ageUnit']> = { year: 'years', yr: 'years', month: 'months', mo: 'months', week: 'weeks', wk: 'weeks', day: 'days' };
const MALE = /\b(male|man|boy|gentleman|m|he|his|him|father|husband|son)\b/i;
const FEMALE = /\b(female|woman|girl|lady|f|she|her|mother|wife|daughter|pregnant|primigravida|multigravida|g\d+p\d+)\b/i;

/** Parses age and sex, or says which one is missing; the first sex word wins ("a man whose wife..."). */
export function parseDemographics(text: string): { value?: Demographics; missing: string[] } {
  const missing: string[] = [];
  let age: number | undefined;
  let ageUnit: Demographics['ageUnit'] = 'years';
  const m =
    text.match(/(\d+(?:\.\d+)?)[\s-]*(year|yr|month|mo|week|wk|day)s?[\s-]*old/i) ??
    text.match(/\b(?:aged?|age:?)\s*(\d+(?:\.\d+)?)\s*(year|yr|month|mo|week|wk|day)?/i) ??
    text.match(/(\d+(?:\.\d+)?)\s*(years?|yrs?|yo|y\/o|y)\b/i);
  // A short field such as "Male, 45" names the age with a bare number.
  const bare = !m && text.length <= 40 ? text.match(/\b(\d{1,3})\b/) : null;
  if (bare) age = Number(bare[1]);
  else if (m) {
    age = Number(m[1]);
    const unit = (m[2] ?? 'year').toLowerCase();
    ageUnit = unit.startsWith('y') ? 'years' : (UNITS[unit] ?? 'years');
  } else if (/\bnewborn|neonate\b/i.test(text)) {
    age = 0;
    ageUnit = 'days';
  }
  if (age === undefined || !Number.isFinite(age) || age > 120) missing.push('age');
  const male = text.search(MALE);
  const female = text.search(FEMALE);
  let sex: Demographics['sex'] | undefined;
  if (male >= 0 && (female < 0 || male < female)) sex = 'male';
  else if (female >= 0) sex = 'female';
  else if (/\b(non-?binary|intersex)\b/i.test(text)) sex = 'other';
  if (!sex) missing.push('sex');
  if (missing.length) return { missing };
  return { value: { age: age!, ageUnit, sex: sex! }, missing };
}
