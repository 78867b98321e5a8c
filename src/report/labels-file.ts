import { readFileSync } from 'node:fs';
import { ConfigError } from '../util/errors.js';
import { parseLabels } from './ratings.js';

/**
 * Reads human labels from a CSV (a header with `encounter_id` and `label` or `correct`) or a JSONL file
 * (`{"encounter_id": ..., "label": ...}` per line). A line it cannot read is an error naming the file and line.
 */
export function readLabelsFile(file: string): Map<string, number> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new ConfigError(`Cannot read the labels file ${file}: ${(e as Error).message}.`);
  }
  const lines = text.split(/\r?\n/);
  const rows: Array<{ id: string; raw: string; line: number }> = [];
  if (lines[0]?.trim().startsWith('{')) {
    lines.forEach((l, i) => {
      if (!l.trim()) return;
      let o: Record<string, unknown>;
      try {
        o = JSON.parse(l) as Record<string, unknown>;
      } catch {
        throw new ConfigError(`${file}:${i + 1}: not a JSON object.`);
      }
      const id = o.encounter_id ?? o.encounterId ?? o.id;
      const label = o.label ?? o.correct;
      if (typeof id !== 'string' || label === undefined) throw new ConfigError(`${file}:${i + 1}: needs "encounter_id" and "label".`);
      rows.push({ id, raw: String(label), line: i + 1 });
    });
  } else {
    const header = (lines[0] ?? '').split(',').map((h) => h.trim().toLowerCase());
    const idCol = header.indexOf('encounter_id');
    const labelCol = header.indexOf('label') >= 0 ? header.indexOf('label') : header.indexOf('correct');
    if (idCol < 0 || labelCol < 0) throw new ConfigError(`${file}: the CSV header needs encounter_id and label (or correct) columns.`);
    lines.slice(1).forEach((l, i) => {
      if (!l.trim()) return;
      const cells = l.split(',');
      rows.push({ id: (cells[idCol] ?? '').trim(), raw: cells[labelCol] ?? '', line: i + 2 });
    });
  }
  const values = parseLabels(rows.map((r) => r.raw));
  const out = new Map<string, number>();
  rows.forEach((r, i) => {
    const v = values[i];
    if (v === undefined) throw new ConfigError(`${file}:${r.line}: label "${r.raw.trim()}" is not correct/incorrect, yes/no, 1/0 or a 1–5 grade.`);
    out.set(r.id, v);
  });
  return out;
}
