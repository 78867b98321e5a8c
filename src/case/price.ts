import { FEE_CODE, type Price, type PricePart, type PriceSpec } from './catalog-schema.js';
import type { FeeSchedules } from './fees.js';

/** A computed price, or what stops the codes from being priced. */
export interface PriceOutcome {
  price?: Price;
  problems: string[];
}

const cents = (x: number) => Math.round(x * 100) / 100;
const money = (x: number) => x.toFixed(2);

interface ParsedCode {
  text: string;
  code: string;
  modifier?: string;
  units: number;
}

function parseCode(text: string): ParsedCode | undefined {
  const m = FEE_CODE.exec(text.trim());
  if (!m) return undefined;
  return { text: text.trim(), code: m[1], modifier: m[2], units: m[3] ? Number(m[3]) : 1 };
}

const SOURCE: Record<string, string> = {
  CLFS: 'CMS CLFS 2025 national limit',
  'PFS global': 'CMS PFS 2025 national non-facility global',
  'PFS 26+TC': 'CMS PFS 2025 national non-facility professional (-26) + technical (-TC)',
};

const STATUS: Record<string, string> = {
  B: 'bundled into other services',
  N: 'not covered by Medicare',
  T: 'paid only when no other service is billed that day',
  P: 'bundled or excluded',
  E: 'excluded by regulation',
  X: 'statutory exclusion',
  I: 'not valid for Medicare',
  M: 'measurement code',
  C: 'carrier priced',
};

function known(c: ParsedCode, fees: FeeSchedules): boolean {
  return fees.clfs.has(c.code) || fees.pfs.has(c.code) || fees.pfs.has(`${c.code}-26`);
}

function clfs(c: ParsedCode, fees: FeeSchedules): number | undefined {
  return fees.clfs.get(c.modifier ? `${c.code}-${c.modifier}` : c.code);
}

function pfsGlobal(c: ParsedCode, fees: FeeSchedules): number | undefined {
  const row = fees.pfs.get(c.modifier ? `${c.code}-${c.modifier}` : c.code);
  return row && row.nonFacility > 0 ? row.nonFacility : undefined;
}

function pfsSplit(c: ParsedCode, fees: FeeSchedules): number | undefined {
  const pro = fees.pfs.get(`${c.code}-26`);
  const tech = fees.pfs.get(`${c.code}-TC`);
  return pro && tech && pro.nonFacility + tech.nonFacility > 0 ? pro.nonFacility + tech.nonFacility : undefined;
}

/**
 * Computes a test's price from its basis and codes; every code must be on
 * the 2025 schedules with a national amount, so no test is silently priceless.
 */
export function computePrice(spec: PriceSpec, fees: FeeSchedules): PriceOutcome {
  const problems: string[] = [];
  const parsed: ParsedCode[] = [];
  for (const text of spec.codes) {
    const c = parseCode(text);
    if (!c) problems.push(`"${text}" is not a code (write "85025", "88305-26" or "87040 x2")`);
    else if (!known(c, fees)) problems.push(`code ${c.code} is not on the CMS 2025 CLFS or PFS (deleted or mistyped)`);
    else parsed.push(c);
  }
  if (problems.length) return { problems };

  const parts: PricePart[] = [];
  const add = (c: ParsedCode, schedule: string, unit: number | undefined, why: string) => {
    if (unit === undefined) problems.push(`code ${c.text} ${why}`);
    else parts.push({ code: c.text, schedule, usd: cents(unit * c.units) });
  };

  if (spec.basis === 'bundled') {
    if (parsed.length === 1) problems.push('a bundled price needs two or more codes (use the basis of the single code instead)');
    if (parsed.length === 0 && !spec.note) problems.push('a test with no codes must say in note why it has no separate payment');
    else if (!spec.note) problems.push('a bundled price must say in note what each code pays for');
    for (const c of parsed) {
      const lab = clfs(c, fees);
      if (lab !== undefined) add(c, 'CLFS', lab, '');
      else if (pfsGlobal(c, fees) !== undefined) add(c, 'PFS global', pfsGlobal(c, fees), '');
      else add(c, 'PFS 26+TC', pfsSplit(c, fees), 'has no national amount on the CLFS or the PFS');
    }
  } else {
    if (parsed.length !== 1) problems.push(`basis ${spec.basis} prices exactly one code (use bundled for several)`);
    const c = parsed[0];
    if (c && spec.basis === 'clfs') add(c, 'CLFS', clfs(c, fees), 'is not on the CLFS (use a PFS basis for a physician service)');
    if (c && spec.basis === 'pfs-global') add(c, 'PFS global', pfsGlobal(c, fees), 'has no PFS global non-facility amount');
    if (c && spec.basis === 'pfs-professional+technical') {
      if (!c.modifier && pfsGlobal(c, fees) !== undefined) problems.push(`code ${c.text} has a PFS global amount; use basis pfs-global`);
      else add(c, 'PFS 26+TC', pfsSplit(c, fees), 'has no PFS -26 and -TC amounts');
    }
  }
  // A code Medicare does not pay as such (bundled, non-covered, paid only alone) may still price a
  // test, but the catalog must say so rather than pass it off as an ordinary payment.
  for (const c of parsed) {
    const row = fees.clfs.has(c.code) ? undefined : (fees.pfs.get(c.modifier ? `${c.code}-${c.modifier}` : c.code) ?? fees.pfs.get(`${c.code}-26`));
    if (row && !['A', 'R'].includes(row.status) && !spec.note) {
      problems.push(`code ${c.code} has PFS status ${row.status} (${STATUS[row.status] ?? 'not an ordinary payment'}); say so in note`);
    }
  }
  if (problems.length) return { problems };

  const usd = cents(parts.reduce((s, p) => s + p.usd, 0));
  const source =
    parts.length === 0
      ? `No separate CMS payment: ${spec.note}`
      : parts.length === 1
        ? `${SOURCE[parts[0].schedule]} (${parts[0].code})`
        : `Sum of ${parts.map((p) => `${p.code} ${p.schedule} ${money(p.usd)}`).join(' + ')} (CMS 2025 national amounts)`;
  return { price: { usd, source, basis: spec.basis, codes: spec.codes, ...(spec.note ? { note: spec.note } : {}), parts }, problems: [] };
}
