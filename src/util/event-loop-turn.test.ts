import { afterEach, describe, expect, it, vi } from 'vitest';
import { eventLoopTurn, TURN_SLICE_MS } from './event-loop-turn.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('eventLoopTurn', () => {
  it('takes a turn of the event loop once synchronous work has held it for a slice, and not before', async () => {
    // Only the clock is faked: the turn itself is a real setImmediate, so what it lets run is real.
    vi.useFakeTimers({ toFake: ['performance'] });
    vi.advanceTimersByTime(TURN_SLICE_MS);
    let ranMeanwhile = false;
    setImmediate(() => (ranMeanwhile = true));
    const first = eventLoopTurn();
    expect(first).toBeInstanceOf(Promise);
    await first;
    // The callback queued before the turn ran during it: a signal, a timer or a server's request gets its turn.
    expect(ranMeanwhile).toBe(true);
    // Right after a turn, and until a slice has passed, no turn (no poll of the OS per step).
    expect(eventLoopTurn()).toBeUndefined();
    vi.advanceTimersByTime(TURN_SLICE_MS - 1);
    expect(eventLoopTurn()).toBeUndefined();
    vi.advanceTimersByTime(1);
    const second = eventLoopTurn();
    expect(second).toBeInstanceOf(Promise);
    await second;
  });
});
