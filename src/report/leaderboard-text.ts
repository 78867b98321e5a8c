import { headlineAccuracy, type MeanValue } from './aggregate.js';
import { MISSING, money, pct } from './format.js';
import type { Leaderboard, LeaderboardRow } from './leaderboard.js';

const share = (m: MeanValue | null) => (m ? pct(m.mean) : MISSING);

function row(r: LeaderboardRow): string[] {
  const acc = headlineAccuracy(r);
  const clustered = acc && 'clusteredCases' in acc && acc.clusteredCases ? ' †' : '';
  return [
    r.rank === undefined ? '-' : String(r.rank),
    r.doctor,
    String(r.cases),
    pct(acc?.estimate),
    acc ? `${pct(acc.low)}–${pct(acc.high)}${clustered}` : MISSING,
    money(r.cost?.mean),
    share(r.mustAsk),
    share(r.mustOrder),
    share(r.confirmed),
    share(r.cantMissMissed),
    share(r.prematureClosure),
  ];
}

const HEAD = [
  '#',
  'doctor',
  'cases',
  'top-1 %',
  '95% CI',
  'mean cost',
  'must-ask %',
  'must-order %',
  'confirmed %',
  'cant-miss missed %',
  'premature closure %',
];

function table(rows: string[][]): string[] {
  const widths = HEAD.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 1 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(HEAD), ...rows.map(line)];
}

/** The cross-run leaderboard as plain text: one table per board, too-few-cases doctors under their board's table. */
export function formatLeaderboard(lb: Leaderboard): string {
  if (lb.boards.length === 0) return 'No finished encounters yet.\n';
  const out: string[] = [];
  for (const b of lb.boards) {
    const set = b.caseSetHash ? `case set ${b.caseSetHash.slice(0, 12)}` : 'no case-set hash';
    out.push(`== ${b.suites.join(', ') || 'cases'} · ${b.protocol} · ${b.cases} case${b.cases === 1 ? '' : 's'} (${set}; runs ${b.runs.join(', ')})`);
    if (b.note) out.push(`   note: ${b.note}`);
    if (b.ranked.length) out.push(...table(b.ranked.map(row)));
    else out.push(`   no doctor has ${lb.minCases} cases here: nothing ranked`);
    if (b.tooFew.length) {
      out.push(`   too few cases (under ${lb.minCases}), not ranked:`);
      out.push(...table(b.tooFew.map(row)).map((l) => `   ${l}`));
    }
    out.push('');
  }
  out.push('† the interval resamples cases: the doctor\u2019s seeds differ, so they are replicates of a case, not new samples.');
  return `${out.join('\n')}\n`;
}
