/**
 * Dumps every finished encounter in a SQLite store as stable JSON lines, for
 * byte-identical checks across a restructure: `tsx scripts/dump-run.ts <store.db> [> out.jsonl]`.
 *
 * Run ids, encounter ids and timestamps are random or wall-clock by design, so
 * an encounter is keyed by what it is (case, doctor, protocol, seed) and
 * every `at`/`startedAt`/`finishedAt` is left out. Events keep their stored
 * order (seq) and scores their insertion order (rowid): a reordering is a
 * difference too.
 *
 * The check used for issue 11, run on the commit before and after a change:
 *   for a in "--suite quick --seeds 3" "--suite core --seeds 2 --protocol default --protocol sdbench"; do
 *     node bin/rounds.js run $a -d baseline -d checklist -d script:test/fixtures/script-stemi.yaml --store x.db --report none -q
 *   done
 *   npx tsx scripts/dump-run.ts x.db > before.jsonl   # then after.jsonl, and: cmp before.jsonl after.jsonl
 */
import Database from 'better-sqlite3';

const path = process.argv[2];
if (!path) {
  process.stderr.write('usage: tsx scripts/dump-run.ts <store.db>\n');
  process.exit(2);
}
const db = new Database(path, { readonly: true, fileMustExist: true });

interface Row {
  id: string;
  run_id: string;
  case_id: string;
  doctor: string;
  protocol: string;
  seed: string;
  status: string;
  end_reason: string | null;
  verdict: string | null;
  cost: number | null;
  turns: number | null;
}

const encounters = db.prepare('SELECT id, run_id, case_id, doctor, protocol, seed, status, end_reason, verdict, cost, turns FROM encounters').all() as Row[];
const events = db.prepare('SELECT seq, type, body FROM events WHERE encounter_id = ? ORDER BY seq');
const scores = db.prepare('SELECT name, value, detail FROM scores WHERE encounter_id = ? ORDER BY rowid');

/** Drops wall-clock fields at any depth; everything else is kept as stored. */
function strip(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(strip);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (k !== 'at' && k !== 'startedAt' && k !== 'finishedAt') out[k] = strip(v);
    return out;
  }
  return value;
}

const key = (e: Row) => [e.case_id, e.doctor, e.protocol, e.seed].join('\u0000');
encounters.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
let nEvents = 0;
let nScores = 0;
for (const e of encounters) {
  const evs = (events.all(e.id) as Array<{ seq: number; type: string; body: string }>).map((r) => ({
    seq: r.seq,
    type: r.type,
    body: strip(JSON.parse(r.body)),
  }));
  const sc = scores.all(e.id);
  nEvents += evs.length;
  nScores += sc.length;
  const { id: _id, run_id: _run, ...rest } = e;
  process.stdout.write(JSON.stringify({ ...rest, events: evs, scores: sc }) + '\n');
}
process.stderr.write(`${encounters.length} encounters, ${nEvents} events, ${nScores} scores\n`);
