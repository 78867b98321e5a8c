import { readFileSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import type { ShownMedia } from '../../encounter/events.js';

const TYPES: Record<string, string> = { '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.gif': 'image/gif', '.webp': 'image/webp' };

/**
 * A shown image as a URL a provider accepts: http(s) and data: URLs as they are,
 * an image file (relative to the working directory) inlined as a data: URL; undefined
 * for a file that is missing or not an image, so it is left out rather than failing the turn.
 */
export function mediaUrl(m: ShownMedia): string | undefined {
  if (m.url) return /^(https?:\/\/|data:image\/)/i.test(m.url) ? m.url : undefined;
  if (!m.path) return undefined;
  const type = TYPES[extname(m.path).toLowerCase()];
  if (!type) return undefined;
  try {
    return `data:${type};base64,${readFileSync(resolve(m.path)).toString('base64')}`;
  } catch {
    return undefined;
  }
}
