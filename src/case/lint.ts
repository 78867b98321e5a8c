import { readFileSync } from 'node:fs';
import type { LoadedCase } from './load.js';
import { formatPath, parseSource, type SourceDoc } from './source-file.js';
import type { ResultFlag } from './schema.js';
import type { CaseProblem } from '../util/errors.js';
import { parseRange, parseValue, position, type Position } from './lint-range.js';
import { analyteFor, analyteKey, unitAccepted, unitKey } from './lint-units.js';

/** The result shape the lint reads: a case result or a catalog normal template. */
export interface LintableResult {
  text?: string;
  value?: number | string;
  unit?: string;
  range?: string;
  flag?: ResultFlag;
  components?: Record<string, { value: number | string; unit?: string; range?: string; flag?: ResultFlag }>;
}

type Path = ReadonlyArray<string>;
type Report = (path: Path, message: string) => void;

// Flags a value may carry on each side of its range; a missing flag is not checked.
const FLAGS_FOR: Record<Position, readonly ResultFlag[]> = {
  below: ['low', 'critical-low', 'abnormal'],
  within: ['normal', 'negative'],
  above: ['high', 'critical-high', 'abnormal', 'positive'],
};
const EXPECTED: Record<Position, string> = { below: 'low', within: 'normal', above: 'high' };

function checkFlag(path: Path, v: { value?: number | string; range?: string; flag?: ResultFlag }, report: Report): void {
  if (!v.flag || !v.range) return;
  const value = parseValue(v.value);
  const range = parseRange(v.range);
  if (!value || !range) return;
  const where = position(value, range);
  // "< 10" below a drug's therapeutic range is simply not detected.
  const undetected = where === 'below' && value.bound === '<' && v.flag === 'negative';
  if (where && !undetected && !FLAGS_FOR[where].includes(v.flag)) {
    const side = where === 'within' ? 'within the range' : `${where} the range`;
    report([...path, 'flag'], `flag "${v.flag}" disagrees with value ${v.value} and range "${v.range}" (${side}: expected ${EXPECTED[where]})`);
  }
}

function checkUnit(path: Path, analyte: string, v: { value?: number | string; unit?: string }, report: Report): void {
  const known = analyteFor(analyte);
  if (!known || parseValue(v.value)?.value === undefined) return;
  if (!v.unit && !known.units.includes('')) {
    report([...path, 'unit'], `${analyte} ${v.value} needs a unit (${known.units.join(', ')})`);
  } else if (v.unit && !unitAccepted(known.units, v.unit)) {
    const expected = known.units.filter(Boolean);
    report(
      [...path, 'unit'],
      expected.length ? `"${v.unit}" is not a unit for ${known.label} (expected ${expected.join(', ')})` : `${known.label} has no unit, got "${v.unit}"`,
    );
  }
}

const PCO2 = new Set(['pco2', 'paco2', 'pvco2']);
const HCO3 = new Set(['hco3', 'bicarbonate', 'actual bicarbonate', 'hco3 actual']);

/**
 * Henderson–Hasselbalch: pH = 6.1 + log10(HCO3 / (0.0307 × pCO2 in mmHg)).
 * A gas whose three numbers disagree by more than 0.03 pH is not a gas a
 * laboratory could report; a venous gas must not label its CO2 arterial.
 */
function checkGas(path: Path, key: string, r: LintableResult, report: Report): void {
  const comps = Object.entries(r.components ?? {});
  const find = (names: Set<string>) => comps.find(([n]) => names.has(analyteKey(n)));
  const ph = comps.find(([n]) => analyteKey(n) === 'ph');
  const co2 = find(PCO2);
  const hco3 = find(HCO3);
  const venous = key.includes('venous');
  const arterial = key.includes('arterial');
  for (const [name] of comps) {
    const k = analyteKey(name);
    if (venous && (k === 'paco2' || k === 'pao2'))
      report([...path, 'components', name], `a venous gas reports pCO2/pO2 (or PvCO2/PvO2), not the arterial ${name}`);
    if (arterial && (k === 'pvco2' || k === 'pvo2')) report([...path, 'components', name], `an arterial gas reports PaCO2/PaO2, not the venous ${name}`);
  }
  if (!ph || !co2 || !hco3) return;
  const pH = parseValue(ph[1].value);
  const pco2 = parseValue(co2[1].value);
  const bicarb = parseValue(hco3[1].value);
  if (!pH || !pco2 || !bicarb || pH.bound || pco2.bound || bicarb.bound || pco2.value <= 0 || bicarb.value <= 0) return;
  const mmHg = unitKey(co2[1].unit ?? 'mmhg') === 'kpa' ? pco2.value * 7.50062 : pco2.value;
  const expected = 6.1 + Math.log10(bicarb.value / (0.0307 * mmHg));
  if (Math.abs(expected - pH.value) > 0.03) {
    report(
      [...path, 'components', ph[0]],
      `pH ${pH.value} does not follow from ${co2[0]} ${pco2.value} ${co2[1].unit ?? 'mmHg'} and ${hco3[0]} ${bicarb.value} (Henderson–Hasselbalch gives ${expected.toFixed(2)}; allowed ±0.03)`,
    );
  }
}

const DIFF = ['neutrophils', 'lymphocytes', 'monocytes', 'eosinophils', 'basophils'];
const DIFF_EXTRA = [
  'bands',
  'band neutrophils',
  'blasts',
  'atypical lymphocytes',
  'metamyelocytes',
  'myelocytes',
  'promyelocytes',
  'reactive lymphocytes',
  'other',
];

function toGigaPerLitre(value: number, unit: string | undefined): number | undefined {
  const u = unitKey(unit ?? '');
  if (['x10^9/l', '10^9/l', 'x10^3/ul', '10^3/ul', 'k/ul'].includes(u)) return value;
  if (['/ul', 'cells/ul', '/mm3', 'cells/mm3'].includes(u)) return value / 1000;
  return undefined;
}

/** A WBC differential adds up: percentages to about 100, absolute counts to about the WBC. */
function checkDifferential(path: Path, r: LintableResult, report: Report): void {
  const comps = Object.entries(r.components ?? {}).map(([name, c]) => ({
    name,
    key: analyteKey(name)
      .replace(/\b(absolute|abs|count|percent|pct)\b/g, '')
      .trim(),
    c,
  }));
  const cells = comps.filter((x) => DIFF.includes(x.key) || DIFF_EXTRA.includes(x.key));
  const pct = cells.filter((x) => unitKey(x.c.unit ?? '') === '%');
  const pctValues = pct.map((x) => parseValue(x.c.value)).filter((v) => v && !v.bound);
  if (pct.length >= 2 && pctValues.length === pct.length) {
    const sum = pctValues.reduce((s, v) => s + v!.value, 0);
    const complete = DIFF.every((d) => pct.some((x) => x.key === d));
    if (sum > 102 || (complete && sum < 98)) {
      report([...path, 'components'], `the differential percentages (${pct.map((x) => x.name).join(', ')}) add up to ${+sum.toFixed(1)}%, not 100%`);
    }
  }
  const wbcEntry = comps.find((x) => ['wbc', 'white cell count', 'white blood cells', 'white blood cell count', 'leukocytes'].includes(x.key));
  const wbcValue = wbcEntry && parseValue(wbcEntry.c.value);
  const wbc = wbcValue && !wbcValue.bound ? toGigaPerLitre(wbcValue.value, wbcEntry!.c.unit) : undefined;
  if (wbc === undefined) return;
  const abs = cells
    .map((x) => ({ x, v: parseValue(x.c.value) }))
    .filter(({ x, v }) => v && !v.bound && toGigaPerLitre(v.value, x.c.unit) !== undefined)
    .map(({ x, v }) => ({ name: x.name, key: x.key, g: toGigaPerLitre(v!.value, x.c.unit)! }));
  if (abs.length >= 2) {
    const sum = abs.reduce((s, a) => s + a.g, 0);
    const complete = DIFF.every((d) => abs.some((a) => a.key === d));
    const tolerance = Math.max(0.2, 0.05 * wbc);
    if (sum > wbc + tolerance || (complete && sum < wbc - tolerance)) {
      report([...path, 'components'], `the absolute counts (${abs.map((a) => a.name).join(', ')}) add up to ${+sum.toFixed(2)}, not the WBC of ${wbc}`);
    }
  }
  // A percentage and the WBC imply the absolute count; where both are given they must agree.
  for (const p of pct) {
    const a = abs.find((x) => x.key === p.key);
    const v = parseValue(p.c.value);
    if (!a || !v) continue;
    const implied = (v.value / 100) * wbc;
    if (Math.abs(implied - a.g) > Math.max(0.2, 0.1 * implied)) {
      report(
        [...path, 'components', a.name],
        `${a.name} ${+a.g.toFixed(2)} x10^9/L disagrees with ${p.name} ${v.value}% of a WBC of ${wbc} (${+implied.toFixed(2)})`,
      );
    }
  }
}

/** Lints one result (a case result or a catalog normal), keyed by its test id. */
export function lintResult(key: string, r: LintableResult, report: Report, path: Path = ['results', key]): void {
  checkFlag(path, r, report);
  checkUnit(path, key.replace(/-/g, ' '), r, report);
  for (const [name, c] of Object.entries(r.components ?? {})) {
    checkFlag([...path, 'components', name], c, report);
    checkUnit([...path, 'components', name], name, c, report);
  }
  checkGas(path, key, r, report);
  checkDifferential(path, r, report);
}

/**
 * Content lint: what a clinician reading the case would find wrong in its
 * results — flags that disagree with their own ranges, blood gases that
 * break Henderson–Hasselbalch, units no laboratory uses for the analyte,
 * differentials that do not add up.
 */
export function lintCases(cases: LoadedCase[]): CaseProblem[] {
  const problems: CaseProblem[] = [];
  for (const { kase, file, line } of cases) {
    const found: Array<{ path: Path; message: string }> = [];
    for (const [key, r] of Object.entries(kase.results)) lintResult(key, r, (path, message) => found.push({ path, message }));
    if (!found.length) continue;
    // Findings carry the line of the field, like schema problems; a JSONL case keeps its own line.
    const doc = line === undefined ? sourceOf(file) : undefined;
    for (const f of found) problems.push({ file, line: doc ? doc.lineOf(f.path) : line, path: formatPath(f.path), message: f.message });
  }
  return problems;
}

function sourceOf(file: string): SourceDoc | undefined {
  try {
    return parseSource(readFileSync(file, 'utf8'), file).doc;
  } catch {
    return undefined;
  }
}
