import { readFileSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import type { ShownMedia } from './events.js';

const TYPES: Record<string, string> = { '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.gif': 'image/gif', '.webp': 'image/webp' };

/**
 * A shown image as a URL that both a model provider and an <img> in a report
 * accept: an http(s) URL or a raster data:image URL as it is, or an image file
 * (relative to the working directory) inlined as a data: URL. Undefined for
 * anything else (javascript:, SVG, other schemes, a missing or non-image file),
 * so the image is left out rather than failing the turn or the page.
 */
export function mediaSrc(m: ShownMedia): string | undefined {
  if (m.url) return /^(https?:\/\/|data:image\/(png|jpe?g|gif|webp);)/i.test(m.url) ? m.url : undefined;
  if (!m.path) return undefined;
  const type = TYPES[extname(m.path).toLowerCase()];
  if (!type) return undefined;
  try {
    return `data:${type};base64,${readFileSync(resolve(m.path)).toString('base64')}`;
  } catch {
    return undefined;
  }
}
