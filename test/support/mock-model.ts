import { MockLanguageModelV3 } from 'ai/test';
import type { LanguageModelV3CallOptions, LanguageModelV3GenerateResult } from '@ai-sdk/provider';
import type { ModelHandle } from '../../src/llm/call-model.js';

/** One scripted reply: text, a tool call, or an error to throw. */
export type MockReply = { text: string } | { tool: string; input: unknown } | { error: unknown };

/** A generate result in the provider's v3 shape. */
export function generateResult(reply: { text: string } | { tool: string; input: unknown }, tokens = { input: 10, output: 5 }): LanguageModelV3GenerateResult {
  const content: LanguageModelV3GenerateResult['content'] =
    'text' in reply
      ? [{ type: 'text', text: reply.text }]
      : [{ type: 'tool-call', toolCallId: 'call-1', toolName: reply.tool, input: JSON.stringify(reply.input) }];
  return {
    content,
    finishReason: { unified: 'text' in reply ? 'stop' : 'tool-calls', raw: undefined },
    usage: {
      inputTokens: { total: tokens.input, noCache: tokens.input, cacheRead: undefined, cacheWrite: undefined },
      outputTokens: { total: tokens.output, text: tokens.output, reasoning: undefined },
    },
    warnings: [],
  };
}

/**
 * A MockLanguageModelV3 handle that plays `replies` in order (the last one
 * repeats), or asks `reply` for each call; `calls` records what it was sent.
 */
export function mockHandle({
  id = 'openai-compatible:http://mock/v1#m',
  replies,
  reply,
}: {
  id?: string;
  replies?: MockReply[];
  reply?: (opts: LanguageModelV3CallOptions, n: number) => MockReply;
}): ModelHandle & { calls: LanguageModelV3CallOptions[] } {
  let n = 0;
  const calls: LanguageModelV3CallOptions[] = [];
  const model = new MockLanguageModelV3({
    doGenerate: async (opts) => {
      calls.push(opts);
      const r = reply ? reply(opts, n) : replies![Math.min(n, replies!.length - 1)];
      n++;
      if ('error' in r) throw r.error;
      return generateResult(r);
    },
  });
  const hash = id.lastIndexOf('#');
  return { ref: { provider: 'openai-compatible', model: id.slice(hash + 1), baseURL: 'http://mock/v1', id }, model, calls };
}

/** The text of every message sent in one call, joined. */
export function promptText(opts: LanguageModelV3CallOptions): string {
  return opts.prompt
    .map((m) => (typeof m.content === 'string' ? m.content : m.content.map((p) => ('text' in p ? p.text : JSON.stringify(p))).join(' ')))
    .join('\n');
}
