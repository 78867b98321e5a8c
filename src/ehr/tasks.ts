import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { parseYaml } from '../util/parse-cache.js';
import { z } from 'zod';
import { Case } from '../case/schema.js';
import { EhrPatientRecord, EhrTask } from '../case/ehr-schema.js';
import type { LoadedCase } from '../case/load.js';
import { dataDir } from '../util/paths.js';
import type { CaseProblem } from '../util/errors.js';
import { ageOn } from '../case/ehr-rules.js';

export { ageOn };

/** A task file: a list of tasks, or tasks with the records (compact or raw FHIR) they run on. */
const TaskFile = z.union([
  z.array(z.unknown()),
  z
    .object({
      patients: z.array(z.unknown()).default([]),
      /** Raw FHIR resources (e.g. from an imported Bundle) seeded for every task of the file. */
      resources: z.array(z.record(z.string(), z.unknown())).default([]),
      tasks: z.array(z.unknown()),
    })
    .strict(),
]);

export function ehrDir(): string {
  return join(dataDir(), 'ehr');
}

function yamlFiles(target: string): string[] {
  if (!existsSync(target)) return [];
  if (statSync(target).isFile()) return [target];
  return readdirSync(target)
    .filter((f) => ['.yaml', '.yml', '.json'].includes(extname(f)))
    .sort()
    .map((f) => join(target, f));
}

/** The shipped synthetic patients by MRN, one YAML file each in data/ehr/patients. */
export function loadEhrPatients(dir = join(ehrDir(), 'patients')): { records: Map<string, EhrPatientRecord>; problems: CaseProblem[] } {
  const records = new Map<string, EhrPatientRecord>();
  const problems: CaseProblem[] = [];
  for (const file of yamlFiles(dir)) {
    const r = EhrPatientRecord.safeParse(parseYaml(readFileSync(file, 'utf8')));
    if (!r.success) for (const i of r.error.issues) problems.push({ file, path: i.path.join('.'), message: i.message });
    else if (records.has(r.data.mrn)) problems.push({ file, path: 'mrn', message: `duplicate MRN ${r.data.mrn}` });
    else records.set(r.data.mrn, r.data);
  }
  return { records, problems };
}

export interface LoadedTask {
  task: EhrTask;
  file: string;
  /** The records and raw resources the task's store is seeded with. */
  records: EhrPatientRecord[];
  resources: Record<string, unknown>[];
}

/** Loads EHR tasks from a file or folder (default data/ehr/tasks); bad tasks come back as problems with their file and path. */
export function loadEhrTasks(target = join(ehrDir(), 'tasks'), patients = loadEhrPatients()): { tasks: LoadedTask[]; problems: CaseProblem[] } {
  const tasks: LoadedTask[] = [...[]];
  const problems: CaseProblem[] = [...patients.problems];
  const seen = new Map<string, string>();
  for (const file of yamlFiles(target)) {
    let raw: unknown;
    try {
      raw = parseYaml(readFileSync(file, 'utf8'));
    } catch (e) {
      problems.push({ file, path: '', message: `not valid YAML: ${(e as Error).message.split('\n')[0]}` });
      continue;
    }
    const f = TaskFile.safeParse(raw);
    if (!f.success) {
      problems.push({ file, path: '', message: 'a task file holds a list of tasks, or { patients, resources, tasks }' });
      continue;
    }
    const body = Array.isArray(f.data) ? { patients: [], resources: [], tasks: f.data } : f.data;
    const local = new Map(patients.records);
    body.patients.forEach((p, i) => {
      const r = EhrPatientRecord.safeParse(p);
      if (!r.success) for (const is of r.error.issues) problems.push({ file, path: `patients[${i}].${is.path.join('.')}`, message: is.message });
      else local.set(r.data.mrn, r.data);
    });
    body.tasks.forEach((t, i) => {
      const r = EhrTask.safeParse(t);
      if (!r.success) {
        for (const is of r.error.issues) problems.push({ file, path: `tasks[${i}].${is.path.join('.')}`, message: is.message });
        return;
      }
      const task = r.data;
      const prior = seen.get(task.id);
      if (prior) {
        problems.push({ file, path: `tasks[${i}].id`, message: `duplicate task id "${task.id}" (also in ${prior})` });
        return;
      }
      seen.set(task.id, file);
      const mrns = [...new Set([task.patient, ...task.seed])];
      const missing = mrns.filter((m) => !local.has(m));
      // A task on raw FHIR resources (an imported Bundle) names patients the compact records do not hold.
      if (missing.length && body.resources.length === 0) {
        problems.push({ file, path: `tasks[${i}].seed`, message: `no patient record for ${missing.join(', ')}` });
        return;
      }
      tasks.push({ task, file, records: mrns.filter((m) => local.has(m)).map((m) => local.get(m)!), resources: body.resources });
    });
  }
  return { tasks, problems };
}

/**
 * An EHR task as a case, so it runs through the normal run, store and report
 * path: the instruction and context are the presentation, the task type
 * labels the diagnosis column (per-type success in reports), and the `ehr`
 * section carries the task and its seed.
 */
export function taskToCase(t: LoadedTask): Case {
  const { task } = t;
  // Demographics label the encounter: from the compact record, else from a raw Patient resource (an imported Bundle).
  const raw = t.resources.find((r) => r.resourceType === 'Patient' && r.id === task.patient) as { birthDate?: string; gender?: string } | undefined;
  const who = t.records.find((r) => r.mrn === task.patient) ?? raw;
  const birth = typeof who?.birthDate === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(who.birthDate) ? who.birthDate : undefined;
  // An unknown birth date leaves the age unknown to the doctor's header; 0 would read as a newborn, so a neutral adult age is shown.
  const age = birth ? ageOn(birth, task.now) : 50;
  const sex = who?.gender === 'male' || who?.gender === 'female' ? who.gender : 'other';
  return Case.parse({
    id: task.id,
    title: `EHR ${task.type}: ${task.instruction.slice(0, 80)}`,
    specialty: 'ehr',
    tags: ['ehr', task.type, task.kind],
    difficulty: 'easy',
    source: { kind: 'synthetic', author: 'rounds', license: 'CC-BY-4.0' },
    patient: { age: Math.max(0, Math.min(120, age)), sex },
    presentation: `${task.instruction}${task.context ? `\n\nContext: ${task.context}` : ''}`,
    // Not a diagnosis: the task type, so reports group success by type; the ehr scorer never reads it.
    diagnosis: { name: `EHR task: ${taskGroup(task)}`, icd10: 'Z02.9' },
    ehr: { task, records: t.records, resources: t.resources },
  });
}

/** The report group of a task: its type, and for an imported MedAgentBench task its numbered type (medagentbench-task5). */
function taskGroup(task: EhrTask): string {
  const n = task.type === 'medagentbench' ? /^mab-(task\d+)-/.exec(task.id)?.[1] : undefined;
  return n ? `medagentbench-${n}` : task.type;
}

/** `--suite ehr` (the shipped tasks) or `--suite ehr:<file or folder>`: EHR tasks as cases. */
export function loadEhrSuite(target?: string): { cases: LoadedCase[]; problems: CaseProblem[] } {
  const { tasks, problems } = loadEhrTasks(target);
  return { cases: tasks.map((t) => ({ kase: taskToCase(t), file: t.file })), problems };
}
