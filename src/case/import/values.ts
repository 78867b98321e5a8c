import type { ResultComponent, ResultFlag } from '../schema.js';
import { normalize } from '../../util/text.js';

// Qualifier words a source writes beside or instead of a value, and the flag each means.
const QUALIFIERS: Array<[RegExp, ResultFlag]> = [
  [/^(critically (high|elevated))$/, 'critical-high'],
  [/^(critically low)$/, 'critical-low'],
  [/^((markedly|mildly|slightly|moderately|significantly|very|severely|greatly) )?(elevated|high|increased|raised)$/, 'high'],
  [/^((markedly|mildly|slightly|moderately|significantly|very|severely|greatly) )?(low|decreased|reduced|depressed)$/, 'low'],
  [/^(positive|detected|reactive|present|weakly positive|strongly positive)$/, 'positive'],
  [/^(negative|not detected|non reactive|nonreactive|absent|undetectable)$/, 'negative'],
  [/^(normal|within normal limits|unremarkable|wnl|normal for age)$/, 'normal'],
  [/^(abnormal)$/, 'abnormal'],
];

function qualifier(text: string): ResultFlag | undefined {
  const t = normalize(text);
  return QUALIFIERS.find(([re]) => re.test(t))?.[1];
}

/**
 * The flag a result text states: a qualifier in brackets anywhere ("5600 U/L (elevated)"),
 * a leading qualifier ("Elevated at 90", "Positive, 12.4 nmol/L", "Slightly decreased"),
 * or a trailing one ("Leukocyturia present", "81,000 /mm3 low"). Undefined when the text
 * states none, so a flag is never guessed from a number alone.
 */
export function flagOf(text: string): ResultFlag | undefined {
  const t = normalize(text.replace(/\([^()]*\)/g, ' '));
  // A leading word is the result itself ("Positive. Level: 9.8 (elevated)" is a positive test).
  const lead = t.match(
    /^((?:critically|markedly|mildly|slightly|moderately|significantly|very|severely|greatly|weakly|strongly) )?(elevated|high|increased|raised|low|decreased|reduced|positive|negative|reactive|non reactive|nonreactive|not detected|detected|normal|within normal limits|unremarkable|abnormal)\b/,
  );
  if (lead) return qualifier(`${lead[1] ?? ''}${lead[2]}`);
  for (const m of text.matchAll(/\(([^()]{2,40})\)/g)) {
    const f = qualifier(m[1]);
    if (f) return f;
  }
  if (!t) return undefined;
  const words = t.split(' ');
  const last2 = words.slice(-2).join(' ');
  return qualifier(last2) ?? (words.length <= 6 ? qualifier(words[words.length - 1]) : undefined);
}

/** A number written with thousands separators or a decimal point ("81,000", "7.2"), or undefined. */
export function parseNumber(text: string): number | undefined {
  const m = text.trim().match(/^-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$/);
  return m ? Number(m[0].replace(/,/g, '')) : undefined;
}

/**
 * A component value: a number with its unit when the text is just that plus an optional
 * bracketed qualifier or reference range ("12.5 g/dL", "81,000 /mm3 (elevated)"), the text
 * otherwise; the flag whenever the text states one.
 */
export function componentOf(text: string): ResultComponent {
  const flag = flagOf(text);
  const bare = text.trim().replace(/\s*\((?:reference|normal|ref)[^()]*\)\s*$/i, '');
  const range = text.match(/\((?:reference(?: range| value)?|normal(?: range)?|ref)[,:]?\s*([^()]+)\)/i)?.[1]?.trim();
  const core = bare.replace(/\s*\(([^()]{2,40})\)\s*$/, (all, inner: string) => (qualifier(inner) ? '' : all)).trim();
  // A value beyond the assay's limit ("less than 0.01 mIU/L", "> 1000 U/L") keeps its comparator; its flag comes from the bound.
  const censored = core.match(
    /^(<|>|≤|≥|less than|lower than|below|under|greater than|more than|higher than|above|over)\s*(-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)\s*([A-Za-zµμ%/^][A-Za-z0-9µμ%/^.·*×\s]{0,20})?$/i,
  );
  if (censored) {
    const below = /^(<|≤|less|lower|below|under)/i.test(censored[1]);
    const bound = Number(censored[2].replace(/,/g, ''));
    const fromRange = range ? flagFromRange(bound, range) : undefined;
    // "< 0.01" with a range starting at 0.4 is low; "< 5" with a range of 0-10 says nothing more than normal-or-low.
    const cf = flag ?? (fromRange === (below ? 'low' : 'high') ? fromRange : undefined);
    return {
      value: `${below ? '<' : '>'} ${censored[2]}`,
      ...(censored[3] ? { unit: censored[3].trim() } : {}),
      ...(cf ? { flag: cf } : {}),
      ...(range ? { range } : {}),
    };
  }
  const m = core.match(/^(-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)\s*([A-Za-zµμ%/^][A-Za-z0-9µμ%/^.·*×\s]{0,20})?$/);
  const value = m ? Number(m[1].replace(/,/g, '')) : undefined;
  const f = flag ?? (value !== undefined && range ? flagFromRange(value, range) : undefined);
  const extras = { ...(f ? { flag: f } : {}), ...(range ? { range } : {}) };
  if (m && !(m[2] && qualifier(m[2]))) return { value: value!, ...(m[2] ? { unit: m[2].trim() } : {}), ...extras };
  if (m && m[2]) return { value: value!, ...extras };
  return { value: text.trim(), ...extras };
}

/** High or low against a stated reference range ("120 to 250", "40-200", "<20"); undefined when inside it or unreadable. */
export function flagFromRange(value: number, range: string): ResultFlag | undefined {
  const r = range.replace(/,(?=\d{3}\b)/g, '');
  const between = r.match(/(\d+(?:\.\d+)?)\s*(?:to|-|–)\s*(\d+(?:\.\d+)?)/);
  if (between) {
    const [lo, hi] = [Number(between[1]), Number(between[2])];
    return value > hi ? 'high' : value < lo ? 'low' : 'normal';
  }
  const below = r.match(/^\s*(?:<|less than|under)\s*(\d+(?:\.\d+)?)/i);
  if (below) return value >= Number(below[1]) ? 'high' : 'normal';
  const above = r.match(/^\s*(?:>|more than|over)\s*(\d+(?:\.\d+)?)/i);
  if (above) return value <= Number(above[1]) ? 'low' : 'normal';
  return undefined;
}
