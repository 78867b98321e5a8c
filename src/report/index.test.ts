import { describe, expect, it } from 'vitest';
import { ConfigError } from '../util/errors.js';
import { summarizeRun } from './aggregate.js';
import { renderCsv } from './csv.js';
import { renderHtml } from './html.js';
import { formatResultsTable, renderReport, REPORT_FORMATS, type ReportFormat } from './index.js';
import { renderJson } from './json.js';
import { renderMarkdown } from './markdown.js';
import { fixtureRun } from './test-fixture.js';

describe('renderReport', () => {
  const data = fixtureRun({ withEvents: true });

  it('dispatches to each renderer', () => {
    expect(REPORT_FORMATS).toEqual(['md', 'json', 'csv', 'html']);
    expect(renderReport(data, 'md')).toBe(renderMarkdown(data));
    expect(renderReport(data, 'json')).toBe(renderJson(data));
    expect(renderReport(data, 'csv')).toBe(renderCsv(data));
    expect(renderReport(data, 'html')).toBe(renderHtml(data));
  });

  it('fails with a ConfigError on an unknown format', () => {
    expect(() => renderReport(data, 'pdf' as ReportFormat)).toThrow(ConfigError);
    expect(() => renderReport(data, 'pdf' as ReportFormat)).toThrow('Unknown report format "pdf"; use one of md, json, csv, html.');
  });
});

describe('formatResultsTable', () => {
  it('prints an aligned plain-text table', () => {
    const table = formatResultsTable(summarizeRun(fixtureRun()));
    expect(table).toBe(
      [
        'Doctor                  Protocol       n   Top-1       95% CI   Top-3  Mean cost  Turns  No-dx  Errors',
        '----------------------  -----------  ---  ------  -----------  ------  ---------  -----  -----  ------',
        'baseline:threshold=0.5  default        5   50.0%   15.0–85.0%   75.0%    $550.00   10.0      1       1',
        'baseline:threshold=0.9  default        5   80.0%   37.6–96.4%   80.0%    $730.00    5.6      0       0',
        'script:demo.yaml        agentclinic  1+1  100.0%  20.7–100.0%  100.0%      $0.00    3.0      0       0',
        '',
      ].join('\n'),
    );
    expect(table).not.toMatch(/\x1b\[/);
  });

  it('says so when there is nothing to show', () => {
    expect(formatResultsTable(summarizeRun({ ...fixtureRun(), encounters: [] }))).toBe('No encounters.\n');
  });
});
