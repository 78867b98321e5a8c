import { describe, it, expect } from 'vitest';
import { computePrice } from './price.js';
import { parseClfs, parsePfs, type FeeSchedules } from './fees.js';

const fees: FeeSchedules = {
  clfs: parseClfs('hcpcs,modifier,national_limit_usd\n85025,,7.77\n85025,QW,7.77\n87040,,10.32\n'),
  pfs: parsePfs(
    [
      'hcpcs,modifier,status,pctc,non_facility_national_usd,facility_national_usd',
      '85025,,X,9,0.0,0.0',
      '71046,,A,1,32.67,32.67',
      '71046,26,A,1,10.03,10.03',
      '71046,TC,A,1,22.64,22.64',
      '99999,26,A,1,40.0,40.0',
      '99999,TC,A,1,60.5,60.5',
      '62270,,A,0,141.68,62.43',
      '99173,,N,9,3.23,3.23',
    ].join('\n'),
  ),
};

describe('computePrice', () => {
  it('reads a laboratory code from the CLFS, with units', () => {
    expect(computePrice({ basis: 'clfs', codes: ['85025'] }, fees).price?.usd).toBe(7.77);
    expect(computePrice({ basis: 'clfs', codes: ['87040 x2'] }, fees).price?.usd).toBe(20.64);
  });
  it('reads the PFS global non-facility amount, or adds -26 and -TC where there is no global row', () => {
    expect(computePrice({ basis: 'pfs-global', codes: ['71046'] }, fees).price?.usd).toBe(32.67);
    expect(computePrice({ basis: 'pfs-professional+technical', codes: ['99999'] }, fees).price?.usd).toBe(100.5);
    expect(computePrice({ basis: 'pfs-professional+technical', codes: ['71046'] }, fees).problems[0]).toMatch(/use basis pfs-global/);
  });
  it('sums a bundle, each code from its own schedule', () => {
    expect(computePrice({ basis: 'bundled', codes: ['62270', '85025'] }, fees).problems[0]).toMatch(/what each code pays for/);
    const { price } = computePrice({ basis: 'bundled', codes: ['62270', '85025', '99999'], note: 'procedure, CBC, a split code' }, fees);
    expect(price?.usd).toBe(249.95);
    expect(price?.parts?.map((p) => p.schedule)).toEqual(['PFS global', 'CLFS', 'PFS 26+TC']);
  });
  it('prices a check with no codes at $0 only when a note says why', () => {
    expect(computePrice({ basis: 'bundled', codes: [], note: 'part of the examination' }, fees).price?.usd).toBe(0);
    expect(computePrice({ basis: 'bundled', codes: [] }, fees).problems[0]).toMatch(/note/);
  });
  it('prices a code Medicare does not pay as such only when a note says so', () => {
    expect(computePrice({ basis: 'pfs-global', codes: ['99173'] }, fees).problems[0]).toMatch(/status N \(not covered by Medicare\); say so in note/);
    expect(computePrice({ basis: 'pfs-global', codes: ['99173'], note: 'screening; not covered' }, fees).price?.usd).toBe(3.23);
  });
  it('never leaves a test silently priceless', () => {
    expect(computePrice({ basis: 'clfs', codes: ['12345'] }, fees).problems[0]).toMatch(/not on the CMS 2025/);
    expect(computePrice({ basis: 'clfs', codes: ['71046'] }, fees).problems[0]).toMatch(/not on the CLFS/);
    expect(computePrice({ basis: 'pfs-global', codes: ['85025'] }, fees).problems[0]).toMatch(/no PFS global/);
    expect(computePrice({ basis: 'clfs', codes: ['85025', '87040'] }, fees).problems[0]).toMatch(/exactly one code/);
    expect(computePrice({ basis: 'bundled', codes: ['85025'], note: 'one' }, fees).problems[0]).toMatch(/two or more/);
  });
});
