import { codeTable } from './code-table.js';
import { cachedDescription } from './describe-memo.js';

/** What the FY2025 table says about one code. */
export interface CodeInfo {
  code: string;
  /** The official title, or one derived from the children for a non-billable heading. */
  title: string;
  /** Whether the code itself can be reported (the leaf of its branch). */
  billable: boolean;
  /** True when the title was derived from the code's children rather than read from the table. */
  derivedTitle: boolean;
  /** Billable codes under it (itself when billable). */
  billableChildren: string[];
}

/** Upper-cases and tidies a code as typed ("i21.19 " -> "I21.19", "C920" -> "C92.0"). */
export function canonicalCode(code: string): string {
  const c = code
    .trim()
    .toUpperCase()
    .replace(/[\s-]+$/g, '')
    .replace(/\.$/, '');
  if (/^[A-Z][0-9][0-9A-Z][0-9A-Z]/.test(c) && !c.includes('.')) return `${c.slice(0, 3)}.${c.slice(3)}`;
  return c;
}

/** The 3-character category of a code. */
export function categoryOf(code: string): string {
  return canonicalCode(code).slice(0, 3);
}

/** Billable codes that start with `prefix` (the prefix's own branch). */
export function billableUnder(prefix: string): string[] {
  const { codes } = codeTable();
  const p = canonicalCode(prefix);
  // The table is sorted, so the branch is one contiguous run found by binary search.
  let lo = 0;
  let hi = codes.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (codes[mid] < p) lo = mid + 1;
    else hi = mid;
  }
  const out: string[] = [];
  for (let i = lo; i < codes.length && codes[i].startsWith(p); i++) out.push(codes[i]);
  return out;
}

/** Whether `code` is a billable FY2025 ICD-10-CM code. */
export function isBillable(code: string): boolean {
  return codeTable().titles.has(canonicalCode(code));
}

const headingCache = new Map<string, string | undefined>();

/**
 * A title for a non-billable heading, derived from its children because the
 * code file lists billable codes only: the text before ", unspecified" of the
 * unspecified child, else the words every child title starts with.
 */
function derivedTitle(prefix: string, children: string[]): string | undefined {
  if (headingCache.has(prefix)) return headingCache.get(prefix);
  const { titles } = codeTable();
  // The heading's own "unspecified" code (".9", ".90"...) names it best; any other unspecified child comes next.
  const ranked = [...children].sort((a, b) => rank(a, prefix) - rank(b, prefix));
  let title: string | undefined;
  let best = Infinity;
  for (const c of ranked) {
    const t = titles.get(c)!;
    const m = /^(.*?),? unspecified\b/i.exec(t) ?? /^unspecified (.*)$/i.exec(t);
    const score = rank(c, prefix) * 1000 + (m?.[1].length ?? 0);
    if (m && m[1].length > 3 && score < best) {
      title = tidy(m[1]);
      best = score;
    }
  }
  if (!title && children.length) {
    const words = children.map((c) =>
      titles
        .get(c)!
        .split(' ')
        .map((w) => w.replace(/[,;:]+$/, '')),
    );
    const common: string[] = [];
    for (let i = 0; words.every((w) => i < w.length && w[i] === words[0][i]); i++) common.push(words[0][i]);
    const joined = tidy(common.join(' '));
    if (joined.split(' ').length >= 2 || children.length === 1) title = joined;
  }
  headingCache.set(prefix, title);
  return title;
}

function rank(code: string, prefix: string): number {
  const rest = code.slice(prefix.length).replace('.', '');
  return /^9+$/.test(rest) ? 0 : /^9/.test(rest) ? 1 : 2;
}

function tidy(title: string): string {
  const t = title
    .replace(/[,;:(]+$/, '')
    .trim()
    .replace(/\s+(of|by|due to|with|in|and|or|to)$/i, '')
    .trim();
  return t.charAt(0).toUpperCase() + t.slice(1);
}

/**
 * Looks a code up; undefined when no FY2025 code is or starts with it. Remembered on disk (codes/describe-memo.ts):
 * scoring looks up a handful of codes per case, and reading the table for them cost ~0.2 s of every run's start.
 */
export function describeCode(code: string): CodeInfo | undefined {
  const c = canonicalCode(code);
  return cachedDescription(c, () => describeUncached(c));
}

function describeUncached(c: string): CodeInfo | undefined {
  const title = codeTable().titles.get(c);
  const children = billableUnder(c);
  if (title) return { code: c, title, billable: true, derivedTitle: false, billableChildren: children };
  if (!children.length) return undefined;
  const derived = derivedTitle(c, children);
  return { code: c, title: derived ?? `category ${c}`, billable: false, derivedTitle: true, billableChildren: children };
}
