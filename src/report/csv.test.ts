import { describe, expect, it } from 'vitest';
import { csvField, CSV_COLUMNS, renderCsv } from './csv.js';
import { fixtureRun } from './test-fixture.js';

/** A strict RFC 4180 reader, so the test checks the text round-trips, not just how it looks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (ch === '"') {
        quoted = false;
        i++;
        continue;
      }
      field += ch;
      i++;
      continue;
    }
    if (ch === '"' && field === '') {
      quoted = true;
      i++;
      continue;
    }
    if (ch === ',') {
      row.push(field);
      field = '';
      i++;
      continue;
    }
    if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 2;
      continue;
    }
    if (ch === '"' || ch === '\n' || ch === '\r') throw new Error(`bare ${JSON.stringify(ch)} at ${i}`);
    field += ch;
    i++;
  }
  if (field !== '' || row.length) throw new Error('last line has no CRLF');
  return rows;
}

describe('csvField', () => {
  it('quotes only when needed and doubles quotes', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\rhere')).toBe('"cr\rhere"');
    expect(csvField(null)).toBe('');
    expect(csvField(0)).toBe('0');
  });

  it('neutralises text that a spreadsheet would run as a formula, but not numbers', () => {
    expect(csvField('=HYPERLINK("http://x","click")')).toBe(`"'=HYPERLINK(""http://x"",""click"")"`);
    expect(csvField('+1+cmd|calc')).toBe("'+1+cmd|calc");
    expect(csvField('-2+3')).toBe("'-2+3");
    expect(csvField('@SUM(A1:A9)')).toBe("'@SUM(A1:A9)");
    expect(csvField('\t=1')).toBe("'\t=1");
    expect(csvField('\r=1')).toBe(`"'\r=1"`);
    expect(csvField(-3.5)).toBe('-3.5');
    expect(csvField('Pulmonary embolism')).toBe('Pulmonary embolism');
  });
});

describe('renderCsv', () => {
  const text = renderCsv(fixtureRun({ withEvents: true }));
  const rows = parseCsv(text);

  it('has the header, a column per other score, and one row per encounter in plan order', () => {
    expect(rows[0]).toEqual([...CSV_COLUMNS, 'score:diagnosis', 'score:exams']);
    expect(rows).toHaveLength(13);
    expect(rows.slice(1).map((r) => r[1])).toEqual(Array.from({ length: 12 }, (_, i) => `enc-${i}`));
    for (const r of rows) expect(r).toHaveLength(CSV_COLUMNS.length + 2);
  });

  it('writes the values of each encounter', () => {
    const row = (id: string) => Object.fromEntries(rows[0].map((c, i) => [c, rows.find((r) => r[1] === id)![i]]));
    expect(row('enc-0')).toMatchObject({
      run_id: 'run-abc',
      case_id: 'c1',
      specialty: 'cardiology',
      doctor: 'baseline:threshold=0.5',
      verdict: 'correct',
      end_reason: 'diagnosed',
      top1: '1',
      top3: '1',
      cost: '400',
      turns: '4',
      must_ask: '1',
      must_order: '1',
    });
    // The error has no top-1/top-3 score: empty, never a made-up 0.
    expect(row('enc-10')).toMatchObject({ verdict: 'error', end_reason: 'error', top1: '', top3: '', 'score:diagnosis': '' });
    expect(row('enc-10').error_reason).not.toBe('');
    expect(row('enc-0')).toMatchObject({ truth: 'Diagnosis of c1', 'score:diagnosis': '1', error_reason: '' });
    expect(row('enc-0').top_diagnosis).not.toBe('');
    expect(row('enc-0').tests_ordered).toMatch(/cbc/);
    expect(row('enc-0').exams_done).toBe('cardiovascular');
    // Without events there is nothing to read the doctor's diagnosis from: empty, not invented.
    expect(row('enc-1')).toMatchObject({ top_diagnosis: '', exams_done: '', tests_ordered: '' });
    expect(row('enc-6')).toMatchObject({ verdict: 'no-diagnosis', top1: '0', must_ask: '0', must_order: '' });
    expect(row('enc-5')).toMatchObject({ verdict: '', cost: '', turns: '' });
  });

  it('quotes commas, quotes and newlines as RFC 4180 asks', () => {
    expect(text).toContain(',"Pericarditis, acute ""viral""\nsecond line",');
    expect(rows.find((r) => r[1] === 'enc-3')![CSV_COLUMNS.indexOf('truth')]).toBe('Pericarditis, acute "viral"\nsecond line');
    expect(text.split('\r\n')[0]).toBe([...CSV_COLUMNS, 'score:diagnosis', 'score:exams'].join(','));
  });

  it('neutralises a formula in a diagnosis or doctor name so a spreadsheet shows it as text', () => {
    const data = fixtureRun({ withEvents: true });
    data.encounters[0] = { ...data.encounters[0], diagnosis: '=cmd|" /C calc"!A0', doctor: '@evil' };
    const bad = parseCsv(renderCsv(data)).find((r) => r[1] === data.encounters[0].id)!;
    expect(bad[CSV_COLUMNS.indexOf('truth')]).toBe(`'=cmd|" /C calc"!A0`);
    expect(bad[CSV_COLUMNS.indexOf('doctor')]).toBe("'@evil");
  });
});
