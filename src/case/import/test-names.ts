import type { Catalog } from '../catalog.js';
import { normalize } from '../../util/text.js';
import { humanize } from './text.js';

// Words a test name may carry without naming a different test.
export const GENERIC = new Set([
  'serum',
  'plasma',
  'blood',
  'level',
  'levels',
  'test',
  'tests',
  'testing',
  'examination',
  'exam',
  'analysis',
  'study',
  'studies',
  'result',
  'results',
  'findings',
  'peripheral',
  'screen',
  'screening',
  'panel',
  'measurement',
  'assay',
  'total',
  'report',
  'scan',
  'of',
  'the',
  'a',
  'an',
  'showed',
  'show',
  'shows',
  'revealed',
  'reveals',
  'performed',
  'done',
  'obtained',
  'was',
  'were',
]);

// Field names that say "the value of the parent test" rather than naming a test of their own.
const GENERIC_CHILD =
  /^(findings?|results?|level|levels|value|values|comments?|impression|interpretation|report|details|description|status|observations?|conclusion|summary|notes?|reading|readings|measurement|titer|titre|test result|result of test|outcome of test|general|overall|quantitative|qualitative|result value)$/;

/** Whether a field name only labels part of its parent test's report ("Findings", "Result", "Level", "Impression"). */
export function isGenericChild(key: string): boolean {
  return GENERIC_CHILD.test(normalize(key.replace(/_/g, ' ')));
}

// Limb and joint words: a plain film of any of them is the catalog's extremity x-ray.
const LIMB =
  /\b(knee|knees|ankle|ankles|wrist|wrists|hand|hands|foot|feet|hip|hips|shoulder|shoulders|elbow|elbows|leg|legs|arm|arms|femur|tibia|humerus|forearm|finger|fingers|toe|toes|limb|extremity|extremities)\b/;
const SPINE = /\b(spine|spinal|lumbar|cervical spine|thoracic spine|sacrum|coccyx|back)\b/;

function singular(word: string): string {
  return word.length > 3 && word.endsWith('ies')
    ? `${word.slice(0, -3)}y`
    : word.length > 3 && word.endsWith('s') && !word.endsWith('ss')
      ? word.slice(0, -1)
      : word;
}

function unique(catalog: Catalog, text: string): string | undefined {
  const r = catalog.resolve(text);
  const ids = [...new Set(r.tests.map((t) => t.id))];
  if (ids.length !== 1) return undefined;
  const leftover = r.unrecognised.flatMap((u) => u.split(' ')).filter((w) => w && !GENERIC.has(w));
  return leftover.length === 0 ? ids[0] : undefined;
}

/**
 * The catalog test a whole name means, when it means exactly one and nothing else but
 * padding: tried as written, without padding words, with its last word singular or plural,
 * and for plain films by body region ("X-Ray_Knee" -> xray-extremity).
 */
export function resolveTestName(catalog: Catalog, name: string): string | undefined {
  // Abbreviations in brackets and spelled-out modalities name the same test ("Computed tomography (CT) of the chest").
  const text = humanize(name)
    .replace(/\s*\([A-Za-z0-9-]{1,8}\)/g, '')
    .replace(/\bcomputed tomograph(y|ic)\b/gi, 'CT')
    .replace(/\bmagnetic resonance imaging\b/gi, 'MRI')
    .replace(/\bultrasonography\b/gi, 'ultrasound')
    .replace(/\b(chest )?radiograph(y)?\b/gi, (m, chest: string | undefined) => (chest ? 'chest x-ray' : 'x-ray'))
    .replace(/\bhigh[- ]resolution\b/gi, '');
  const direct = unique(catalog, text);
  if (direct) return direct;
  const words = normalize(text)
    .split(' ')
    .filter((w) => w && !GENERIC.has(w));
  if (words.length === 0) return undefined;
  const variants = [
    words.join(' '),
    [...words.slice(0, -1), singular(words[words.length - 1])].join(' '),
    [...words.slice(0, -1), `${words[words.length - 1]}s`].join(' '),
    words.map(singular).join(' '),
    words.map((w) => (w === 'antibody' ? 'antibodies' : w === 'antigen' ? 'antigens' : w)).join(' '),
    words.filter((w) => !['antibody', 'antibodies'].includes(w)).join(' '),
  ];
  for (const v of variants) {
    const id = unique(catalog, v);
    if (id) return id;
  }
  const joined = ` ${words.join(' ')} `;
  if (/\b(x ?ray|xray|radiograph|radiography|plain film|film)\b/.test(joined)) {
    if (/\bchest\b/.test(joined)) return catalog.has('chest-xray') ? 'chest-xray' : undefined;
    if (/\babdom/.test(joined)) return catalog.has('abdominal-xray') ? 'abdominal-xray' : undefined;
    if (SPINE.test(joined)) return catalog.has('xray-spine') ? 'xray-spine' : undefined;
    if (LIMB.test(joined)) return catalog.has('xray-extremity') ? 'xray-extremity' : undefined;
  }
  return undefined;
}
