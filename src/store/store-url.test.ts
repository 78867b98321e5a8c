import { describe, it, expect } from 'vitest';
import { checkStoreLocation, connectionUrl, isPostgresUrl, maskStoreUrl, stripStorePassword } from './store-url.js';
import { storeForJobs } from '../run/queue.js';

describe('store urls', () => {
  it('tells PostgreSQL URLs from SQLite paths', () => {
    expect(isPostgresUrl('postgres://h/db')).toBe(true);
    expect(isPostgresUrl('postgresql://u@h:5432/db')).toBe(true);
    expect(isPostgresUrl('.rounds/rounds.db')).toBe(false);
    expect(isPostgresUrl('/tmp/postgres://x')).toBe(false);
  });

  it('masks or strips a password and leaves everything else alone', () => {
    expect(maskStoreUrl('postgres://alice:s3cr:et@db.example:5432/rounds?ssl=true')).toBe('postgres://alice:***@db.example:5432/rounds?ssl=true');
    expect(stripStorePassword('postgres://alice:s3cr3t@db.example/rounds')).toBe('postgres://alice@db.example/rounds');
    expect(maskStoreUrl('postgres://alice@db.example/rounds')).toBe('postgres://alice@db.example/rounds');
    expect(maskStoreUrl('redis://:pw@127.0.0.1:6379/2')).toBe('redis://:***@127.0.0.1:6379/2');
    expect(maskStoreUrl('.rounds/rounds.db')).toBe('.rounds/rounds.db');
  });

  it('masks a password typed with an unencoded @, / or # whole, splitting at the last @ before the host', () => {
    const url = 'postgres://alice:p@ss/w#rd@db.example:5432/rounds';
    expect(maskStoreUrl(url)).toBe('postgres://alice:***@db.example:5432/rounds');
    expect(stripStorePassword(url)).toBe('postgres://alice@db.example:5432/rounds');
    // pg gets the password percent-encoded, so it reads the same host and password.
    const u = new URL(connectionUrl(url));
    expect([u.hostname, u.port, decodeURIComponent(u.password), u.pathname]).toEqual(['db.example', '5432', 'p@ss/w#rd', '/rounds']);
  });

  it('masks password query parameters and drops them from what is handed on', () => {
    const url = 'postgres://alice@db.example/rounds?sslmode=require&password=hunter2&application_name=x';
    expect(maskStoreUrl(url)).toBe('postgres://alice@db.example/rounds?sslmode=require&password=***&application_name=x');
    expect(stripStorePassword(url)).toBe('postgres://alice@db.example/rounds?sslmode=require&application_name=x');
    expect(storeForJobs(url)).not.toContain('hunter2');
    expect(storeForJobs('postgres://u:p@w@h/db?password=z')).toBe('postgres://u@h/db');
  });

  it('refuses a URL of a database Rounds does not support', () => {
    expect(() => checkStoreLocation('mysql://root:pw12345@db/rounds')).toThrow(/unsupported scheme mysql:\/\/; .*postgres:\/\//);
    expect(() => checkStoreLocation('mysql://root:pw12345@db/rounds')).not.toThrow(/pw12345/);
    expect(() => checkStoreLocation('')).toThrow(/empty/);
    expect(() => checkStoreLocation('runs/rounds.db')).not.toThrow();
    expect(() => checkStoreLocation('postgresql://h/db')).not.toThrow();
  });
});
