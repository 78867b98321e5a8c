import { describe, it, expect } from 'vitest';
import { isPostgresUrl, maskStoreUrl, stripStorePassword } from './store-url.js';

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
});
