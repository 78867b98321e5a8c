import type { Command } from 'commander';
import { displayPath } from '../case/load.js';
import { seedResources } from '../ehr/grade.js';
import { loadEhrTasks, taskToCase } from '../ehr/tasks.js';
import { ConfigError, NotFoundError, formatProblem } from '../util/errors.js';
import { yaml } from '../util/yaml.js';
import { handled } from './errors.js';
import { registerEhrGenerate } from './ehr-generate.js';

export function registerEhrCommand(program: Command): void {
  const ehr = program.command('ehr').description("EHR tasks over FHIR R4: list and check tasks, show one, try FHIR calls on a task's record");
  ehr
    .command('tasks')
    .description('count the EHR tasks by type and kind and report invalid ones (exit 1 when any is invalid)')
    .argument('[path]', 'task file or folder (default: the shipped data/ehr/tasks)')
    .action(
      handled(async (path?: string) => {
        const { tasks, problems } = loadEhrTasks(path);
        const byType = new Map<string, { query: number; action: number }>();
        for (const { task } of tasks) {
          const c = byType.get(task.type) ?? { query: 0, action: 0 };
          c[task.kind]++;
          byType.set(task.type, c);
        }
        for (const [type, c] of [...byType.entries()].sort())
          console.log(`${type.padEnd(24)} ${String(c.query + c.action).padStart(4)}  (${c.query} query, ${c.action} action)`);
        console.log(`${tasks.length} tasks in ${byType.size} types`);
        for (const p of problems) console.log(formatProblem({ ...p, file: displayPath(p.file) }));
        if (problems.length) process.exitCode = 1;
      }),
    );
  ehr
    .command('show')
    .description('print one task (instruction, expected outcome, reference solution) as YAML')
    .argument('<task-id>')
    .option('--tasks <path>', 'task file or folder (default: the shipped tasks)')
    .action(
      handled(async (id: string, opts: { tasks?: string }) => {
        const t = loadEhrTasks(opts.tasks).tasks.find((x) => x.task.id === id);
        if (!t) throw new NotFoundError(`No EHR task "${id}"; list them with rounds ehr tasks.`);
        process.stdout.write(yaml().stringify(t.task, { lineWidth: 0 }));
      }),
    );
  registerEhrGenerate(ehr);
  ehr
    .command('request')
    .description("make one FHIR call against a fresh store seeded with a task's record and print the answer")
    .argument('<task-id>')
    .argument('<method>', 'GET, POST or PUT')
    .argument('<url>', 'e.g. "Observation?patient=S2000001&code=2823-3&_sort=-date"')
    .argument('[body]', 'JSON body for POST or PUT')
    .option('--tasks <path>', 'task file or folder (default: the shipped tasks)')
    .action(
      handled(async (id: string, method: string, url: string, body: string | undefined, opts: { tasks?: string }) => {
        const t = loadEhrTasks(opts.tasks).tasks.find((x) => x.task.id === id);
        if (!t) throw new NotFoundError(`No EHR task "${id}"; list them with rounds ehr tasks.`);
        if (body !== undefined && method.toUpperCase() === 'GET') throw new ConfigError('A GET takes no body.');
        // Medplum (and its FHIR definitions) loads only for this subcommand: `tasks` and `show` never open a store.
        const { EmbeddedFhirStore } = await import('../ehr/fhir-store.js');
        const store = new EmbeddedFhirStore();
        await store.seed(seedResources(taskToCase(t).ehr!));
        const r = await store.request({ method, url, body });
        console.log(`${r.status}`);
        console.log(JSON.stringify(r.body, null, 2));
        if (r.status >= 400) process.exitCode = 1;
      }),
    );
}
