import { describe, expect, it } from 'vitest';
import { assertDoctorUrlAllowed, assertModelAllowed, EgressRefusedError, modelPatternMatches, parseDoctorOrigin, withEgressPolicy } from './egress-policy.js';
import { compatibleKeyFor } from './model-string.js';

describe('egress policy', () => {
  it('matches model globs on the whole canonical id', () => {
    expect(modelPatternMatches('openai:*', 'openai:gpt-4.1-mini')).toBe(true);
    expect(modelPatternMatches('openai:*', 'openai-compatible:http://x/v1#m')).toBe(false);
    expect(modelPatternMatches('openai-compatible:http://127.0.0.1:8000/v1#*', 'openai-compatible:http://127.0.0.1:8000/v1#qwen')).toBe(true);
    expect(modelPatternMatches('openai-compatible:http://127.0.0.1:8000/v1#*', 'openai-compatible:http://127.0.0.1:8000/v2#qwen')).toBe(false);
    // Dots and other regex characters are literal.
    expect(modelPatternMatches('openai:gpt-4.1', 'openai:gpt-4x1')).toBe(false);
  });

  it('restricts nothing outside a policy (the command line) and everything not listed inside one', () => {
    expect(() => assertModelAllowed('openai:gpt-4.1')).not.toThrow();
    expect(() => assertDoctorUrlAllowed(new URL('http://10.0.0.1/x'))).not.toThrow();
    withEgressPolicy({ models: ['anthropic:*'], doctorOrigins: ['https://doc.example'] }, () => {
      expect(() => assertModelAllowed('anthropic:claude')).not.toThrow();
      expect(() => assertModelAllowed('openai:gpt-4.1')).toThrow(EgressRefusedError);
      expect(() => assertDoctorUrlAllowed(new URL('https://doc.example/act'))).not.toThrow();
      expect(() => assertDoctorUrlAllowed(new URL('https://doc.example:444/act'))).toThrow(/--allow-doctor-url https:\/\/doc.example:444/);
    });
  });

  it('reads --allow-doctor-url as an origin only', () => {
    expect(parseDoctorOrigin('http://127.0.0.1:9000/')).toBe('http://127.0.0.1:9000');
    expect(parseDoctorOrigin('HTTPS://Doc.Example:443')).toBe('https://doc.example');
    expect(() => parseDoctorOrigin('http://127.0.0.1:9000/path')).toThrow(/origin only/);
    expect(() => parseDoctorOrigin('ftp://x')).toThrow(/http or https/);
    expect(() => parseDoctorOrigin('nope')).toThrow(/not a URL/);
  });
});

describe('OPENAI_COMPATIBLE_API_KEY binding', () => {
  const key = 'sk-test-key';
  it('goes only to OPENAI_COMPATIBLE_BASE_URL when that is set', () => {
    const env = { OPENAI_COMPATIBLE_API_KEY: key, OPENAI_COMPATIBLE_BASE_URL: 'http://127.0.0.1:8000/v1/' };
    expect(compatibleKeyFor('http://127.0.0.1:8000/v1', env)).toBe(key);
    expect(compatibleKeyFor('http://evil.example/v1', env)).toBeUndefined();
    withEgressPolicy({ models: ['*'], doctorOrigins: [] }, () => expect(compatibleKeyFor('http://127.0.0.1:8000/v1', env)).toBe(key));
  });

  it('without a configured base URL, goes to the URL a command-line user named, never for a server caller', () => {
    const env = { OPENAI_COMPATIBLE_API_KEY: key };
    expect(compatibleKeyFor('http://my-vllm:8000/v1', env)).toBe(key);
    withEgressPolicy({ models: ['*'], doctorOrigins: [] }, () => expect(compatibleKeyFor('http://my-vllm:8000/v1', env)).toBeUndefined());
    expect(compatibleKeyFor('http://my-vllm:8000/v1', {})).toBeUndefined();
  });
});
