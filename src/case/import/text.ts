import { normalize } from '../../util/text.js';

/** "Past_Medical_History" -> "Past medical history"; keeps acronyms such as "WBC" and "CT". */
export function humanize(key: string): string {
  const words = key.replace(/_+/g, ' ').replace(/\s+/g, ' ').trim().split(' ');
  return words
    .map((w, i) =>
      /^[A-Z0-9]{2,}$/.test(w) || /[A-Z].*[A-Z]/.test(w.slice(1)) ? w : i === 0 ? w[0].toUpperCase() + w.slice(1).toLowerCase() : w.toLowerCase(),
    )
    .join(' ');
}

/** A lower-case slug for ids: "Serum Ceruloplasmin" -> "serum-ceruloplasmin". */
export function slugify(text: string): string {
  return normalize(text).replace(/\s+/g, '-') || 'item';
}

/** Ends a text with a full stop when it has no closing punctuation. */
export function sentence(text: string): string {
  const t = text.trim();
  return /[.!?)"']$/.test(t) ? t : `${t}.`;
}

/** Splits a paragraph into sentences without breaking "Dr." or decimals such as "37.5". */
export function splitSentences(text: string): string[] {
  return text
    .replace(/\s+/g, ' ')
    .split(/(?<=[.!?])\s+(?=[A-Z0-9(])/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** A scalar or nested value as one line of text: "Name: value; Other: (A: b)". */
export function flattenValue(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return joinParts(value.map(flattenValue).filter(Boolean));
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => {
        const inner = flattenValue(v);
        if (!inner) return '';
        return typeof v === 'object' && v !== null && !Array.isArray(v) ? `${humanize(k)}: (${inner})` : `${humanize(k)}: ${inner}`;
      })
      .filter(Boolean)
      .reduce((acc, part) => joinParts([acc, part].filter(Boolean)), '');
  }
  return '';
}

function joinParts(parts: string[]): string {
  return parts.reduce((acc, part) => (acc ? `${acc}${/[.!?]$/.test(acc) ? ' ' : '; '}${part}` : part), '');
}

/** Whether a value is a plain JSON object. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
