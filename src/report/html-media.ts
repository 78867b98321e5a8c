import type { ShownMedia } from '../encounter/events.js';
import { html, type SafeHtml } from './html-escape.js';
import { mediaSrc } from '../encounter/media-src.js';

/** One image with its caption; an image that cannot be shown safely keeps its caption and says why. */
export function mediaFigure(m: ShownMedia): SafeHtml {
  const src = mediaSrc(m);
  const caption = m.caption || `Image ${m.id}`;
  return src
    ? html`<figure class="media"><img src="${src}" alt="${caption}" loading="lazy" style="max-width:100%;max-height:360px"><figcaption>${caption}</figcaption></figure>`
    : html`<figure class="media"><figcaption>${caption} <span class="muted">(image not available to this report)</span></figcaption></figure>`;
}
