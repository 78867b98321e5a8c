import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { configuredSecrets, redactSecrets, registerSecret } from './redact.js';

describe('redactSecrets', () => {
  const env = { OPENAI_COMPATIBLE_API_KEY: 'plainkeyvalue-2718', ROUNDS_TOKEN: 'tok_31415926', ROUNDS_DOCTOR_TOKEN: 'doc-token-1618', HOME: '/home/x' };

  it('removes every configured secret, wherever it appears', () => {
    const text = `the provider answered 401: {"error":"bad key plainkeyvalue-2718"} token tok_31415926 and doc-token-1618`;
    const out = redactSecrets(text, env);
    for (const v of [env.OPENAI_COMPATIBLE_API_KEY, env.ROUNDS_TOKEN, env.ROUNDS_DOCTOR_TOKEN]) expect(out).not.toContain(v);
    expect(out).toContain('the provider answered 401');
    expect(configuredSecrets(env)).not.toContain('/home/x');
  });

  it('removes anything shaped like a key, a bearer token or a credential parameter', () => {
    const cases: Array<[string, string]> = [
      ['key sk-proj-AbCdEf0123456789 refused', 'sk-proj-AbCdEf0123456789'],
      ['key sk-ant-api03-ZZZZ9999yyyy refused', 'sk-ant-api03-ZZZZ9999yyyy'],
      ['Authorization: Bearer abc.def-ghi_123', 'abc.def-ghi_123'],
      ['https://generativelanguage.googleapis.com/v1?key=AIzaSyA1234567890abcdefg', 'AIzaSyA1234567890abcdefg'],
      ['GET /v1/models?api_key=hunter2hunter2&x=1', 'hunter2hunter2'],
      ['{"x-api-key": "zx81-spectrum"}', 'zx81-spectrum'],
      ['postgres://alice:pa@ss:w/rd@db.example:5432/rounds failed', 'pa@ss:w/rd'],
      ['postgres://alice:pa@ss:w/rd@db.example:5432/rounds failed', 'ss:w/rd'],
      ['postgres://u@db/rounds?sslmode=require&password=s3cr3t!x', 's3cr3t!x'],
      ['redis://:qwerty12@127.0.0.1:6379/0 down', 'qwerty12'],
    ];
    for (const [text, secret] of cases) expect(redactSecrets(text, {}), text).not.toContain(secret);
  });

  it('leaves ordinary clinical and error text alone', () => {
    const text =
      'The patient call to openai:gpt-4.1-mini failed after 3 attempts: the provider answered 500. Basic metabolic panel, token of thanks, disk-usage, risk-benefit.';
    expect(redactSecrets(text, {})).toBe(text);
    expect(redactSecrets('store postgres://alice@db.example/rounds and .rounds/rounds.db', {})).toBe(
      'store postgres://alice@db.example/rounds and .rounds/rounds.db',
    );
  });

  it('removes registered secrets, also percent-encoded', () => {
    registerSecret('p@ss word!');
    const out = redactSecrets('connect p@ss word! / p%40ss%20word!', {});
    expect(out).not.toContain('p@ss word!');
    expect(out).not.toContain('p%40ss%20word!');
  });

  it('never lets a configured secret through, whatever surrounds it', () => {
    fc.assert(
      fc.property(
        fc.string(),
        fc.string({ minLength: 8, maxLength: 40 }).filter((s) => s.trim().length >= 8),
        fc.string(),
        (before, secret, after) => {
          expect(redactSecrets(before + secret + after, { OPENAI_API_KEY: secret })).not.toContain(secret);
        },
      ),
      { numRuns: 300 },
    );
  });
});
