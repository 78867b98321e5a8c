import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';

const memo = new Map<string, string | null>();

/**
 * The commit checked out in the git working tree holding `dir` (the working directory by default), or null when
 * `dir` is not in a git checkout. Read from `.git/HEAD` and the refs, never by spawning git: a run records it on
 * every start, the browser seat on every encounter. Remembered per directory for the life of the process.
 */
export function gitCommit(dir: string = process.cwd()): string | null {
  const at = resolve(dir);
  if (!memo.has(at)) memo.set(at, readCommit(at));
  return memo.get(at)!;
}

function readCommit(start: string): string | null {
  try {
    const gitDir = findGitDir(start);
    if (!gitDir) return null;
    const head = readFileSync(join(gitDir, 'HEAD'), 'utf8').trim();
    if (/^[0-9a-f]{40,64}$/.test(head)) return head; // a detached HEAD
    const ref = /^ref:\s*(\S+)$/.exec(head)?.[1];
    if (!ref) return null;
    // A linked worktree keeps its HEAD in its own folder and its branches in the common one.
    const common = existsSync(join(gitDir, 'commondir')) ? resolve(gitDir, readFileSync(join(gitDir, 'commondir'), 'utf8').trim()) : gitDir;
    for (const base of [gitDir, common]) {
      const file = join(base, ref);
      if (existsSync(file)) {
        const sha = readFileSync(file, 'utf8').trim();
        if (/^[0-9a-f]{40,64}$/.test(sha)) return sha;
      }
    }
    // A ref that was packed (git gc) is only in packed-refs.
    const packed = join(common, 'packed-refs');
    if (existsSync(packed)) {
      for (const line of readFileSync(packed, 'utf8').split('\n')) {
        const [sha, name] = line.trim().split(' ');
        if (name === ref && /^[0-9a-f]{40,64}$/.test(sha)) return sha;
      }
    }
    return null; // a branch with no commit yet
  } catch {
    return null;
  }
}

/** The `.git` folder of the checkout holding `start`: a folder, or a file pointing to one (a worktree, a submodule). */
function findGitDir(start: string): string | null {
  for (let d = start; ; d = dirname(d)) {
    const git = join(d, '.git');
    if (existsSync(git)) {
      if (statSync(git).isDirectory()) return git;
      const target = /^gitdir:\s*(.+)$/m.exec(readFileSync(git, 'utf8'))?.[1]?.trim();
      return target ? (isAbsolute(target) ? target : resolve(d, target)) : null;
    }
    if (dirname(d) === d) return null;
  }
}
