import { describe, expect, it } from 'vitest';
import { resolveDoctor } from './registry.js';
import { DoctorError } from '../util/errors.js';
import { loadCatalog } from '../case/catalog.js';
import { PROTOCOL_PRESETS } from '../encounter/protocol.js';
import { createRng } from '../util/rng.js';

describe('human doctor', () => {
  it('resolves as human:<name> but refuses to act outside the browser seat', () => {
    const f = resolveDoctor('human:ada');
    expect(f.name).toBe('human:ada');
    const d = f.create({ catalog: loadCatalog(), protocol: PROTOCOL_PRESETS.default, rng: createRng(1) });
    expect(() => d.act({} as never)).toThrow(DoctorError);
    expect(() => d.act({} as never)).toThrow(/driven from the browser seat/);
  });

  it('needs a plain name', () => {
    expect(() => resolveDoctor('human')).toThrow(/needs a name/);
    expect(() => resolveDoctor('human:a b')).toThrow(/needs a name/);
  });
});
