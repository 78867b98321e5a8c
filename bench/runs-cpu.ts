// CPU per GET /api/runs request, in-process (issue 15): `npx tsx bench/runs-cpu.ts`. A store of 3 runs x 1,080 done
// encounters; measured with the (run_id, status) index (migration 0003), without it (dropped: the previous
// schema), and with it again.
// Also the count query alone, raw on better-sqlite3. CPU time, not wall clock, so a shared machine's load does not inflate it.
import { sql } from 'kysely';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { openStore } from '../src/store/store.js';
import { createApp } from '../src/server/app.js';
const path = join(mkdtempSync(join(tmpdir(), 'runs-cpu-')), 's.db');
const now = new Date().toISOString();
{
  const store = await openStore(path);
  for (let r = 0; r < 3; r++) {
    await store.createRun(
      { id: `run${r}`, createdAt: now, updatedAt: now, status: 'done', config: { suites: ['core'], doctors: ['baseline'] }, versions: {}, total: 1080 },
      Array.from({ length: 1080 }, (_, i) => ({
        id: `r${r}e${i}`,
        ordinal: i,
        caseId: `c${i}`,
        specialty: 's',
        difficulty: 'easy',
        diagnosis: 'd',
        doctor: 'baseline',
        protocol: 'default',
        seed: `c${i}:1`,
      })),
    );
  }
  await store.close();
  const db = new BetterSqlite3(path);
  db.prepare("update encounters set status = 'done', verdict = 'correct'").run();
  db.close();
}
async function measure(label: string) {
  const store = await openStore(path);
  if (label === 'without index') await sql`drop index encounters_run_status`.execute(store.db);
  if (label === 'with index again') await sql`create index encounters_run_status on encounters (run_id, status)`.execute(store.db);
  await new Promise((r) => setTimeout(r, 50));
  const app = createApp({ store });
  for (let i = 0; i < 50; i++) await (await app.request('/api/runs')).text();
  const n = 1000;
  const c0 = process.cpuUsage();
  for (let i = 0; i < n; i++) await (await app.request('/api/runs')).text();
  const c = process.cpuUsage(c0);
  const h0 = process.cpuUsage();
  for (let i = 0; i < n; i++) await (await app.request('/api/health')).text();
  const h = process.cpuUsage(h0);
  const l0 = process.cpuUsage();
  for (let i = 0; i < n; i++) await store.listRuns();
  const l = process.cpuUsage(l0);
  console.log(
    `${label}: /api/runs ${((c.user + c.system) / 1000 / n).toFixed(2)} ms CPU/request, store.listRuns ${((l.user + l.system) / 1000 / n).toFixed(2)} ms, /api/health ${((h.user + h.system) / 1000 / n).toFixed(2)} ms (3 runs x 1,080 done encounters, ${n} requests)`,
  );
  await app.shutdown();
  await store.close();
  const raw = new BetterSqlite3(path, { readonly: true });
  const q = raw.prepare("select run_id, count(*) as n from encounters where status = 'done' and run_id in ('run0', 'run1', 'run2') group by run_id");
  const r0 = process.cpuUsage();
  for (let i = 0; i < n; i++) q.all();
  const r = process.cpuUsage(r0);
  raw.close();
  console.log(`  the count query alone: ${((r.user + r.system) / 1000 / n).toFixed(3)} ms CPU`);
}
await measure('with index');
await measure('without index');
await measure('with index again');
