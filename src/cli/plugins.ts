import type { Command } from 'commander';
import type { Registry, RegistryEntry } from '../util/registry.js';
import { handled } from './errors.js';

/** One registered plug-in as `rounds <kind> list --json` prints it. */
export interface PluginRow {
  /** The actor's role (patient, examiner, lab); only actors have one. */
  role?: string;
  name: string;
  summary: string;
  argument?: string;
  options: Array<{ name: string; description: string; default?: string }>;
}

/** The rows of a registry, sorted by name. */
export function pluginRows(registry: Registry<unknown>, role?: string): PluginRow[] {
  return registry.list().map((e: RegistryEntry<unknown>) => ({
    ...(role ? { role } : {}),
    name: e.name,
    summary: e.summary,
    ...(e.argument ? { argument: e.argument } : {}),
    options: (e.options ?? []).map((o) => ({ name: o.name, description: o.description, ...(o.default !== undefined ? { default: o.default } : {}) })),
  }));
}

/** Plain text: the name (and argument), the summary, then one indented line per option with its default. */
export function formatPluginRows(rows: PluginRow[]): string {
  const out: string[] = [];
  for (const r of rows) {
    out.push(`${r.role ? `${r.role} ` : ''}${r.name}${r.argument ? `:${r.argument}` : ''}`);
    out.push(`  ${r.summary}`);
    if (r.options.length === 0) out.push('  (no options)');
    const width = Math.max(0, ...r.options.map((o) => o.name.length + (o.default !== undefined ? o.default.length + 1 : 0)));
    for (const o of r.options) out.push(`    ${`${o.name}${o.default !== undefined ? `=${o.default}` : ''}`.padEnd(width)}  ${o.description}`);
  }
  return out.join('\n');
}

/** `rounds <kind> list [--json]`; the registry is imported only when the command runs. */
function listCommand(program: Command, kind: string, description: string, rows: () => Promise<PluginRow[]>): void {
  program
    .command(kind)
    .description(description)
    .command('list')
    .description(`list the registered ${kind}: name, summary, options with defaults`)
    .option('--json', 'print JSON')
    .action(
      handled(async (opts: { json?: boolean }) => {
        const list = await rows();
        console.log(opts.json ? JSON.stringify(list, null, 2) : formatPluginRows(list));
      }),
    );
}

export function registerDoctorsCommand(program: Command): void {
  listCommand(program, 'doctors', 'list the doctors --doctor can name', async () => pluginRows((await import('../doctors/registry.js')).doctors));
}

export function registerProtocolsCommand(program: Command): void {
  listCommand(program, 'protocols', 'list the protocols --protocol can name', async () =>
    pluginRows((await import('../encounter/protocol-registry.js')).protocols),
  );
}

export function registerImportersCommand(program: Command): void {
  listCommand(program, 'importers', 'list the importers `rounds import <kind>` and --suite <kind>:<file> can name', async () =>
    pluginRows((await import('../case/import/registry.js')).importers),
  );
}

export function registerActorsCommand(program: Command): void {
  listCommand(program, 'actors', 'list the patients, examiners and labs --patient and --lab can name', async () => {
    const { ACTOR_ROLES } = await import('../actors/registry.js');
    return Object.entries(ACTOR_ROLES).flatMap(([role, registry]) => pluginRows(registry as Registry<unknown>, role));
  });
}
