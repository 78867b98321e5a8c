/** A reference range read from text: either bound may be open; strict bounds exclude the bound itself. */
export interface NumericRange {
  low?: number;
  high?: number;
  lowStrict?: boolean;
  highStrict?: boolean;
}

/** A value read from a result: a number, or a bound such as "< 0.2". */
export interface NumericValue {
  value: number;
  /** `<` means "below value", `>` "above value"; absent for an exact number. */
  bound?: '<' | '>';
}

export type Position = 'below' | 'within' | 'above';

const NUM = String.raw`\d+(?:\.\d+)?`;
// Unit exponents and names carry digits that are not part of the range.
const UNIT_DIGITS = /(?:[x×]\s*)?10\s*[\^*]\s*[0-9]+|(?:[x×]\s*)?10[⁹³⁶]|H2O|CO2|O2\b/gi;

function clean(text: string): string {
  return text.replace(/(\d),(\d{3})\b/g, '$1$2').replace(UNIT_DIGITS, ' ');
}

/**
 * Reads "3.5-5.0", "3.5 to 5.0 mmol/L", "< 20", ">= 60": exactly one interval
 * or one bound, and no other number (so "< 92 (pregnancy); < 100" and
 * "1:80" are left alone rather than guessed).
 */
export function parseRange(text: string): NumericRange | undefined {
  let rest = clean(text);
  const found: NumericRange[] = [];
  rest = rest.replace(new RegExp(String.raw`(^|[^\d.])(-?${NUM})\s*(?:-|–|—|to)\s*(\+?${NUM})`, 'g'), (_m, pre: string, a: string, b: string) => {
    found.push({ low: Number(a), high: Number(b) });
    return pre + ' ';
  });
  rest = rest.replace(new RegExp(String.raw`(<=|>=|≤|≥|<|>|under|below|over|above)\s*(${NUM})`, 'gi'), (_m, op: string, a: string) => {
    const x = Number(a);
    const o = op.toLowerCase();
    if (o === '<' || o === 'under' || o === 'below') found.push({ high: x, highStrict: true });
    else if (o === '<=' || o === '≤') found.push({ high: x });
    else if (o === '>' || o === 'over' || o === 'above') found.push({ low: x, lowStrict: true });
    else found.push({ low: x });
    return ' ';
  });
  if (found.length !== 1 || /\d/.test(rest)) return undefined;
  const r = found[0];
  if (r.low !== undefined && r.high !== undefined && r.low > r.high) return undefined;
  return r;
}

/** Reads a result value: 4.2, "4.2", "1,200", "< 0.2", "> 100"; anything else is not numeric. */
export function parseValue(value: number | string | undefined): NumericValue | undefined {
  if (typeof value === 'number') return { value };
  if (typeof value !== 'string') return undefined;
  const m = new RegExp(String.raw`^\s*(<|>|<=|>=|≤|≥)?\s*(-?${NUM})\s*$`).exec(value.replace(/(\d),(\d{3})\b/g, '$1$2'));
  if (!m) return undefined;
  const op = m[1];
  return { value: Number(m[2]), ...(op ? { bound: op.startsWith('<') || op === '≤' ? '<' : '>' } : {}) } as NumericValue;
}

/** Where a value lies against a range; undefined when a bounded value ("< 5") cannot be placed. */
export function position(v: NumericValue, r: NumericRange): Position | undefined {
  const belowLow = (x: number, strictOk: boolean) => r.low !== undefined && (x < r.low || (r.lowStrict === true && x === r.low && strictOk));
  const aboveHigh = (x: number, strictOk: boolean) => r.high !== undefined && (x > r.high || (r.highStrict === true && x === r.high && strictOk));
  if (v.bound === undefined) {
    if (belowLow(v.value, true)) return 'below';
    if (aboveHigh(v.value, true)) return 'above';
    return 'within';
  }
  if (v.bound === '<') {
    // "< 0.2" against "< 1.0" or "0-5": within when the bound sits inside and nothing lies below the range.
    if (r.low !== undefined && v.value <= r.low) return 'below';
    if (r.high !== undefined && v.value <= r.high && (r.low === undefined || r.low <= 0)) return 'within';
    return undefined;
  }
  if (r.high !== undefined && v.value >= r.high) return 'above';
  if (r.low !== undefined && v.value >= r.low && r.high === undefined) return 'within';
  return undefined;
}
