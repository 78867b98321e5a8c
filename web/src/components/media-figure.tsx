import type { ShownMedia } from '../../../src/encounter/events.js';

/** Only web and inline image URLs reach an <img>; anything else (javascript:, file paths) shows its caption only. */
export function safeImageSrc(m: ShownMedia): string | undefined {
  return m.url && /^(https?:\/\/|data:image\/(png|jpe?g|gif|webp);)/i.test(m.url) ? m.url : undefined;
}

/** One case image with its caption; React escapes the caption, and the source is checked above. */
export function MediaFigure(props: { media: ShownMedia }) {
  const src = safeImageSrc(props.media);
  const caption = props.media.caption || `Image ${props.media.id}`;
  return (
    <figure className="media" data-testid="media">
      {src ? <img src={src} alt={caption} loading="lazy" referrerPolicy="no-referrer" style={{ maxWidth: '100%', maxHeight: 360 }} /> : null}
      <figcaption>
        {caption}
        {src ? null : <span className="muted"> (image file not shown in the browser)</span>}
      </figcaption>
    </figure>
  );
}
