import { describe, expect, it } from 'vitest';
import { parseModelString, resolveModel } from './model-string.js';
import { parseComponentSpec } from './component-spec.js';
import { settingsFromOptions } from './settings.js';

describe('model strings', () => {
  it('parses each provider to a canonical id', () => {
    expect(parseModelString('openai:gpt-4.1-mini')).toEqual({ provider: 'openai', model: 'gpt-4.1-mini', id: 'openai:gpt-4.1-mini' });
    expect(parseModelString('anthropic:claude-sonnet-4-5').id).toBe('anthropic:claude-sonnet-4-5');
    expect(parseModelString('ollama:llama3.1:8b')).toMatchObject({ provider: 'ollama', model: 'llama3.1:8b' });
    expect(parseModelString('openai-compatible:http://127.0.0.1:9/v1/#qwen')).toEqual({
      provider: 'openai-compatible',
      model: 'qwen',
      baseURL: 'http://127.0.0.1:9/v1',
      id: 'openai-compatible:http://127.0.0.1:9/v1#qwen',
    });
  });

  it('says in one sentence what is wrong', () => {
    expect(() => parseModelString('mistral:large')).toThrow(
      'Unknown model provider "mistral" in "mistral:large"; use one of openai, anthropic, google, ollama, openai-compatible, e.g. openai:gpt-4.1-mini.',
    );
    expect(() => parseModelString('openai-compatible:qwen')).toThrow(/must look like openai-compatible:<baseURL>#<model>/);
    expect(() => parseModelString('openai:')).toThrow(/names no model/);
  });

  it('reads keys from the environment and names the variable when one is missing', () => {
    expect(() => resolveModel(parseModelString('openai:gpt-4.1'), {})).toThrow('Model openai:gpt-4.1 needs an API key: set OPENAI_API_KEY in the environment.');
    expect(() => resolveModel(parseModelString('anthropic:claude-haiku-4-5'), {})).toThrow(/set ANTHROPIC_API_KEY/);
    expect(() => resolveModel(parseModelString('google:gemini-2.5-flash'), {})).toThrow(/set GOOGLE_GENERATIVE_AI_API_KEY/);
    expect(resolveModel(parseModelString('openai:gpt-4.1'), { OPENAI_API_KEY: 'k' }).modelId).toBe('gpt-4.1');
    // Local servers need no key.
    expect(resolveModel(parseModelString('ollama:llama3.1'), {}).provider).toMatch(/ollama/);
    expect(resolveModel(parseModelString('openai-compatible:http://127.0.0.1:9/v1#m'), {}).modelId).toBe('m');
  });

  it('parses component strings and settings', () => {
    expect(parseComponentSpec({ raw: 'llm:openai:gpt-4.1,temperature=0.2', what: 'patient', known: ['temperature'] })).toMatchObject({
      model: 'openai:gpt-4.1',
      options: { temperature: '0.2' },
    });
    expect(parseComponentSpec({ raw: 'llm:model=openai-compatible:http://h:1/v1#m,seed=3', what: 'judge', known: ['seed'] }).model).toBe(
      'openai-compatible:http://h:1/v1#m',
    );
    expect(parseComponentSpec({ raw: 'openai-compatible:http://h:1/v1#m', what: 'judge', known: [] }).model).toBe('openai-compatible:http://h:1/v1#m');
    expect(() => parseComponentSpec({ raw: 'robot', what: 'patient', known: [] })).toThrow(/Unknown patient "robot"/);
    expect(() => parseComponentSpec({ raw: 'llm:openai:x,colour=red', what: 'patient', known: ['seed'] })).toThrow(/has no option "colour"/);
    // Errors name the kind of component and the nearest provider or option.
    expect(() => parseComponentSpec({ raw: 'opnai:gpt-x', what: 'judge', known: [] })).toThrow(
      'Unknown judge "opnai:gpt-x" (did you mean openai?); use llm:<model> or a model string such as openai:gpt-4.1-mini.',
    );
    expect(() => parseComponentSpec({ raw: 'llm:openai:x,temprature=0', what: 'moderator', known: ['temperature', 'seed'] })).toThrow(
      'Moderator "llm:openai:x,temprature=0" has no option "temprature" (did you mean temperature?); it takes temperature, seed.',
    );
    expect(settingsFromOptions({ options: { temperature: '0.5', 'max-tokens': '300', seed: '7' }, where: 'x' })).toEqual({
      temperature: 0.5,
      maxTokens: 300,
      seed: 7,
    });
    expect(() => settingsFromOptions({ options: { temperature: 'hot' }, where: 'x' })).toThrow('Option temperature=hot in "x" must be a number from 0 to 2.');
  });
});
