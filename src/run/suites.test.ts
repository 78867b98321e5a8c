import { describe, expect, it } from 'vitest';
import { resolveSuite } from './suites.js';
import { ConfigError } from '../util/errors.js';

describe('resolveSuite', () => {
  it('takes a shipped case id as a suite of that one case', () => {
    const s = resolveSuite('cardio-stemi-inferior-001');
    expect(s.cases.map((c) => c.kase.id)).toEqual(['cardio-stemi-inferior-001']);
    expect(s.problems).toEqual([]);
  });

  it('names what exists when nothing matches', () => {
    expect(() => resolveSuite('cardio-no-such-case-999')).toThrow(ConfigError);
    expect(() => resolveSuite('cardio-no-such-case-999')).toThrow(/a shipped case id/);
  });

  it('still resolves named suites and specialties first', () => {
    expect(resolveSuite('quick').cases.length).toBe(10);
    expect(resolveSuite('cardiology').cases.every((c) => c.kase.specialty === 'cardiology')).toBe(true);
  });
});
