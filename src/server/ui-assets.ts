import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';

/** The built web UI held in memory: URL path -> bytes and type. */
export type UiAssets = ReadonlyMap<string, { body: Uint8Array; type: string }>;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Reads every file of the built UI once, at start-up. Requests are then
 * looked up in this fixed map; no request path is ever joined onto a folder.
 */
export function loadUiAssets(folder: string): UiAssets {
  const out = new Map<string, { body: Uint8Array; type: string }>();
  if (!existsSync(folder)) return out;
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else out.set('/' + relative(folder, full).split(sep).join('/'), { body: readFileSync(full), type: TYPES[extname(name)] ?? 'application/octet-stream' });
    }
  };
  walk(folder);
  return out;
}
