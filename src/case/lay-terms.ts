import { readFileSync } from 'node:fs';
import { parseYaml } from '../util/parse-cache.js';
import { join } from 'node:path';
import { z } from 'zod';
import { ConfigError } from '../util/errors.js';
import { dataDir } from '../util/paths.js';
import { loadVocabulary, type TopicEntry, type Vocabulary } from './vocabulary.js';

const LayEntry = z
  .object({
    /** How the patient names the topic in a plain denial ("blood in {my} urine"). */
    say: z.string().min(1).optional(),
    /** A whole denial sentence, for topics where "No, I haven't had any X" reads wrong ("{My} appetite has been normal."). */
    negative: z.string().min(1).optional(),
    /** One phrase a line (a YAML block scalar), or a list. */
    phrases: z.union([z.string(), z.array(z.string().min(1))]).transform((p, ctx) => {
      const list = (typeof p === 'string' ? p.split('\n') : p).map((x) => x.trim()).filter(Boolean);
      if (list.length === 0) ctx.addIssue({ code: 'custom', message: 'needs at least one phrase' });
      return list;
    }),
  })
  .strict();
type LayEntry = z.output<typeof LayEntry>;

const LayFile = z.object({ terms: z.record(z.string(), LayEntry) }).strict();

/** One lay phrase and the canonical topic it names. */
export interface LayPhrase {
  phrase: string;
  entry: TopicEntry;
}

/** The lay-term lexicon: everyday, British, American and caregiver wording mapped onto the canonical topics. */
export class LayTerms {
  readonly phrases: readonly LayPhrase[];
  private readonly byTopic: Map<TopicEntry, LayEntry>;

  constructor(phrases: LayPhrase[], byTopic: Map<TopicEntry, LayEntry>) {
    this.phrases = phrases;
    this.byTopic = byTopic;
  }

  /** The lay name of a topic for a denial, if the lexicon gives one. */
  say(entry: TopicEntry): string | undefined {
    return this.byTopic.get(entry)?.say;
  }

  /** A whole denial sentence template for a topic, if the lexicon gives one. */
  negative(entry: TopicEntry): string | undefined {
    return this.byTopic.get(entry)?.negative;
  }
}

/**
 * Parses a lay-term file against the vocabulary; every problem names the file
 * and the entry. `strict: false` skips topics the vocabulary lacks (a reduced
 * vocabulary in tests or a plug-in), instead of refusing the file.
 */
export function parseLayTerms(text: string, file: string, vocabulary: Vocabulary, strict = true): LayTerms {
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (e) {
    throw new ConfigError(`${file}: not valid YAML (${(e as Error).message.split('\n')[0]}).`);
  }
  const parsed = LayFile.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const [, topic, ...rest] = issue.path.map(String);
    const where = topic !== undefined ? `entry "${topic}"${rest.length ? ` (${rest.join('.')})` : ''}` : 'top level';
    throw new ConfigError(`${file}: ${where}: ${issue.message}.`);
  }
  const phrases: LayPhrase[] = [];
  const byTopic = new Map<TopicEntry, LayEntry>();
  for (const [topic, lay] of Object.entries(parsed.data.terms)) {
    const entry = vocabulary.lookup(topic);
    if (!entry && !strict) continue;
    if (!entry) throw new ConfigError(`${file}: entry "${topic}": not a topic of data/vocabulary/topics.yaml; add it there first or fix the spelling.`);
    byTopic.set(entry, lay);
    for (const phrase of lay.phrases) phrases.push({ phrase, entry });
  }
  return new LayTerms(phrases, byTopic);
}

const cached = new WeakMap<Vocabulary, LayTerms>();

/** Loads data/vocabulary/lay-terms.yaml once per vocabulary; strict against the shipped vocabulary. */
export function loadLayTerms(vocabulary: Vocabulary, path = join(dataDir(), 'vocabulary', 'lay-terms.yaml')): LayTerms {
  const shipped = path === join(dataDir(), 'vocabulary', 'lay-terms.yaml');
  const hit = cached.get(vocabulary);
  if (hit && shipped) return hit;
  const terms = parseLayTerms(readFileSync(path, 'utf8'), path, vocabulary, vocabulary === loadVocabulary());
  if (shipped) cached.set(vocabulary, terms);
  return terms;
}
