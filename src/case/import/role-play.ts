import { splitSentences } from './text.js';

/** Removes markdown emphasis, headings and code marks, keeping the words. */
export function stripMarkdown(text: string): string {
  return text
    .replace(/\*\*([^*]+)\*\*/g, '$1')
    .replace(/__([^_]+)__/g, '$1')
    .replace(/(^|\s)\*([^*\s][^*]*)\*/g, '$1$2')
    .replace(/`([^`]+)`/g, '$1')
    .replace(/^#{1,6}\s*/gm, '')
    .replace(/[‘’]/g, "'")
    .replace(/[“”]/g, '"');
}

/**
 * Splits a text written as bullet or numbered lists into whole items: "- a - b" and
 * "1. a 2. b" each give one item per entry, so a numbered entry is never cut in two;
 * text with no list markers is one item.
 */
export function listItems(text: string): string[] {
  const t = stripMarkdown(text).replace(/\r/g, '');
  return t
    .split(/\n+|(?:^|\s)-\s+(?=\S)|(?:^|\s)\d{1,2}[.)]\s+(?=[A-Z"'(])|(?:^|\s)•\s*/)
    .map((s) => s.trim())
    .filter(Boolean);
}

// A clause that casts the reader as an actor, at the head of the text ("For your role as a patient, ...").
const ROLE_LEAD =
  /^(?:(?:for|in) (?:your|the|this) role as (?:a|the) patient(?: actor)?|for (?:the|a) patient actor|as (?:a|the) patient(?: actor)?|you are (?:playing|acting as) (?:a|the) patient(?: actor)?|patient actor(?: instructions)?)\s*[,:-]?\s*/i;

// Sentences that instruct the actor or talk about what the patient knows of tests, rather than tell the story.
const META =
  /\b(remember|your character|portray|portrayal|actor|role-?play|here'?s (?:the|what)|information you need|need to (?:convey|know)|you should be aware of the following|as described above|are as follows|your knowledge is limited|not aware of|unaware of|aren'?t aware|you (?:do not|don'?t) know|haven'?t (?:seen|been told|been informed)|have not (?:seen|been told|been informed)|not been (?:told|informed)|test (?:results?|readings?)|instrument readings|specific (?:tests?|findings|medical terms|readings)|your diagnosis|the diagnosis|any diagnosis|confusion regarding|the details|the outcomes?|the implications)\b/i;

// Sentences that report what an examiner found, which belong to the examination rather than to the patient's story.
const EXAM_TOLD =
  /^(?:during (?:a|the|your) (?:physical )?exam(?:ination)?|on (?:physical )?exam(?:ination)?|upon exam(?:ination)?|it was noted|the doctor (?:noted|found|observed))/i;

// Instructions to mention something: the something is the story.
const SAY = /^(?:mention|describe|report|say|explain|express|tell (?:the|your) doctor)(?: that| about)?\s+/i;

/** One patient-story item of a role-play text, with what was removed from it. */
export interface StoryItem {
  text: string;
  /** A label the source gave the item ("Fever", "Medical History"), a hint for its topic. */
  label?: string;
}

/** The result of cleaning a role-play text: story items in the patient's voice, exam findings told to the patient, and what was dropped. */
export interface CleanedStory {
  items: StoryItem[];
  examTold: string[];
  dropped: Array<{ text: string; reason: string }>;
}

/**
 * Turns an AgentClinic NEJM `patient_info` (instructions to a patient actor, in the
 * second person, with markdown and lists) into the patient's own story: the role-play
 * lead and actor instructions are dropped with their reason, sentences about tests the
 * patient has not been told are dropped, exam findings told to the patient are set
 * aside, and the rest is rewritten in the first person, one item per list entry.
 */
export function cleanRolePlay(info: string): CleanedStory {
  const out: CleanedStory = { items: [], examTold: [], dropped: [] };
  const entries = listItems(info);
  // A plain paragraph is told sentence by sentence; list entries stay whole.
  const units = entries.length > 1 ? entries : splitSentences(stripMarkdown(info));
  for (const raw of units) {
    let item = raw.replace(ROLE_LEAD, '');
    if (item !== raw) out.dropped.push({ text: raw.slice(0, raw.length - item.length).trim(), reason: 'role-play instruction' });
    let label: string | undefined;
    const lab = item.match(/^([A-Z][A-Za-z'/&(), -]{1,50}?):\s*(.*)$/s);
    if (lab && lab[1].split(' ').length <= 7) {
      label = lab[1].trim();
      item = lab[2].trim();
    }
    if (!item) continue;
    const kept: string[] = [];
    for (const s of splitSentences(item)) {
      if (META.test(s)) {
        out.dropped.push({ text: s, reason: 'role-play instruction or a note on what the patient has not been told' });
        continue;
      }
      if (EXAM_TOLD.test(s)) {
        out.examTold.push(s);
        continue;
      }
      const said = s.replace(SAY, '');
      // "Mention noticing X" -> "noticing X" -> "I have been noticing X".
      const body = said !== s && /^[a-z]+ing\b/.test(said) ? `I have been ${said}` : said;
      kept.push(firstPerson(body.replace(/:$/, '.')));
    }
    if (kept.length)
      out.items.push({
        text: kept.join(' '),
        ...(label &&
        !/^(age|background|symptoms?|current symptoms|history|recent experiences|physical discomfort|symptoms to report|other|details|overview)\b/i.test(label)
          ? { label }
          : {}),
      });
  }
  return out;
}

// Verbs and prepositions after which "you" is an object ("bothers you" -> "bothers me").
const OBJECT_BEFORE =
  /\b(to|for|with|at|about|from|by|on|into|of|than|like|around|upon|over|under|towards?|against|told|tell|tells|asked|gave|give|gives|given|help|helps|helped|make|makes|made|let|lets|bother|bothers|bothering|affect|affects|affecting|wake|wakes|woke|keep|keeps|kept|prevent|prevents|concern|concerns|worry|worries|cause|causes|caused|surprise|examined|examine|advised|sent|send|saw|see|seen)\s+you\b/gi;

function cap(match: string, replacement: string): string {
  return match[0] === match[0].toUpperCase() && replacement !== 'I' && !replacement.startsWith('I ') && !replacement.startsWith("I'")
    ? replacement[0].toUpperCase() + replacement.slice(1)
    : replacement;
}

/** Rewrites a second-person sentence in the first person ("You've had fevers" -> "I've had fevers"). */
export function firstPerson(text: string): string {
  let t = text.replace(/’/g, "'");
  const rules: Array<[RegExp, string]> = [
    [/\byou are not\b/gi, 'I am not'],
    [/\byou aren't\b/gi, "I'm not"],
    [/\byou are\b/gi, 'I am'],
    [/\byou're\b/gi, "I'm"],
    [/\byou were\b/gi, 'I was'],
    [/\byou weren't\b/gi, "I wasn't"],
    [/\byou've\b/gi, "I've"],
    [/\byou'll\b/gi, "I'll"],
    [/\byou'd\b/gi, "I'd"],
    [/\byourself\b/gi, 'myself'],
    [/\byours\b/gi, 'mine'],
    [/\byour\b/gi, 'my'],
  ];
  for (const [re, rep] of rules) t = t.replace(re, (m) => cap(m, rep));
  t = t.replace(OBJECT_BEFORE, (_m, before: string) => `${before} me`);
  t = t.replace(/\byou\b/gi, 'I');
  // "I have been very thirsty and are passing..." -> "and am passing".
  t = t.replace(/\b(and|but) are\b/g, '$1 am');
  return t.length ? t[0].toUpperCase() + t.slice(1) : t;
}
