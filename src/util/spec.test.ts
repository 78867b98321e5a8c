import { describe, expect, it } from 'vitest';
import { Registry } from './registry.js';
import { checkOptions, editDistance, nearest, parseSpec } from './spec.js';

describe('parseSpec', () => {
  it('reads a name, an argument and options', () => {
    expect(parseSpec('script:demo.yaml,speed=2')).toMatchObject({ kind: 'script', argument: 'demo.yaml', options: { speed: '2' } });
    expect(parseSpec('baseline:threshold=0.9')).toMatchObject({ kind: 'baseline', options: { threshold: '0.9' } });
    expect(parseSpec('Default', 'Protocol')).toMatchObject({ kind: 'default', what: 'Protocol' });
  });
  it('names the kind of thing in its errors', () => {
    expect(() => parseSpec('default:budget', 'Protocol')).not.toThrow();
    expect(() => parseSpec('default:a=1,b', 'Protocol')).toThrow(/^Protocol option "b"/);
    expect(() => parseSpec('x:a=1,a=2', 'Scorer')).toThrow(/Scorer option a is given twice/);
  });
});

describe('did you mean', () => {
  it('suggests the nearest known name for a typo and nothing for a different word', () => {
    expect(editDistance('budgt', 'budget')).toBe(1);
    expect(editDistance('ab', 'ba')).toBe(1);
    expect(nearest('budgt', ['budget', 'max-turns'])).toBe('budget');
    expect(nearest('baselin', ['baseline', 'checklist'])).toBe('baseline');
    expect(nearest('xyz', ['baseline', 'checklist'])).toBeUndefined();
  });
  it('puts the suggestion and the right kind into option errors', () => {
    const spec = parseSpec('default:budgt=5', 'Protocol');
    expect(() => checkOptions(spec, ['budget', 'max-turns'])).toThrow(
      'Protocol "default" has no option "budgt" (did you mean budget?); it takes budget, max-turns.',
    );
  });
});

describe('Registry', () => {
  const r = new Registry<string>('Scorer').register({
    name: 'diagnosis',
    summary: 'matches the final diagnosis',
    options: [{ name: 'threshold', description: 'cut-off' }],
    build: (s) => `diagnosis@${s.options.threshold ?? 'default'}`,
  });
  it('builds a registered entry from a spec', () => {
    expect(r.resolve('diagnosis:threshold=0.5')).toBe('diagnosis@0.5');
    expect(r.names()).toEqual(['diagnosis']);
  });
  it('rejects unknown names and options with a suggestion', () => {
    expect(() => r.resolve('diagnosys')).toThrow('Unknown scorer "diagnosys" (did you mean diagnosis?); available: diagnosis.');
    expect(() => r.resolve('diagnosis:treshold=1')).toThrow('Scorer "diagnosis" has no option "treshold" (did you mean threshold?); it takes threshold.');
  });
});
