import { InvalidArgumentError } from 'commander';

/**
 * Parsers for numeric and text CLI flags. Each returns a value in range or
 * throws commander's InvalidArgumentError with one sentence (commander prints
 * it as `error: option '...' argument '...' is invalid. <sentence>` and exits 1),
 * so no flag value, however odd, reaches the code as NaN, Infinity or a size
 * that would exhaust memory.
 */

/** Most seeds per case in one run: far beyond any statistical need, far below what fills memory. */
export const MAX_SEEDS = 10_000;
/** Longest model-call timeout (a day); Node turns larger timer delays into 1 ms. */
export const MAX_TIMEOUT_SECONDS = 86_400;
export const MAX_RETRIES = 20;

/** A parser of whole numbers from `min` to `max`, written in plain digits. */
export function wholeNumber(min: number, max: number): (value: string) => number {
  return (value: string) => {
    const text = value.trim();
    // Plain digits only: Number() would also take '1e3', '0x10', ' ' (0) and '1.0'.
    if (!/^\d{1,16}$/.test(text)) throw new InvalidArgumentError(`must be a whole number from ${min} to ${max.toLocaleString('en-US')}.`);
    const n = Number(text);
    if (!Number.isSafeInteger(n) || n < min || n > max) throw new InvalidArgumentError(`must be a whole number from ${min} to ${max.toLocaleString('en-US')}.`);
    return n;
  };
}

/** A positive whole number flag (concurrency, rates, milliseconds). */
export const positiveInt = wholeNumber(1, 1_000_000_000);

/** `--seeds <n>`. */
export const seedCount = wholeNumber(1, MAX_SEEDS);

/** `--retries <n>`. */
export const retryCount = wholeNumber(0, MAX_RETRIES);

/** A number above 0 and at most `max` (dollars, seconds). */
export function positiveNumber(max: number): (value: string) => number {
  return (value: string) => {
    const text = value.trim();
    const n = text === '' ? NaN : Number(text);
    if (!Number.isFinite(n) || n <= 0 || n > max) throw new InvalidArgumentError(`must be a number above 0 and at most ${max.toLocaleString('en-US')}.`);
    return n;
  };
}

/** `--timeout <seconds>`. */
export const timeoutSeconds = positiveNumber(MAX_TIMEOUT_SECONDS);

/** `--max-usd <usd>`. */
export const maxUsd = positiveNumber(1_000_000_000);

/** A text flag that must not be empty (`--resume ''` must not start a new run). */
export function nonEmpty(what: string): (value: string) => string {
  return (value: string) => {
    const text = value.trim();
    if (!text) throw new InvalidArgumentError(`must not be empty; give ${what}.`);
    if (/[\u0000-\u001f]/.test(text)) throw new InvalidArgumentError(`must not hold control characters; give ${what}.`);
    return text;
  };
}

/** `--resume <run-id>`. */
export const runIdFlag = nonEmpty('a run id from `rounds runs list`');

/** Collects a repeatable text flag, refusing empty values and more than `max` of them. */
export function collectNonEmpty(what: string, max = MAX_SEEDS): (value: string, previous: string[] | undefined) => string[] {
  const one = nonEmpty(what);
  return (value, previous) => {
    const list = previous ?? [];
    if (list.length >= max) throw new InvalidArgumentError(`is given more than ${max.toLocaleString('en-US')} times.`);
    return [...list, one(value)];
  };
}
