import { normalize } from '../util/text.js';

// Words that qualify a request without making it specific ("some basic blood work").
const PADDING = new Set([
  'a',
  'an',
  'the',
  'some',
  'more',
  'basic',
  'routine',
  'standard',
  'initial',
  'further',
  'additional',
  'general',
  'all',
  'any',
  'appropriate',
  'relevant',
  'usual',
  'full',
  'baseline',
  'few',
  'other',
  'diagnostic',
  'please',
  'order',
  'get',
  'run',
  'do',
  'send',
  'check',
  'stat',
  'urgent',
  'of',
  'my',
  'admission',
  'screening',
]);

// Classes of test that name no study: the SDBench gatekeeper asks which one is meant.
const VAGUE = new Set([
  'blood work',
  'bloodwork',
  'bloods',
  'blood',
  'blood test',
  'blood tests',
  'blood panel',
  'blood panels',
  'labs',
  'lab',
  'lab work',
  'labwork',
  'lab tests',
  'lab test',
  'laboratory tests',
  'laboratory test',
  'laboratory work',
  'laboratory studies',
  'lab studies',
  'imaging',
  'imaging studies',
  'imaging study',
  'scan',
  'scans',
  'a scan',
  'ct',
  'ct scan',
  'cat scan',
  'mri',
  'mri scan',
  'ultrasound',
  'ultrasound scan',
  'sonogram',
  'xray',
  'xrays',
  'radiograph',
  'radiographs',
  'radiology',
  'film',
  'films',
  'nuclear scan',
  'pet',
  'pet scan',
  'test',
  'tests',
  'investigations',
  'investigation',
  'workup',
  'work up',
  'studies',
  'panel',
  'panels',
  'screen',
  'tox screen',
  'cultures',
  'culture',
  'swab',
  'swabs',
  'urine test',
  'urine tests',
  'biopsy',
  'serology',
  'serologies',
  'markers',
  'tumour markers',
  'tumor markers',
]);

/**
 * Whether an order piece the catalog did not recognise names only a class of
 * test ("blood work", "a scan", "x-ray" without a body part) rather than one
 * study; such a request gets a polite request to be specific under SDBench.
 */
export function isVagueOrder(request: string): boolean {
  const words = normalize(request)
    .replace(/\bx rays?\b/g, 'xray')
    .split(' ')
    .filter((w) => w && !PADDING.has(w));
  if (words.length === 0) return false;
  return VAGUE.has(words.join(' '));
}

/** The gatekeeper's reply to a vague order. */
export function askSpecificText(request: string): string {
  return `"${request}" does not name a specific test. Please say exactly which test or study you want (for example "complete blood count" or "CT abdomen and pelvis with contrast"); nothing was charged.`;
}
