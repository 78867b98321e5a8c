import type { Command } from 'commander';
import { openStore, DEFAULT_STORE } from '../store/store.js';
import { agreementTable } from '../scoring/agreement.js';
import { formatAgreement } from '../report/agreement-text.js';
import { readLabelsFile } from '../report/labels-file.js';
import { HUMAN_LABEL, ratingsOf } from '../report/ratings.js';
import { handled } from './errors.js';

export function registerJudgeAgreementCommand(program: Command): void {
  program
    .command('judge-agreement')
    .description("Cohen's kappa between the llm judge, the deterministic match and human labels for a stored run")
    .argument('<run-id>', 'run id (a unique prefix is enough), or latest')
    .option('--labels <file>', 'human labels: CSV with encounter_id,label or JSONL {"encounter_id","label"}; labels are correct/incorrect, 1/0 or 1–5 grades')
    .option('--save', 'store the labels of --labels in the run (as the human_label score) so reports show agreement')
    .option('--grader <name>', 'who gave the labels, recorded with --save', 'labels file')
    .option('--store <path>', 'SQLite file', DEFAULT_STORE)
    .option('--json', 'print the table as JSON')
    .action(
      handled(async (id: string, opts: { labels?: string; save?: boolean; grader: string; store: string; json?: boolean }) => {
        const labels = opts.labels ? readLabelsFile(opts.labels) : undefined;
        const store = await openStore(opts.store, { mustExist: true, readOnly: !opts.save });
        try {
          const data = await store.reportData(id);
          const known = new Set(data.encounters.map((e) => e.id));
          const unknown = [...(labels?.keys() ?? [])].filter((k) => !known.has(k));
          if (unknown.length)
            process.stderr.write(`${unknown.length} label(s) name encounters not in run ${data.run.id} and were ignored (e.g. ${unknown[0]}).\n`);
          if (opts.save && labels) {
            for (const [encounterId, v] of labels) {
              if (!known.has(encounterId)) continue;
              await store.setScore(encounterId, { name: HUMAN_LABEL, value: v, detail: `${v ? 'correct' : 'incorrect'} (labelled by ${opts.grader})` });
            }
            process.stderr.write(`Saved ${labels.size - unknown.length} label(s) in ${store.location}.\n`);
          }
          const rows = agreementTable(ratingsOf(data.encounters, labels), { seed: data.run.id });
          process.stdout.write(opts.json ? `${JSON.stringify({ runId: data.run.id, rows }, null, 2)}\n` : formatAgreement(rows));
        } finally {
          await store.close();
        }
      }),
    );
}
