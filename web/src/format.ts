/** Display helpers; a missing number shows as an em dash, never as zero. */
export const MISSING = '—';

export function pct(x: number | null | undefined, digits = 0): string {
  return x === null || x === undefined ? MISSING : `${(x * 100).toFixed(digits)}%`;
}

export function money(x: number | null | undefined): string {
  return x === null || x === undefined ? MISSING : `$${x.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

export function fixed(x: number | null | undefined, digits = 1): string {
  return x === null || x === undefined ? MISSING : x.toFixed(digits);
}

export function when(iso: string | null | undefined): string {
  return iso ? iso.slice(0, 19).replace('T', ' ') : MISSING;
}
