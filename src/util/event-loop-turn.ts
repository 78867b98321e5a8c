// How long synchronous work may hold the event loop before it takes a turn. Short enough that a server running
// a run in-process answers about as fast as with a turn per step (a request takes a few turns: accept, read,
// respond; with 4 ms slices `npm run bench:api` saw health p50 go from 3 to 10 ms during a run); long enough that
// a run of synchronous encounters (built-in doctors, deterministic hospital, group commits) pays one turn per
// slice instead of one per step: a turn costs ~3 µs (a poll of the OS), several per encounter at thousands per second.
export const TURN_SLICE_MS = 1;

// The global performance (not node:perf_hooks' binding), read at each call, so a test can fake the clock.
let lastTurn = globalThis.performance.now();

/**
 * A turn of the event loop (timers, I/O, signals) when synchronous work has held it for a slice, else nothing.
 * Await the result only when there is one: `const turn = eventLoopTurn(); if (turn) await turn;`.
 */
export function eventLoopTurn(): Promise<void> | undefined {
  const held = globalThis.performance.now() - lastTurn;
  // A clock that went back (a faked one) counts as a slice held.
  if (held >= 0 && held < TURN_SLICE_MS) return undefined;
  return new Promise((resolve) =>
    setImmediate(() => {
      lastTurn = globalThis.performance.now();
      resolve();
    }),
  );
}
