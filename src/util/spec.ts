import { ConfigError } from './errors.js';

/**
 * A parsed plug-in string, the one syntax every plug-in kind shares:
 * `name`, `name:argument`, `name:key=value,key=value` or `name:argument,key=value`.
 */
export interface Spec {
  kind: string;
  /** Text after the first colon when it is not key=value options (e.g. the file of `script:`). */
  argument?: string;
  options: Record<string, string>;
  raw: string;
  /** What the string configures, for messages: `Doctor`, `Protocol`, `Scorer`, `Importer`... */
  what?: string;
}

/** Parses a plug-in string; `what` names the kind of thing in every message. */
export function parseSpec(raw: string, what = 'Doctor'): Spec {
  const text = raw.trim();
  if (!text) throw new ConfigError(what === 'Doctor' ? 'The doctor name is empty; try --doctor baseline.' : `The ${what.toLowerCase()} name is empty.`);
  const colon = text.indexOf(':');
  const kind = (colon < 0 ? text : text.slice(0, colon)).toLowerCase();
  const rest = colon < 0 ? '' : text.slice(colon + 1);
  const spec: Spec = { kind, options: {}, raw: text, ...(what !== 'Doctor' ? { what } : {}) };
  if (!rest) return spec;
  const parts = rest.split(',');
  // script:file.yaml,speed=1 → argument plus options; threshold=0.9 → options only.
  if (!parts[0].includes('=')) spec.argument = parts.shift();
  for (const part of parts) {
    const eq = part.indexOf('=');
    if (eq <= 0) throw new ConfigError(`${what} option "${part}" in "${raw}" must look like key=value.`);
    const key = part.slice(0, eq).trim();
    // Which of two values would win is a guess the user should not have to make.
    if (Object.hasOwn(spec.options, key)) throw new ConfigError(`${what} option ${key} is given twice in "${raw}"; give it once.`);
    spec.options[key] = part.slice(eq + 1).trim();
  }
  return spec;
}

/** Reads a numeric option, or the default; rejects values that are not numbers in range. */
export function numberOption(spec: Spec, key: string, fallback: number, min = -Infinity, max = Infinity): number {
  const raw = spec.options[key];
  if (raw === undefined) return fallback;
  // Number('') is 0: an empty value is a mistake, not zero.
  const n = raw.trim() === '' ? NaN : Number(raw);
  if (!Number.isFinite(n) || n < min || n > max) {
    throw new ConfigError(`${spec.what ?? 'Doctor'} option ${key}=${raw} in "${spec.raw}" must be a number between ${min} and ${max}.`);
  }
  return n;
}

/** Fails on options the plug-in does not understand, naming the ones it does and the nearest one. */
export function checkOptions(spec: Spec, known: string[]): void {
  for (const key of Object.keys(spec.options)) {
    if (!known.includes(key)) {
      const near = nearest(key, known);
      throw new ConfigError(
        `${spec.what ?? 'Doctor'} "${spec.kind}" has no option "${key}"${near ? ` (did you mean ${near}?)` : ''}; it takes ${known.length ? known.join(', ') : 'no options'}.`,
      );
    }
  }
}

/** The known name closest to `name` by edit distance, when it is close enough to be a typo (or a prefix). */
export function nearest(name: string, known: readonly string[]): string | undefined {
  const n = name.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const k of known) {
    const d = k.toLowerCase().startsWith(n) && n.length >= 3 ? 1 : editDistance(n, k.toLowerCase());
    if (d < bestDistance) {
      best = k;
      bestDistance = d;
    }
  }
  // A third of the name may be wrong (at least one letter, at most three): "budgt" → budget, "baselin" → baseline.
  const allowed = Math.min(3, Math.max(1, Math.floor(n.length / 3)));
  return bestDistance <= allowed ? best : undefined;
}

/** Damerau–Levenshtein distance (optimal string alignment): a swapped pair of letters counts once. */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}
