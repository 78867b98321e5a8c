import { describe, expect, it } from 'vitest';
import { configValue, fixed, money, moneyDiff, pct, pctWithCi, ppDiff, pValueText } from './format.js';

describe('format', () => {
  it('prints money with separators and no locale dependence', () => {
    expect(money(1234.5)).toBe('$1,234.50');
    expect(money(0)).toBe('$0.00');
    expect(money(-12)).toBe('-$12.00');
    expect(money(null)).toBe('—');
    expect(fixed(1234567.891, 1)).toBe('1,234,567.9');
    expect(fixed(-0.001)).toBe('0.00');
  });

  it('prints proportions and differences', () => {
    expect(pct(0.625)).toBe('62.5');
    expect(pct(null)).toBe('—');
    expect(pctWithCi({ estimate: 0.5, low: 0.15004, high: 0.84996 })).toBe('50.0% [15.0–85.0]');
    expect(ppDiff({ estimate: -0.25, low: -1, high: 0.5 })).toBe('−25.0 pp [−100.0, +50.0]');
    expect(moneyDiff({ estimate: 12, low: 0, high: 30.5 })).toBe('+$12.00 [$0.00, +$30.50]');
  });

  it('prints p-values with three significant digits', () => {
    expect(pValueText(0.21875)).toBe('0.219');
    expect(pValueText(0.05)).toBe('0.05');
    expect(pValueText(0.0004)).toBe('<0.001');
    expect(pValueText(1)).toBe('1');
    expect(pValueText(null)).toBe('—');
  });

  it('summarises config values on one line', () => {
    expect(configValue(['a', 'b'])).toBe('a, b');
    expect(configValue({ x: 1 })).toBe('{"x":1}');
    expect(configValue('line\nbreak')).toBe('line break');
    expect(configValue('x'.repeat(200), 10)).toBe(`${'x'.repeat(9)}…`);
  });
});
