import { describe, expect, it } from 'vitest';
import { APICallError } from '@ai-sdk/provider';
import { z } from 'zod';
import { callModel } from './call-model.js';
import { memoryCache } from './cache.js';
import { createRuntime } from './runtime.js';
import { emptyUsage } from './usage.js';
import { ModelCallError, OfflineCacheMissError } from './errors.js';
import { mockHandle } from '../../test/support/mock-model.js';

const fast = { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 50, timeoutMs: 1000 };
const scope = (rt = createRuntime({ retry: fast })) => ({ runtime: rt, usage: emptyUsage(), seed: 's' });
const apiError = (status: number, headers: Record<string, string> = {}) =>
  new APICallError({
    message: `status ${status}`,
    url: 'http://mock/v1/chat/completions',
    requestBodyValues: {},
    statusCode: status,
    responseHeaders: headers,
    isRetryable: status >= 429,
  });

describe('callModel', () => {
  it('answers a repeated call from the cache without calling the model, with the same usage', async () => {
    const handle = mockHandle({ replies: [{ text: 'hello' }] });
    const s = scope(createRuntime({ cache: memoryCache(), retry: fast }));
    const a = await callModel({ handle, messages: [{ role: 'user', content: 'hi' }], purpose: 'test', scope: s });
    const b = await callModel({ handle, messages: [{ role: 'user', content: 'hi' }], purpose: 'test', scope: s });
    expect(handle.calls).toHaveLength(1);
    expect(b).toMatchObject({ text: 'hello', cached: true, inputTokens: a.inputTokens, outputTokens: a.outputTokens });
    expect(s.usage).toMatchObject({ calls: 2, cachedCalls: 1, inputTokens: 20, outputTokens: 10 });
    // A different message is a different key.
    await callModel({ handle, messages: [{ role: 'user', content: 'hi!' }], purpose: 'test', scope: s });
    expect(handle.calls).toHaveLength(2);
  });

  it("keeps a sampled call's replicates apart in the cache; a temperature-0 or fixed-seed call is shared by them", async () => {
    const cache = memoryCache();
    const rt = createRuntime({ cache, retry: fast });
    const handle = mockHandle({ replies: [{ text: 'a' }] });
    const ask = (sample: string, settings?: { temperature?: number; seed?: number }) =>
      callModel({ handle, settings, messages: [{ role: 'user', content: 'hi' }], purpose: 'test', scope: { ...scope(rt), sample } });
    await ask('0');
    await ask('1');
    expect(handle.calls).toHaveLength(2); // the provider's default temperature samples: seed 1 is a new draw
    expect((await ask('1')).cached).toBe(true); // a resume of seed 1 replays seed 1
    await ask('0', { temperature: 0 });
    expect((await ask('1', { temperature: 0 })).cached).toBe(true);
    await ask('0', { temperature: 0.7, seed: 7 });
    expect((await ask('1', { temperature: 0.7, seed: 7 })).cached).toBe(true);
    expect(handle.calls).toHaveLength(4);
  });

  it('read mode uses the cache but never writes it; off ignores it', async () => {
    const cache = memoryCache();
    const handle = mockHandle({ replies: [{ text: 'x' }] });
    await callModel({
      handle,
      messages: [{ role: 'user', content: 'q' }],
      purpose: 't',
      scope: scope(createRuntime({ cache, cacheMode: 'read', retry: fast })),
    });
    expect(cache.size()).toBe(0);
    await callModel({
      handle,
      messages: [{ role: 'user', content: 'q' }],
      purpose: 't',
      scope: scope(createRuntime({ cache, cacheMode: 'off', retry: fast })),
    });
    expect(cache.size()).toBe(0);
    expect(handle.calls).toHaveLength(2);
  });

  it('fails fast offline on a cache miss', async () => {
    const handle = mockHandle({ replies: [{ text: 'x' }] });
    await expect(
      callModel({ handle, messages: [{ role: 'user', content: 'q' }], purpose: 't', scope: scope(createRuntime({ cache: memoryCache(), offline: true })) }),
    ).rejects.toBeInstanceOf(OfflineCacheMissError);
    expect(handle.calls).toHaveLength(0);
  });

  it('retries 429, 5xx and empty replies, then succeeds; the AI SDK makes no retries of its own', async () => {
    const handle = mockHandle({ replies: [{ error: apiError(429, { 'retry-after': '0' }) }, { error: apiError(503) }, { text: '' }, { text: 'ok' }] });
    const r = await callModel({
      handle,
      messages: [{ role: 'user', content: 'q' }],
      purpose: 't',
      scope: scope(createRuntime({ retry: { ...fast, maxAttempts: 4 } })),
    });
    expect(r).toMatchObject({ text: 'ok', attempts: 4 });
    expect(handle.calls).toHaveLength(4);
  });

  it('gives up after the last attempt with a typed error naming the cause', async () => {
    const handle = mockHandle({ replies: [{ error: apiError(500) }] });
    const e = await callModel({ handle, messages: [{ role: 'user', content: 'q' }], purpose: 'doctor', scope: scope() }).catch((x) => x);
    expect(e).toBeInstanceOf(ModelCallError);
    expect(e).toMatchObject({ code: 'server-error', attempts: 3 });
    expect(e.message).toMatch(/^The doctor call to .* failed after 3 attempts: the provider answered 500\.$/);
  });

  it('does not retry a rejected key', async () => {
    const handle = mockHandle({ replies: [{ error: apiError(401) }] });
    const e = await callModel({ handle, messages: [{ role: 'user', content: 'q' }], purpose: 't', scope: scope() }).catch((x) => x);
    expect(e).toMatchObject({ code: 'http-401', attempts: 1 });
    expect(handle.calls).toHaveLength(1);
  });

  it('times out a hanging call through its abort signal and retries it', async () => {
    let n = 0;
    const handle = mockHandle({ replies: [{ text: 'unused' }] });
    handle.model.doGenerate = async (opts) => {
      if (n++ === 0) {
        await new Promise((_, reject) => opts.abortSignal?.addEventListener('abort', () => reject(new Error('aborted'))));
      }
      const { generateResult } = await import('../../test/support/mock-model.js');
      return generateResult({ text: 'late' });
    };
    const r = await callModel({
      handle,
      messages: [{ role: 'user', content: 'q' }],
      purpose: 't',
      scope: scope(createRuntime({ retry: { ...fast, timeoutMs: 30 } })),
    });
    expect(r).toMatchObject({ text: 'late', attempts: 2 });
  });

  it('requires a valid tool call in tool mode and a valid object in output mode', async () => {
    const tools = { pick: { description: 'pick', inputSchema: z.object({ n: z.number() }) } };
    const handle = mockHandle({
      replies: [
        { tool: 'pick', input: { n: 'x' } },
        { tool: 'pick', input: { n: 2 } },
      ],
    });
    const r = await callModel({ handle, messages: [{ role: 'user', content: 'q' }], tools, purpose: 't', scope: scope() });
    expect(r.toolCalls).toEqual([{ toolName: 'pick', input: { n: 2 } }]);
    expect(handle.calls[0].toolChoice).toEqual({ type: 'required' });
    const obj = mockHandle({ replies: [{ text: 'not json' }, { text: '{"score": 4}' }] });
    const o = await callModel({
      handle: obj,
      messages: [{ role: 'user', content: 'q' }],
      output: z.object({ score: z.number() }),
      purpose: 't',
      scope: scope(),
    });
    expect(o.object).toEqual({ score: 4 });
    expect(o.attempts).toBe(2);
  });

  it('prices usage and fires the budget once when --max-usd is reached', async () => {
    let fired = 0;
    const rt = createRuntime({ retry: fast, prices: { 'openai:gpt-x': { input: 1_000_000, output: 0 } }, maxUsd: 25, onBudget: () => fired++ });
    const handle = mockHandle({ id: 'openai:gpt-x', replies: [{ text: 'a' }] });
    const s = scope(rt);
    await callModel({ handle, messages: [{ role: 'user', content: '1' }], purpose: 't', scope: s });
    expect(s.usage.usd).toBe(10);
    expect(fired).toBe(0);
    await callModel({ handle, messages: [{ role: 'user', content: '2' }], purpose: 't', scope: s });
    await callModel({ handle, messages: [{ role: 'user', content: '3' }], purpose: 't', scope: s });
    await callModel({ handle, messages: [{ role: 'user', content: '4' }], purpose: 't', scope: s });
    expect(fired).toBe(1);
    expect(rt.total.usd).toBe(40);
  });
});
