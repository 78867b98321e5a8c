import { readFileSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import type { ShownMedia } from '../encounter/events.js';
import { html, type SafeHtml } from './html-escape.js';

const TYPES: Record<string, string> = { '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.gif': 'image/gif', '.webp': 'image/webp' };

/**
 * The source a report may put in an <img>: an http(s) URL, a data:image URL, or an image
 * file (relative to the working directory) inlined as a data: URL so the page stays
 * self-contained; undefined for anything else (javascript:, other schemes, missing files).
 */
export function reportImageSrc(m: ShownMedia): string | undefined {
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

/** One image with its caption; an image that cannot be shown safely keeps its caption and says why. */
export function mediaFigure(m: ShownMedia): SafeHtml {
  const src = reportImageSrc(m);
  const caption = m.caption || `Image ${m.id}`;
  return src
    ? html`<figure class="media"><img src="${src}" alt="${caption}" loading="lazy" style="max-width:100%;max-height:360px"><figcaption>${caption}</figcaption></figure>`
    : html`<figure class="media"><figcaption>${caption} <span class="muted">(image not available to this report)</span></figcaption></figure>`;
}
