import { describe, expect, it } from 'vitest';
import { APICallError } from '@ai-sdk/provider';
import { backoffDelay, classifyFailure, DEFAULT_RETRY, parseRetryAfter } from './retry.js';
import { createRng } from '../util/rng.js';
import { loadPrices, priceCall } from './prices.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

describe('retries', () => {
  it('reads Retry-After in seconds, milliseconds or as a date', () => {
    expect(parseRetryAfter({ 'Retry-After': '3' })).toBe(3000);
    expect(parseRetryAfter({ 'retry-after-ms': '250', 'retry-after': '9' })).toBe(250);
    expect(parseRetryAfter({ 'retry-after': new Date(10_000).toUTCString() }, 4_000)).toBe(6000);
    expect(parseRetryAfter({})).toBeUndefined();
  });

  it('waits what the server asks, else backs off exponentially with seeded jitter', () => {
    const failure = { retryable: true, code: 'rate-limited', message: '', retryAfterMs: 7000 };
    expect(backoffDelay({ policy: DEFAULT_RETRY, retry: 1, failure, rng: createRng(1) })).toBe(7000);
    const plain = { retryable: true, code: 'server-error', message: '' };
    const d = [1, 2, 3].map((retry) => backoffDelay({ policy: DEFAULT_RETRY, retry, failure: plain, rng: createRng('a') }));
    expect(d[0]).toBeGreaterThanOrEqual(500);
    expect(d[0]).toBeLessThanOrEqual(1000);
    expect(d[2]).toBeGreaterThanOrEqual(2000);
    expect(d).toEqual([1, 2, 3].map((retry) => backoffDelay({ policy: DEFAULT_RETRY, retry, failure: plain, rng: createRng('a') })));
  });

  it('classifies 429, 5xx, timeouts and 4xx', () => {
    const err = (s: number, h?: Record<string, string>) =>
      new APICallError({ message: 'm', url: 'u', requestBodyValues: {}, statusCode: s, responseHeaders: h });
    expect(classifyFailure(err(429, { 'retry-after': '2' }), false)).toMatchObject({ retryable: true, code: 'rate-limited', retryAfterMs: 2000 });
    expect(classifyFailure(err(502), false)).toMatchObject({ retryable: true, code: 'server-error' });
    expect(classifyFailure(new Error('aborted'), true)).toMatchObject({ retryable: true, code: 'timeout' });
    expect(classifyFailure(err(400), false)).toMatchObject({ retryable: false, code: 'http-400' });
    expect(classifyFailure(new TypeError('fetch failed'), false)).toMatchObject({ retryable: true, code: 'network' });
  });

  it('retries a 200 whose body could not be read (invalid JSON or the wrong shape), like a 5xx', () => {
    const bad = new APICallError({ message: 'Invalid JSON response', url: 'u', requestBodyValues: {}, statusCode: 200, responseBody: '{"choices": [{"mess' });
    expect(classifyFailure(bad, false)).toMatchObject({ retryable: true, code: 'bad-reply' });
    const empty = new APICallError({ message: 'Invalid JSON response', url: 'u', requestBodyValues: {}, statusCode: 200, responseBody: '' });
    expect(classifyFailure(empty, false)).toMatchObject({ retryable: true, code: 'empty-reply' });
  });
});

describe('prices', () => {
  it('prices per million tokens, with a user table over the defaults, and null for unknown models', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rounds-prices-'));
    const file = join(dir, 'p.yaml');
    writeFileSync(file, "'ollama:llama3.1': { input: 0.1, output: 0.2 }\n'openai:gpt-4.1': { input: 1, output: 1 }\n");
    const table = loadPrices(file);
    expect(priceCall({ table, modelId: 'ollama:llama3.1', inputTokens: 1_000_000, outputTokens: 500_000 })).toBeCloseTo(0.2);
    expect(priceCall({ table, modelId: 'openai:gpt-4.1', inputTokens: 1e6, outputTokens: 1e6 })).toBe(2);
    expect(priceCall({ table, modelId: 'openai:gpt-4.1-mini', inputTokens: 1e6, outputTokens: 0 })).toBe(0.4);
    expect(priceCall({ table, modelId: 'ollama:unknown', inputTokens: 1, outputTokens: 1 })).toBeNull();
    writeFileSync(file, "'x:y': { input: cheap }\n");
    expect(() => loadPrices(file)).toThrow(/The price file .* is invalid at x:y.input/);
  });
});
