import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { displayPath, loadCases } from '../case/load.js';
import type { EhrSection } from '../case/ehr-schema.js';
import { recordFromCase } from '../ehr/record-from-case.js';
import { seedResources } from '../ehr/grade.js';
import { recordToResources } from '../ehr/seed.js';
import { dataDir } from '../util/paths.js';
import { ConfigError, NotFoundError, formatProblem } from '../util/errors.js';
import { yaml } from '../util/yaml.js';
import { handled } from './errors.js';
import { prepareOutDir } from './out-dir.js';

/** YAML with each [time, value] pair on one line, so a record reads as a compact table. */
function compactYaml(value: unknown): string {
  const { Document, isScalar, isSeq, visit } = yaml();
  const doc = new Document(value);
  visit(doc, {
    Seq(_, node) {
      if (node.items.length === 2 && node.items.every((i) => isScalar(i))) node.flow = true;
      else if (isSeq(node) && node.items.length > 0 && node.items.every((i) => isScalar(i) && typeof i.value === 'string' && i.value.length < 24))
        node.flow = true;
    },
  });
  return doc.toString({ lineWidth: 0 });
}

export function registerEhrGenerate(ehr: Command): void {
  ehr
    .command('generate')
    .description(
      "build the patient's prior record (FHIR-ready: vitals and labs over time with LOINC, problems with ICD-10-CM/SNOMED, medicines with RxNorm) for clinical cases",
    )
    .option('--case <id>', 'one case by id (default: every case)')
    .option('--cases <path>', 'case file or folder (default: the shipped data/cases)')
    .option('--out <dir>', 'write each case with its ehr section to <dir>/<id>.yaml (runs with --suite <dir>); without it, print the ehr sections')
    .action(
      handled(async (opts: { case?: string; cases?: string; out?: string }) => {
        const source = opts.cases ?? join(dataDir(), 'cases');
        const started = performance.now();
        const loaded = loadCases(source);
        if (loaded.problems.length) {
          for (const p of loaded.problems) console.error(formatProblem({ ...p, file: displayPath(p.file) }));
          throw new ConfigError(`${displayPath(source)} holds invalid cases; fix them (rounds cases validate) before generating records.`);
        }
        let cases = loaded.cases;
        if (opts.case !== undefined) {
          cases = cases.filter((c) => c.kase.id === opts.case);
          if (cases.length === 0) throw new NotFoundError(`No case "${opts.case}" in ${displayPath(source)}; list the ids with rounds cases list.`);
        }
        // A record needs a clinical case: an EHR task already carries its own.
        cases = cases.filter((c) => !c.kase.ehr?.task);
        const out = opts.out ? prepareOutDir(opts.out) : undefined;
        let resources = 0;
        let seeded = 0;
        const docs: string[] = [];
        for (const { kase } of cases) {
          const section: EhrSection = recordFromCase(kase);
          resources += section.records.flatMap(recordToResources).length;
          seeded += seedResources(section).length;
          const { records, now } = section;
          if (out) {
            const text = compactYaml({ ...kase, ehr: { now, records } });
            writeFileSync(
              join(out, `${kase.id}.yaml`),
              `# Written by rounds ehr generate from ${kase.id}: the case with its patient's prior record (synthetic).\n${text}`,
            );
          } else docs.push(`# ${kase.id}\n${compactYaml({ ehr: { now, records } })}`);
        }
        const ms = performance.now() - started;
        if (!out) process.stdout.write(docs.join('---\n'));
        const n = cases.length;
        console.error(
          `${n} record${n === 1 ? '' : 's'}: ${resources} FHIR resources (${n ? (resources / n).toFixed(1) : 0} per record; ${seeded} seeded before the encounter, the rest are its own results)${out ? ` written to ${displayPath(out)}` : ''} in ${Math.round(ms)} ms`,
        );
      }),
    );
}
