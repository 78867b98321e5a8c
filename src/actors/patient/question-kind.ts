import { normalize } from '../../util/text.js';
import { memoByString } from '../../util/memo.js';

/** A property of the complaint under discussion that a follow-up asks about. */
export type Attribute =
  'site' | 'onset' | 'duration' | 'character' | 'radiation' | 'severity' | 'timing' | 'progression' | 'modifiers' | 'associated' | 'quantity' | 'appearance';

/** What kind of question a clause is, before its topics are resolved. */
export type ClauseKind =
  { kind: 'diagnosis-request' } | { kind: 'greeting' } | { kind: 'opener' } | { kind: 'more' } | { kind: 'else' } | { kind: 'other'; attributes: Attribute[] };

// Patterns run on normalised text (lower case, no punctuation, apostrophes dropped).
const DIAGNOSIS =
  /\b(ignore (all |your |the |previous |prior )*(instructions|rules|prompt)|system prompt|(tell|give|reveal|say) (me )?(the |your )?(diagnosis|answer)|what (is|s) (the |your )?diagnosis|what (do you think )?(you ve got|you have got|disease do you have|illness do you have)|what do you think (it is|is wrong|you have)|name (the |your )?(disease|condition|diagnosis)|(you are|youre|act as|pretend to be) (an? )?(ai|assistant|language model|doctor)|jailbreak|developer mode)\b/;
const GREETING =
  /^(hi|hello|hey|good (morning|afternoon|evening)|thanks?( you)?|thank you( very much)?|ok(ay)?|right|i see|great|alright|all right|sorry|nice to meet you|pleased to meet you|my name is \w+( \w+)?|i m dr \w+|im dr \w+|i am dr \w+|i m doctor \w+|i am doctor \w+|im doctor \w+|lets get started|bear with me|understood|got it|hmm+|mm+|uh huh)( (doctor|dr \w+|i m dr \w+|im dr \w+))?( i m dr \w+| im dr \w+| i am dr \w+| i m one of the doctors| i m the doctor)?$/;
const OPENER =
  /\b(what(s| s| has| have)? (brings?|brought) (you|him|her|them|the baby|your (son|daughter|child|baby))|how can (i|we) help|what can (i|we) (do for you|help( you)? with)|(seems?|appears?) to be (the )?(wrong|problem|trouble|matter|issue)|what(s| is| s| has)?( been)? (bothering|troubling|worrying|concerning) (you|him|her|them)|what (made|makes|prompted) you (come|bring|seek|decide|call|get)|made you (come|bring)|what(s| s| has)? happened|whats been going on|(what|whats) (seems to be |is |s )?(the )?(problem|trouble|matter|issue|concern)|what (is |s |has )?(wrong|been wrong|going on|been going on|happening|been happening|happened)|whats (wrong|been wrong|going on|been going on|happening|been happening|up|the story)|(tell|talk) me (about )?(what|whats|why|how)|tell me (about|more about) (yourself|the problem|your problem|the symptoms|your symptoms|whats|what s)|tell me what|why (did you|have you|are you) (come|came|here|in)|why are you (here|in)|what made you (come|seek|decide)|reason for (your |the |todays |today s )?(visit|attendance|appointment|coming)|how are you (feeling|doing|today)|how have you been( feeling| doing)?( in yourself| lately| recently)?$|how (has|s) (he|she) been( doing)?$|how (is|s) (he|she|the baby|your (son|daughter|child|baby)) (doing|been)|in your own words|how (did|does) (this|it) all (start|begin)|what (are|were) your symptoms|what symptoms (do|have) you|what are you (here|in) for|what (are|r) you complaining of|what is your (main )?(complaint|problem|concern)|whats your (main )?(complaint|problem|concern)|main (problem|complaint|concern|worry)|chief complaint|presenting complaint)\b/;
const MORE =
  /^(tell me more|(how|can|could) (would |will |do )?you describe( it| that| this| them| the pain)?|tell me (a bit |a little )?more( about (it|that|this|the pain|them))?|go on|carry on|and then|anything more|can you (tell me|say) more|describe (it|that|this|them|the pain)( for me| to me| more)?|can you describe (it|that|this|them|the pain)|tell me about (it|that|this|the pain|them)|more details?|such as|like what|what else can you tell me|could you elaborate|elaborate|please continue|continue|keep going|what happened (next|then|after that))\b/;
const ELSE =
  /\b(anything else|any other (symptoms?|problems?|issues?|complaints?|concerns?|changes|things)|other (symptoms|problems|complaints|concerns)|what else|is there more|anything more|something else|any more symptoms|anything further|anything new)\b/;

const ATTRIBUTES: Array<[Attribute, RegExp]> = [
  [
    'site',
    /\b(where|whereabouts|which (part|side|area|bit)|what (part|side|area)|point to|location|located|show me|(is|are) (it|they|this|that|these) on|both (sides|legs|arms|eyes|ears)|(one|1) side or both|both or (just )?one|one or both)\b/,
  ],
  [
    'onset',
    /\b(when did|when does|when was|when (it|this|the pain|they|that|these) (start|began|begin|came)|since when|how did (it|this|the pain|they|that|these|things) (start|begin|come on)|did (it|this|the pain) (start|come on|begin)|come on (suddenly|gradually|slowly|quickly)|came on|sudden(ly)? or gradual(ly)?|gradual(ly)? or sudden(ly)?|what were you doing when|first (start|notice|began|noticed)|start(ed)? suddenly|how quickly did|all of a sudden|sudden(ly)?|gradual(ly)?|creep|crept|came out of nowhere|out of the blue)\b/,
  ],
  ['duration', /\b(how long|for how long|how many (hours|days|weeks|months|years)|since when|how much time|been going on)\b/],
  [
    'character',
    /\b(what (does|did) (it|the pain|this|that) feel like|feel like|describe (the|your|this) (pain|feeling|sensation)|what (kind|sort|type) of (pain|feeling|sensation|ache|discomfort)|sharp or dull|dull or sharp|sharp|stabbing|crushing|burning pain|throbbing|tearing|aching|squeezing|pressure like|cramp(y|ing)? pain|like a (knife|weight|band|vice))\b/,
  ],
  [
    'radiation',
    /\b((does|did|do) (it|the pain|this|that|they) (go|spread|move|travel|radiate|shoot)|(go|spread|move|travel|radiate|shoot)s? anywhere|spread|radiat\w*|shoot(s|ing)? (down|up|into|to)|go(es)? (down|up|into|through) (your|the|his|her) |move(s|d)? (to|into) (your|the|his|her)|anywhere else)\b/,
  ],
  [
    'severity',
    /\b(how bad|how severe|how painful|how much (does it|is it|pain)|how strong|how intense|out of (10|ten)|scale of|on a scale|score (it|the pain)|rate (it|the pain)|worst (pain|headache)|mild moderate or severe|bad is (it|the pain)|bearable|unbearable|the worst)\b/,
  ],
  [
    'timing',
    /\b(constant|come and go|comes and goes|coming and going|all the time|on and off|off and on|intermittent|continuous|waves|episodes?|how often|every day|at night or|time of day|worse at night|worse in the morning|at night|in the morning|regular|all over the place|how frequent\w*|pattern)\b/,
  ],
  [
    'progression',
    /\b(getting (worse|better)|got (worse|better)|better or worse|worse or better|changed since|changing|staying the same|same or|improv(ing|ed)|progress(ing|ed)?|deteriorat\w*|any better|any worse)\b/,
  ],
  [
    'modifiers',
    /\b(makes? (it|the pain|this|that|them|things)? ?(worse|better)|worse (when|with|if|on|after)|better (when|with|if|on|after)|ease[sd]?|easing|relie(ve|ves|f|ved)|help(s|ed)? (it|the pain)|anything help|anything that helps|what helps|tried anything|taken anything for|trigger(s|ed)?|set(s)? (it|them|this|that) off|sets? off|bring(s)? (it|them|this) on|brought (it|them|this) on|aggravat\w*|with (movement|moving|breathing|eating|food|lying|exercise|exertion))\b/,
  ],
  ['quantity', /\b(how much|how many|how often|how heavy|what amount|quantity|per (day|week)|a (day|week))\b/],
  [
    'appearance',
    /\b(is|are|was|has|have|does|did) (it|they|this|that|these|the \w+) (got |been |gotten |look(ed)? |become )?(red|swollen|hot|warm|bigger|smaller|larger|grown|growing|spread|spreading|moved|moving|changed|changing|fade|faded|blanch|raised|flat|itchy|painful|tender|sore|bleeding|crusted|weeping|blistered|the same)\b|\b(colour|color|shape|size|look like|looks like|grown|got bigger|getting bigger)\b/,
  ],
  [
    'associated',
    /\b(along with (it|that|this|the pain)|with (it|the pain|that|this)\b.*\b(other|else)|accompan\w*|at the same time|other symptoms with|anything with (it|the pain|that)|associated)\b/,
  ],
];

// Clauses recur in every encounter (and each follow-up reclassifies the dialogue's earlier questions), so kinds are
// memoised by text; the cache is dropped whole when full. Kinds are shared: callers only read them.
const kinds = memoByString(classifyUncached, 20_000);

/** Classifies one clause; topic words are resolved separately, by the phrase scan. */
export function classifyClause(clause: string): ClauseKind {
  return kinds(clause);
}

function classifyUncached(clause: string): ClauseKind {
  const n = normalize(clause);
  if (DIAGNOSIS.test(n)) return { kind: 'diagnosis-request' };
  if (GREETING.test(n)) return { kind: 'greeting' };
  if (MORE.test(n)) return { kind: 'more' };
  if (OPENER.test(n)) return { kind: 'opener' };
  const attributes: Attribute[] = [];
  for (const [a, re] of ATTRIBUTES) if (re.test(n)) attributes.push(a);
  if (attributes.length === 0 && ELSE.test(n)) return { kind: 'else' };
  return { kind: 'other', attributes };
}

/** Whether a clause reads as a question at all (so an unknown statement can be let pass). */
export function looksLikeQuestion(clause: string, endsWithMark: boolean): boolean {
  if (endsWithMark) return true;
  return /^(what|where|when|why|who|which|how|do|does|did|is|are|was|were|have|has|had|can|could|would|will|any|tell|describe|ever|been)\b/.test(
    normalize(clause),
  );
}
