import { join } from 'node:path';
import { loadCases } from '../case/load.js';
import type { Case } from '../case/schema.js';
import { dataDir } from '../util/paths.js';
import { NotFoundError } from '../util/errors.js';

/** The fields of a case that give the answer away; returned only on an authorised `?reveal=1`. */
export const HIDDEN_CASE_FIELDS = ['facts', 'results', 'diagnosis', 'differential', 'expected', 'pathway', 'extra', 'media'] as const;

/** The shipped cases, loaded once, looked up by id (never by a path from a request). */
export class CaseIndex {
  private cases: Map<string, Case> | undefined;
  private invalid = 0;

  constructor(private readonly folder: string = join(dataDir(), 'cases')) {}

  private load(): Map<string, Case> {
    if (!this.cases) {
      const loaded = loadCases(this.folder);
      this.invalid = loaded.problems.length;
      this.cases = new Map(loaded.cases.map((c) => [c.kase.id, c.kase]));
    }
    return this.cases;
  }

  all(): Case[] {
    return [...this.load().values()];
  }

  /** Problems found in the case files (those cases are left out of the list). */
  problems(): number {
    this.load();
    return this.invalid;
  }

  get(id: string): Case {
    const kase = this.load().get(id);
    if (!kase) throw new NotFoundError(`No case "${id}"; GET /api/cases lists the cases.`);
    return kase;
  }
}

/** A case without the fields that give the answer away. */
export function publicCase(kase: Case) {
  return {
    id: kase.id,
    title: kase.title,
    specialty: kase.specialty,
    tags: kase.tags,
    difficulty: kase.difficulty,
    source: kase.source,
    patient: kase.patient,
    presentation: kase.presentation,
  };
}
