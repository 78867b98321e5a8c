/** How an encounter's diagnosis was judged. `no-diagnosis` is incorrect but counted apart; `error` is neither right nor wrong. */
export type Verdict = 'correct' | 'partial' | 'incorrect' | 'no-diagnosis' | 'error';

/** One score with the reason it was given. `value` is null when it cannot be computed (never defaulted). */
export interface Score {
  name: string;
  value: number | null;
  detail: string;
}

export interface EncounterScores {
  verdict: Verdict;
  scores: Score[];
}
