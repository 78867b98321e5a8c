import { describe, it, expect } from 'vitest';
import { maskRedisUrl, redisOptions } from './rate-limiter-redis-url.js';

describe('redis urls', () => {
  it('turns a URL into connection options', () => {
    expect(redisOptions('redis://127.0.0.1:6379')).toEqual({ host: '127.0.0.1', port: 6379 });
    expect(redisOptions('redis://bob:p%40ss@cache.internal/3')).toEqual({ host: 'cache.internal', port: 6379, username: 'bob', password: 'p@ss', db: 3 });
    expect(redisOptions('rediss://:pw@h:6380')).toMatchObject({ host: 'h', port: 6380, password: 'pw', tls: {} });
  });

  it('rejects what is not a Redis URL in one sentence, without the password', () => {
    expect(() => redisOptions('postgres://u:secret@h/db')).toThrow(/^"postgres:\/\/u:\*\*\*@h\/db" is not a Redis URL/);
    expect(() => redisOptions('localhost:6379')).toThrow(/not a Redis URL/);
    expect(() => redisOptions('redis://h/abc')).toThrow(/must be a number/);
    expect(maskRedisUrl('redis://:pw@h:1/0')).toBe('redis://:***@h:1/0');
  });
});
