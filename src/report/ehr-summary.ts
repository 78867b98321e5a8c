import type { EncounterDetail, RunReportData } from '../store/types.js';

/** EHR task results of one doctor under one protocol for one task type (or a kind: query / action). */
export interface EhrRow {
  doctor: string;
  protocol: string;
  /** A task type, or `query tasks` / `action tasks` / `all`. */
  group: string;
  n: number;
  success: number;
  errors: number;
  writes: number;
  invalid: number;
  calls: number;
  /** The check names that failed most often, with counts. */
  failedChecks: Array<{ name: string; count: number }>;
}

const TYPE_PREFIX = 'EHR task: ';

/** The task type an EHR encounter ran (its diagnosis column holds it), or undefined for a clinical case. */
export function ehrTaskType(e: EncounterDetail): string | undefined {
  return e.specialty === 'ehr' && e.diagnosis.startsWith(TYPE_PREFIX) ? e.diagnosis.slice(TYPE_PREFIX.length) : undefined;
}

/**
 * Success per task type, per kind (query tasks are those graded on writing
 * nothing) and overall, with the writes made, the requests refused, and the
 * checks that failed most: the EHR section of a report. Empty when the run
 * has no EHR tasks.
 */
export function summarizeEhr(data: RunReportData): EhrRow[] {
  const done = data.encounters.filter((e) => e.status === 'done' && ehrTaskType(e));
  const groups = new Map<string, { doctor: string; protocol: string; group: string; list: EncounterDetail[] }>();
  const put = (e: EncounterDetail, group: string) => {
    const key = `${e.doctor}\u0000${e.protocol}\u0000${group}`;
    const g = groups.get(key) ?? { doctor: e.doctor, protocol: e.protocol, group, list: [] };
    g.list.push(e);
    groups.set(key, g);
  };
  for (const e of done) {
    put(e, ehrTaskType(e)!);
    put(e, 'ehr:no-writes' in e.scores ? 'query tasks' : 'action tasks');
    put(e, 'all');
  }
  const order = (g: string) => (g === 'all' ? 2 : g.endsWith(' tasks') ? 1 : 0);
  return [...groups.values()]
    .sort(
      (a, b) => a.doctor.localeCompare(b.doctor) || a.protocol.localeCompare(b.protocol) || order(a.group) - order(b.group) || a.group.localeCompare(b.group),
    )
    .map(({ doctor, protocol, group, list }) => {
      const sum = (name: string) => list.reduce((s, e) => s + (e.scores[name]?.value ?? 0), 0);
      const failed = new Map<string, number>();
      for (const e of list)
        for (const [name, s] of Object.entries(e.scores))
          if (name.startsWith('ehr:') && s.value === 0) failed.set(name.slice(4), (failed.get(name.slice(4)) ?? 0) + 1);
      return {
        doctor,
        protocol,
        group,
        n: list.length,
        success: list.filter((e) => e.verdict === 'correct').length,
        errors: list.filter((e) => e.verdict === 'error').length,
        writes: sum('ehr_writes'),
        invalid: sum('ehr_invalid'),
        calls: sum('ehr_calls'),
        failedChecks: [...failed.entries()]
          .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
          .slice(0, 3)
          .map(([name, count]) => ({ name, count })),
      };
    });
}
