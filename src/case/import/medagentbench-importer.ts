import { writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { yaml } from '../../util/yaml.js';
import { ConfigError, formatProblem } from '../../util/errors.js';
import { displayPath } from '../load.js';
import { importMedAgentBench } from './medagentbench.js';
import type { TaskFileImporter } from './registry.js';

/**
 * `rounds import medagentbench`: their task file plus a FHIR Bundle of their
 * patients becomes one EHR task file (the Bundle's resources seeded for every
 * task), not case files: run it with `--suite ehr:<file>`.
 */
export const medAgentBenchImporter: TaskFileImporter = {
  output: 'ehr-tasks',
  name: 'medagentbench',
  description: 'import MedAgentBench tasks (JSON list of {id, instruction, context, sol, eval_MRN}) with a FHIR Bundle of their patients, as one EHR task file',
  files: 'the MedAgentBench task JSON file',
  flags: [{ flags: '--bundle <file>', description: "FHIR Bundle (JSON) holding the tasks' patients and their records" }],
  out: { flags: '--out <file>', description: 'the EHR task file to write (YAML, required); run it with --suite ehr:<file>' },
  checkOptions() {},
  write({ files, out, options }) {
    if (files.length !== 1) throw new ConfigError(`rounds import medagentbench takes one task file, not ${files.length}; import each into its own task file.`);
    const [file] = files;
    // Throws, before anything is written, when the bundle is missing: the message says exactly what to pass.
    const r = importMedAgentBench({ file, bundle: options.bundle });
    writeFileSync(
      out,
      `# Imported from MedAgentBench (${basename(file)}, bundle ${basename(options.bundle!)}) by rounds import medagentbench.\n${yaml().stringify({ resources: r.resources, tasks: r.tasks }, { lineWidth: 0 })}`,
    );
    const types = [...r.byType.entries()].sort((a, b) => Number(a[0].slice(4)) - Number(b[0].slice(4))).map(([t, n]) => `${t} ${n}`);
    return {
      written: r.tasks.length,
      lines: [
        `${displayPath(file)}: ${r.tasks.length} task${r.tasks.length === 1 ? '' : 's'} imported (${types.join(', ') || 'none'}), ${r.skipped.length} skipped, ${r.resources.length} bundle resources`,
        ...r.skipped.map((p) => `  ${formatProblem({ ...p, file: displayPath(p.file) })}`),
      ],
    };
  },
  loadSuite() {
    throw new ConfigError(
      "MedAgentBench tasks need their patients' FHIR Bundle, which a suite name cannot carry: import them with rounds import medagentbench <file> --bundle <bundle> --out tasks.yaml, then run --suite ehr:tasks.yaml.",
    );
  },
};
