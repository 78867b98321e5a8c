import { codeTable } from './code-table.js';
import { canonicalDiagnosis, stemBag } from './diagnosis-text.js';
import { describeCode } from './lookup.js';

/** One search hit: a code, its title, and the index path or title that matched. */
export interface CodeHit {
  code: string;
  title: string;
  billable: boolean;
  /** What matched: "title" or the index path ("Leukemia, leukemic > acute myeloid, NOS"). */
  via: string;
}

function words(text: string): string[] {
  return stemBag(canonicalDiagnosis(text, { abbreviations: false }));
}

/**
 * Text search over the FY2025 titles and Alphabetic Index paths: every word
 * of the query (spelling, abbreviations and synonyms resolved) must occur;
 * shorter titles and paths rank first. For people writing cases.
 */
export function searchCodes(query: string, limit = 20): CodeHit[] {
  const q = [...new Set(stemBag(canonicalDiagnosis(query)))];
  if (!q.length) return [];
  const { titles, index } = codeTable();
  const hits = new Map<string, { hit: CodeHit; score: number }>();
  const add = (code: string, via: string, score: number) => {
    const prior = hits.get(code);
    if (prior && prior.score <= score) return;
    const info = describeCode(code);
    if (!info) return;
    hits.set(code, { hit: { code: info.code, title: info.title, billable: info.billable, via }, score });
  };
  const cheap = q.map((w) => w.slice(0, 4));
  for (const [code, title] of titles) {
    const lower = title.toLowerCase();
    if (!cheap.every((w) => lower.includes(w))) continue;
    const have = new Set(words(title));
    if (q.every((w) => have.has(w))) add(code, 'title', have.size);
  }
  for (const entry of index) {
    const path = entry.path.join(' > ');
    const lower = `${path} ${entry.modifiers}`.toLowerCase();
    if (!cheap.every((w) => lower.includes(w))) continue;
    const have = new Set(words(`${entry.path.join(' ')} ${entry.modifiers}`));
    if (q.every((w) => have.has(w))) add(entry.code.replace(/[-.]+$/, ''), path, have.size - 0.5);
  }
  return [...hits.values()]
    .sort((a, b) => a.score - b.score || a.hit.code.localeCompare(b.hit.code))
    .slice(0, limit)
    .map((h) => h.hit);
}
