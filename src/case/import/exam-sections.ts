import { canonicalTarget } from '../exam-targets.js';
import { normalize } from '../../util/text.js';

/**
 * AgentClinic exam section names (and labels inside a section's text) -> exam target.
 * Checked in order after the examiner's own words, so a specific region ("breast",
 * "knee", "fundoscopy") wins over the body area it sits in ("chest", "leg", "eyes").
 */
export const SECTION_TARGETS: Array<[RegExp, string]> = [
  [
    /\bvital|\bobservations?\b|\btemperature\b|\bblood pressure\b|\bheart rate\b|\brespiratory rate\b|\boxygen saturation\b|\bspo2\b|\bpulse oximetry\b|\bbmi\b|\bweight\b|\bheight\b|\bgrowth\b|\banthropometr/,
    'vitals',
  ],
  [/\bgeneral\b|\bappearance\b|\bconstitutional\b|\bhabitus\b|\bnutrition|\bhydration\b|\bsystemic\b|\boverall\b/, 'general'],
  [/\bmental\b|\bpsychiatr|\bcognit|\bmood\b|\baffect\b|\bthought\b|\borientation\b|\bmini mental\b|\bmmse\b|\bbehaviou?r/, 'mental-status'],
  [/\bbreasts?\b|\bnipples?\b/, 'breast'],
  [/\blymph|\baxill|\binguinal nodes?\b|\bnodes\b/, 'lymph'],
  [
    /\bfundoscop|\bfundus\b|\bfundi\b|\bophthalm|\bslit lamp|\bcornea|\bpupil|\bvisual|\bretina|\beyes?\b|\bocular\b|\bconjunctiv|\bsclera|\blens\b|\blenses\b|\beyelids?\b|\bextraocular\b/,
    'eyes',
  ],
  [/\bears?\b|\botoscop|\botolog|\btympan|\baudiolog|\bhearing\b/, 'ears'],
  [/\bthroat\b|\bpharyn|\btonsil|\blaryn|\boropharyn/, 'throat'],
  [
    /\bent\b|\bheent\b|\bbuccal\b|\bmucosa\b|\bgingiv|\blips?\b|\bpalate\b|\bhead\b|\bhead and neck\b|\bface\b|\bfacial\b|\boral\b|\bmouth\b|\bnasal\b|\bnose\b|\bsinus|\bdental\b|\bteeth\b|\btongue\b|\bscalp\b|\bfontanell?e/,
    'heent',
  ],
  [/\bneck\b|\bthyroid\b|\bjugular\b|\bjvp\b|\btrachea\b/, 'neck'],
  [/\bcardi|\bheart\b|\bprecordi|\bvascular\b|\bpulses?\b|\bmurmur|\bperipheral vascular\b|\bcirculat/, 'cardiovascular'],
  [/\brespirat|\bpulmonar|\blungs?\b|\bchest\b|\bthora|\bbreath sounds\b|\bauscultation of (the )?lungs\b/, 'respiratory'],
  [
    /\bobstetric|\bfundal\b|\bfetal\b|\buter(us|ine)\b|\bgyn|\bpelvic\b|\bvaginal\b|\bvulva|\bspeculum\b|\bbimanual\b|\bcervix\b|\bcervical exam|\badnex/,
    'pelvic',
  ],
  [/\brectal\b|\brectum\b|\bprostat|\banal\b|\banus\b|\bperianal\b|\bdre\b/, 'rectal'],
  [/\bgenit|\burogenital\b|\burolog|\bscrot|\btestic|\btestes\b|\bpenile\b|\bpenis\b|\bgu\b|\binguinal\b|\bhernia/, 'genitourinary'],
  [
    /\babdom|\bgastro|\bdigestive\b|\bbelly\b|\bliver\b|\bhepat|\bspleen\b|\bsplen|\brenal angles?\b|\bcostovertebral\b|\bcva\b|\bflank\b|\bbowel sounds\b|\bumbilic/,
    'abdomen',
  ],
  [
    /\bskin\b|\bdermat|\binteg|\bcutaneous\b|\brash\b|\blesions?\b|\bnails?\b|\bhair\b|\bmucocutaneous\b|\bpapul|\bplaques?\b|\bmacul|\bvesic|\bnodules?\b|\bpustul|\bviolaceous\b|\btelangiect|\bpetechi|\bpurpur|\bbruis|\bjaundice|\bulcer/,
    'skin',
  ],
  [
    /\bneuro|\bcranial nerve|\bmotor\b|\bstrength\b|\bpower\b|\breflex|\bsensory\b|\bsensation\b|\bcerebell|\bcoordination\b|\bgait\b|\bromberg|\bspeech\b|\btone\b|\bmeningeal\b|\bnervous\b|\bconsciousness\b|\bgcs\b|\bglasgow\b/,
    'neuro',
  ],
  [
    /\bmusculo|\bmsk\b|\bjoints?\b|\bspine\b|\bspinal\b|\bback\b|\bknees?\b|\bhips?\b|\bshoulders?\b|\belbows?\b|\bwrists?\b|\bankles?\b|\bmuscles?\b|\borthop|\brange of motion\b|\bbones?\b|\bpatella|\bsacroiliac\b|\blumbar\b/,
    'msk',
  ],
  [
    /\bextremit|\blimbs?\b|\blegs?\b|\barms?\b|\bhands?\b|\bfeet\b|\bfoot\b|\bfingers?\b|\btoes?\b|\bcalf\b|\bcalves\b|\bedema\b|\boedema\b|\bperipher/,
    'extremities',
  ],
];

// Words that name how a region is examined, not which region: a sub-part so named stays with its section.
const TECHNIQUE =
  /^(inspection|palpation|percussion|auscultation|observation|findings|other|others|special tests?|notes?|comments?|summary|impression|left|right|bilateral|description)$/;

function words(section: string): string {
  return normalize(section.replace(/_/g, ' '))
    .replace(/\b(examination|exam|findings|assessment|evaluation|inspection|palpation|auscultation|percussion|signs|status)\b/g, (w) =>
      w === 'signs' || w === 'status' ? w : '',
    )
    .replace(/\s+/g, ' ')
    .trim();
}

/** The exam target for an AgentClinic section name ("Cardiovascular_Examination" -> cardiovascular), or undefined. */
export function examTargetFor(section: string): string | undefined {
  const w = words(section);
  if (!w || TECHNIQUE.test(w)) return undefined;
  const direct = canonicalTarget(w) ?? canonicalTarget(normalize(section.replace(/_/g, ' ')));
  if (direct) return direct;
  for (const [re, target] of SECTION_TARGETS) if (re.test(w)) return target;
  return undefined;
}

/** Section names that cover several regions, whose labelled sub-parts are filed under their own targets. */
export function isBroadSection(section: string, target: string | undefined): boolean {
  if (!target || target === 'general') return true;
  return /\bcardiopulmonary|\bcardio ?respiratory|\bsystemic|\bphysical\b|\bsystems?\b|\bhead to toe|\bother\b|\badditional\b|\bfocused\b|\bcomplete\b/.test(
    normalize(section.replace(/_/g, ' ')),
  );
}

/**
 * Splits an exam text by its own region labels ("Abdomen: mild flank tenderness. Skin:
 * no rash.") into [target, text] parts; text before the first label, or under a label
 * that names no region, has target undefined.
 */
export function splitLabelled(text: string): Array<{ target: string | undefined; label?: string; text: string }> {
  const re = /(^|[.;]\s+|\n)([A-Z][A-Za-z/&' -]{1,40}):\s+/g;
  const cuts: Array<{ at: number; end: number; label: string; target: string }> = [];
  for (const m of text.matchAll(re)) {
    const target = examTargetFor(m[2]);
    if (!target) continue;
    cuts.push({ at: m.index! + m[1].length, end: m.index! + m[0].length, label: m[2], target });
  }
  if (cuts.length === 0) return [{ target: undefined, text: text.trim() }];
  const parts: Array<{ target: string | undefined; label?: string; text: string }> = [];
  const head = text.slice(0, cuts[0].at).trim();
  if (head) parts.push({ target: undefined, text: head });
  cuts.forEach((c, i) => {
    const body = text.slice(c.end, cuts[i + 1]?.at ?? text.length).trim();
    if (body) parts.push({ target: c.target, label: c.label, text: body });
  });
  return parts;
}

// Words that name a region in a section title but mostly mean something else inside a sentence
// ("a rash on the back", "the patient's general condition", "weight loss").
const WEAK_IN_SENTENCE =
  /\b(back|face|head|hands?|arms?|legs?|feet|foot|chest|general|overall|systemic|lesions?|tone|weight|height|growth|power|thought|behaviou?r|mood|speech|sinus|pulse|rash)\b/g;

/** The exam targets a free-text finding sentence speaks about, "general" when none. */
export function sentenceTargets(sentence: string): string[] {
  const full = normalize(sentence).replace(/\bthoracic spine\b/g, 'spine');
  const s = full.replace(WEAK_IN_SENTENCE, ' ');
  const out: string[] = [];
  for (const [re, target] of SECTION_TARGETS) if (target !== 'general' && re.test(s) && !out.includes(target)) out.push(target);
  if (out.length === 0 && /\brash\b|\blesions?\b/.test(full)) out.push('skin');
  if (out.length === 0 && /\bchest\b/.test(full)) out.push('respiratory');
  return out.length ? out : ['general'];
}
