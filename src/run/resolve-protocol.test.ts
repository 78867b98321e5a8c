import { describe, expect, it } from 'vitest';
import { resolveProtocol } from './resolve-protocol.js';
import { resolveDoctor } from '../doctors/registry.js';
import '../doctors/builtins.js';

describe('resolveProtocol errors', () => {
  it('call a bad protocol option a Protocol option, not a Doctor option', () => {
    expect(() => resolveProtocol('default:budget=lots')).toThrow(/^Protocol option budget=lots in "default:budget=lots" must be a number/);
    expect(() => resolveProtocol('default:speed=2')).toThrow(/^Protocol "default" has no option "speed"; it takes max-turns/);
    expect(() => resolveProtocol('default:budget')).toThrow(
      'Protocol "default" takes options, not an argument ("budget"); write e.g. --protocol default:budget=1500.',
    );
    expect(() => resolveProtocol('default:max-turns=5,oops')).toThrow(/^Protocol option "oops" in "default:max-turns=5,oops" must look like key=value\./);
    for (const raw of ['default:budget=x', 'default:speed=2', 'default:budget=1,budget=2']) expect(() => resolveProtocol(raw)).not.toThrow(/Doctor/);
  });

  it('refuse an option given twice instead of silently keeping one', () => {
    expect(() => resolveProtocol('default:budget=1,budget=2')).toThrow(
      /^Protocol option budget is given twice in "default:budget=1,budget=2"; give it once\.$/,
    );
    expect(() => resolveDoctor('baseline:threshold=0.5,threshold=0.9')).toThrow(/^Doctor option threshold is given twice/);
    expect(resolveProtocol('default:budget=1500').budget).toBe(1500);
  });
});
