import { closeSync, mkdirSync, openSync, statSync, unlinkSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ConfigError } from '../util/errors.js';

/** Why a folder cannot be written, in words, from a Node error code. */
function why(e: unknown): string {
  const code = (e as NodeJS.ErrnoException)?.code;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EROFS') return 'the file system is read-only';
  if (code === 'ENOSPC') return 'the disk is full';
  if (code === 'ENOTDIR') return 'part of the path is a file';
  if (code === 'ENOENT') return 'files cannot be created there';
  if (code === 'ENAMETOOLONG') return 'the path is too long';
  return (e as Error)?.message ?? String(e);
}

/**
 * Makes sure `dir` exists and a file can be created in it, before any work is
 * done, so a bad `--out` fails in one sentence instead of after a long run.
 * Folders are created one at a time: Node's recursive mkdir spins forever on
 * some virtual file systems (`/proc/nope`).
 */
export function prepareOutDir(dir: string, flag = '--out'): string {
  if (!dir.trim()) throw new ConfigError(`The ${flag} folder is empty; give a folder path.`);
  if (dir.includes('\u0000')) throw new ConfigError(`The ${flag} folder "${dir.replace(/\u0000/g, '\\0')}" holds a NUL character.`);
  const full = resolve(dir);
  const missing: string[] = [];
  let existing = full;
  for (;;) {
    let st;
    try {
      st = statSync(existing);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOTDIR') throw new ConfigError(`The ${flag} folder ${dir} is under a file, not a folder; choose another path with ${flag}.`);
      if (code !== 'ENOENT') throw new ConfigError(`Cannot use ${dir} for ${flag} (${why(e)}); choose another folder.`);
      const parent = dirname(existing);
      if (parent === existing) throw new ConfigError(`Cannot use ${dir} for ${flag} (${why(e)}); choose another folder.`);
      missing.unshift(existing);
      existing = parent;
      continue;
    }
    if (!st.isDirectory()) {
      throw new ConfigError(
        existing === full
          ? `The ${flag} path ${dir} is a file, not a folder; choose another path with ${flag}.`
          : `The ${flag} folder ${dir} is under a file, not a folder; choose another path with ${flag}.`,
      );
    }
    break;
  }
  for (const d of missing) {
    try {
      mkdirSync(d);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw new ConfigError(`Cannot create the ${flag} folder ${dir} (${why(e)}); choose another folder.`);
    }
  }
  // access(2) says yes to root everywhere; creating a file is the only honest test.
  const probe = join(full, `.rounds-write-test-${process.pid}`);
  try {
    closeSync(openSync(probe, 'wx'));
    unlinkSync(probe);
  } catch (e) {
    throw new ConfigError(`Cannot write to the ${flag} folder ${dir} (${why(e)}); choose another folder.`);
  }
  return full;
}

/** Checks the folder a `--out <file>` goes into, and that the file itself is not a folder. */
export function prepareOutFile(file: string, flag = '--out'): string {
  if (!file.trim()) throw new ConfigError(`The ${flag} file is empty; give a file path.`);
  const full = resolve(file);
  try {
    if (statSync(full).isDirectory()) throw new ConfigError(`The ${flag} path ${file} is a folder; give a file name.`);
  } catch (e) {
    if (e instanceof ConfigError) throw e;
  }
  prepareOutDir(dirname(full), flag);
  return full;
}
