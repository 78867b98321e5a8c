import { mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// The helpers every on-disk cache shares (parse cache, disk memo, term data, topic index, validated cases,
// doctor readings): where the running code's sources are, whole-or-nothing writes, keeping only the newest files.

/** The running code's extension: `.ts` under tsx and vitest, `.js` in dist/. Caches key on the source as it runs. */
export const SOURCE_EXT = import.meta.url.endsWith('.ts') ? '.ts' : '.js';

/** The file of a module given without extension (`new URL('./x', import.meta.url)`), as this process runs it. */
export function sourceFile(module: URL): string {
  return fileURLToPath(`${module.href}${SOURCE_EXT}`);
}

/**
 * Writes a cache file aside and renames it into place, so a reader in another process sees the old file or the
 * new one, never half. Failing (a read-only home, a full disk) is never an error: the next process derives again.
 */
export function writeCacheFile(file: string, text: string): boolean {
  try {
    mkdirSync(join(file, '..'), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, text);
    renameSync(tmp, file);
    return true;
  } catch {
    return false;
  }
}

/** Deletes all but the `keep` newest files of `dir` named `<prefix>…<suffix>` (one per key: older keys are stale). */
export function pruneCacheFiles(dir: string, prefix: string, suffix: string, keep: number): void {
  try {
    const files = readdirSync(dir)
      .filter((f) => f.startsWith(prefix) && f.endsWith(suffix))
      .map((f) => ({ f, at: statSync(join(dir, f)).mtimeMs }))
      .sort((a, b) => b.at - a.at);
    for (const { f } of files.slice(keep)) rmSync(join(dir, f), { force: true });
  } catch {
    // Another process pruned first, or the folder is unreadable: nothing to keep tidy.
  }
}

// One 'exit' listener for every cache's save, however many caches (or, under vitest, module instances) ask:
// one listener each tripped Node's MaxListeners warning. Kept on the process, so a re-evaluated module shares it.
const SAVES = Symbol.for('rounds.cache-file.saves');
type WithSaves = NodeJS.Process & { [SAVES]?: Set<() => void> };

/** Runs `save` when the process exits (once, however often it is asked), as every cache writes its file then. */
export function saveAtExit(save: () => void): void {
  const proc = process as WithSaves;
  if (!proc[SAVES]) {
    const saves = (proc[SAVES] = new Set());
    process.once('exit', () => {
      for (const s of saves) s();
    });
  }
  proc[SAVES].add(save);
}
