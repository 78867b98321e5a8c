import { readFileSync } from 'node:fs';
import { parseYaml } from '../util/parse-cache.js';
import { join } from 'node:path';
import { z } from 'zod';
import { dataDir } from '../util/paths.js';
import { normalize } from '../util/text.js';

const TopicEntry = z
  .object({
    topic: z.string(),
    category: z.string(),
    question: z.string(),
    negative: z.string().optional(),
    synonyms: z.array(z.string()).default([]),
  })
  .strict();
export type TopicEntry = z.infer<typeof TopicEntry>;

/** The shared medical vocabulary: canonical history topics and their synonyms. */
export class Vocabulary {
  readonly topics: readonly TopicEntry[];
  private readonly canonical = new Map<string, TopicEntry>();

  constructor(topics: TopicEntry[]) {
    this.topics = topics;
    for (const t of topics)
      for (const p of [t.topic, ...t.synonyms]) {
        const key = normalize(p);
        if (key && !this.canonical.has(key)) this.canonical.set(key, t);
      }
  }

  /** The canonical topic a phrase names exactly, if any. */
  lookup(phrase: string): TopicEntry | undefined {
    return this.canonical.get(normalize(phrase));
  }

  /** Every (phrase, topic) pair, for scanning free text. */
  phrases(): Array<[string, TopicEntry]> {
    return [...this.canonical.entries()];
  }
}

let cached: Vocabulary | undefined;
// The shipped file's path for the data folder last asked about: every doctor built loads the vocabulary again.
let shipped = { dir: '', path: '' };

function shippedPath(): string {
  const dir = dataDir();
  if (shipped.dir !== dir) shipped = { dir, path: join(dir, 'vocabulary', 'topics.yaml') };
  return shipped.path;
}

/** Loads data/vocabulary/topics.yaml once per process. */
export function loadVocabulary(path = shippedPath()): Vocabulary {
  if (cached && path === shippedPath()) return cached;
  const raw = parseYaml(readFileSync(path, 'utf8')) as { topics: unknown };
  const v = new Vocabulary(z.array(TopicEntry).parse(raw.topics));
  cached = v;
  return v;
}
