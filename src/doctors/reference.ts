import type { Action } from '../encounter/actions.js';
import type { DoctorFactory } from '../encounter/doctor.js';
import { loadEhrTasks } from '../ehr/tasks.js';
import type { EhrTask } from '../case/ehr-schema.js';
import { ConfigError, RoundsError } from '../util/errors.js';
import { checkOptions, type DoctorSpec } from './spec.js';

/**
 * `reference` plays each EHR task's reference solution: its FHIR calls in
 * order, then FINISH with its answer. Every grader is thereby checked by a
 * run that must score 100%. `reference:<file or folder>` takes the solutions
 * from other task files (e.g. a deliberately broken one) while the suite
 * keeps the expectations.
 */
export function referenceDoctor(spec: DoctorSpec): DoctorFactory {
  checkOptions(spec, []);
  const source = spec.argument;
  let byId: Map<string, EhrTask> | undefined;
  const solutions = () => {
    if (byId) return byId;
    const { tasks, problems } = loadEhrTasks(source);
    if (source && tasks.length === 0) {
      throw new ConfigError(`The reference doctor found no tasks in ${source}${problems.length ? ` (${problems[0].path}: ${problems[0].message})` : ''}.`);
    }
    byId = new Map(tasks.map((t) => [t.task.id, t.task]));
    return byId;
  };
  if (source) solutions();
  return {
    name: source ? `reference:${source}` : 'reference',
    create() {
      let step = 0;
      return {
        act(view): Action {
          if (!view.ehr) throw new RoundsError('The reference doctor plays EHR tasks only; this encounter is not one.');
          const task = solutions().get(view.ehr.taskId);
          // An imported task may carry its reference in the case alone; without one the doctor answers nothing.
          if (!task) throw new RoundsError(`The reference doctor has no solution for task ${view.ehr.taskId}.`);
          const call = task.reference.calls[step++];
          if (call) return { type: 'fhir', method: call.method, url: call.url, ...(call.body ? { body: call.body } : {}) };
          return { type: 'finish', answer: task.reference.answer };
        },
      };
    },
  };
}
