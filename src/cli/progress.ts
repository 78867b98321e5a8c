import type { RunProgress } from '../run/local-runner.js';

/**
 * A progress display: a redrawn bar with ETA and running accuracy on a TTY,
 * plain lines at most every few seconds otherwise (CI logs, pipes).
 */
export class ProgressDisplay {
  private readonly started = Date.now();
  private lastLine = 0;
  private drawn = false;
  private readonly startDone: number;

  constructor(
    private readonly out: NodeJS.WriteStream,
    private readonly total: number,
    startDone = 0,
  ) {
    this.startDone = startDone;
  }

  update(p: RunProgress): void {
    const now = Date.now();
    const tty = Boolean(this.out.isTTY);
    if (!tty && now - this.lastLine < 2000 && p.done < p.total) return;
    if (tty && now - this.lastLine < 80 && p.done < p.total) return;
    this.lastLine = now;
    const pct = this.total ? p.done / this.total : 1;
    const rate = (p.done - this.startDone) / Math.max(0.001, (now - this.started) / 1000);
    const eta = rate > 0 ? (this.total - p.done) / rate : 0;
    const acc = p.scored ? `${((100 * p.correct) / p.scored).toFixed(1)}%` : '-';
    const stats = `${p.done}/${this.total} ${(pct * 100).toFixed(0)}% | ${rate.toFixed(1)}/s | ETA ${formatDuration(eta)} | top-1 ${acc}${p.errors ? ` | errors ${p.errors}` : ''}`;
    if (tty) {
      const width = 28;
      const filled = Math.round(pct * width);
      this.out.write(`\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${stats}\x1b[K`);
      this.drawn = true;
    } else {
      this.out.write(`progress ${stats}\n`);
    }
  }

  /** Ends the bar's line so later output starts clean. */
  finish(): void {
    if (this.drawn) this.out.write('\n');
    this.drawn = false;
  }
}

/** 75 -> "1m15s". */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '-';
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}
