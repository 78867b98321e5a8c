import { describe, expect, it } from 'vitest';
import { encounterId, isLegacyEncounterId, legacyEncounterId, newRunId } from './ids.js';

describe('encounter ids', () => {
  const run = '20261203-142000-a1b2';

  it('sort by run time, then plan ordinal, and stay the same for the same encounter', () => {
    const ids = [0, 1, 35, 36, 999, 1_000_000].map((o) => encounterId(run, o, 'stemi', 'baseline', 'default', 'stemi:0'));
    expect([...ids].sort()).toEqual(ids);
    expect(ids.every((id) => /^[0-9a-z]{24}$/.test(id))).toBe(true);
    expect(encounterId(run, 7, 'stemi', 'baseline', 'default', 'stemi:0')).toBe(encounterId(run, 7, 'stemi', 'baseline', 'default', 'stemi:0'));
    // A later run's encounters sort after every encounter of an earlier one.
    const later = encounterId('20261203-142001-0000', 0, 'stemi', 'baseline', 'default', 'stemi:0');
    expect(later > encounterId(run, 1_000_000, 'stemi', 'baseline', 'default', 'stemi:0')).toBe(true);
    expect(newRunId(new Date('2026-12-03T14:20:00Z'))).toMatch(/^20261203-142000-[0-9a-f]{4}$/);
  });

  it('differ when the encounter does (a resume sees that the cases changed) and between runs of the same second', () => {
    const id = encounterId(run, 3, 'stemi', 'baseline', 'default', 'stemi:0');
    expect(encounterId(run, 3, 'pe', 'baseline', 'default', 'pe:0')).not.toBe(id);
    expect(encounterId(run, 3, 'stemi', 'checklist', 'default', 'stemi:0')).not.toBe(id);
    expect(encounterId(run, 3, 'stemi', 'baseline', 'default', 'stemi:1')).not.toBe(id);
    expect(encounterId('20261203-142000-a1b3', 3, 'stemi', 'baseline', 'default', 'stemi:0')).not.toBe(id);
  });

  it('keep the hash-only form of earlier releases for any other run id', () => {
    // Pinned from the release before time-ordered ids.
    expect(legacyEncounterId('run-a', 'stemi', 'baseline', 'default', 'stemi:0')).toBe(LEGACY_PIN);
    expect(encounterId('run-a', 5, 'stemi', 'baseline', 'default', 'stemi:0')).toBe(LEGACY_PIN);
    expect(isLegacyEncounterId(LEGACY_PIN)).toBe(true);
    expect(isLegacyEncounterId(encounterId(run, 5, 'stemi', 'baseline', 'default', 'stemi:0'))).toBe(false);
  });
});

const LEGACY_PIN = '0da637a1c64570acd28b';
