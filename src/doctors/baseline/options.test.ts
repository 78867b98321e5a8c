import { describe, expect, it } from 'vitest';
import { parseBaselineOptions, BASELINE_DEFAULTS } from './options.js';
import { parseDoctorSpec } from '../spec.js';
import { resolveDoctor } from '../registry.js';
import { ConfigError } from '../../util/errors.js';

const parse = (raw: string) => parseBaselineOptions(parseDoctorSpec(raw));

describe('baseline options', () => {
  it('defaults and overrides', () => {
    expect(parse('baseline')).toEqual(BASELINE_DEFAULTS);
    expect(
      parse('baseline:threshold=0.9,visit-threshold=0.7,cost-weight=0.5,max-turns=12,min-gain=0.05,batch-ratio=0.2,presentation=0,confirm=0,history=0.4'),
    ).toEqual({
      threshold: 0.9,
      visitThreshold: 0.7,
      costWeight: 0.5,
      maxTurns: 12,
      minGain: 0.05,
      batchRatio: 0.2,
      presentation: false,
      confirm: false,
      history: 0.4,
    });
  });

  it.each([
    ['baseline:threshold=1.5', /threshold=1.5 .* must be a number between 0 and 1/],
    ['baseline:threshold=high', /threshold=high .* must be a number/],
    ['baseline:cost-weight=-1', /cost-weight=-1 .* must be a number between 0 and 4/],
    ['baseline:max-turns=2.5', /max-turns=2.5 .* must be a whole number/],
    ['baseline:max-turns=0', /max-turns=0 .* must be a number between 1/],
    ['baseline:presentation=0.5', /presentation=0.5 .* must be 0 or 1/],
    ['baseline:confirm=2', /confirm=2 .* must be a number between 0 and 1/],
    ['baseline:history=-0.1', /history=-0.1 .* must be a number between 0 and 1/],
    ['baseline:speed=3', /Doctor "baseline" has no option "speed"; it takes threshold, visit-threshold, cost-weight/],
    ['baseline:threshold', /takes only key=value options, not "threshold"/],
  ])('%s is a ConfigError', (raw, message) => {
    expect(() => parse(raw)).toThrow(ConfigError);
    expect(() => parse(raw)).toThrow(message);
  });

  it('names each variant by its raw spec so variants can run side by side', () => {
    expect(resolveDoctor('baseline').name).toBe('baseline');
    expect(resolveDoctor('baseline:threshold=0.9').name).toBe('baseline:threshold=0.9');
    expect(resolveDoctor('checklist').name).toBe('checklist');
    expect(() => resolveDoctor('checklist:fast=1')).toThrow(/Doctor "checklist" has no option "fast"; it takes no options/);
    expect(() => resolveDoctor('checklist:x')).toThrow(/takes no options/);
  });
});
