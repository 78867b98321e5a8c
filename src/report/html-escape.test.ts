import { describe, expect, it } from 'vitest';
import { escapeHtml, html, trusted } from './html-escape.js';

describe('escapeHtml', () => {
  it('escapes markup and quote characters', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });

  it('defuses URLs so the page never names an external address', () => {
    expect(escapeHtml('see https://example.org/x')).toBe('see https&#58;//example.org/x');
  });
});

describe('html', () => {
  it('escapes every interpolated value unless it is marked trusted', () => {
    const evil = '<script>x()</script>';
    const out = html`<p title="${evil}">${evil}${trusted('<b>ok</b>')}${[evil, trusted('<i>i</i>')]}${null}${undefined}${false}${3}</p>`;
    expect(out.value).toBe(
      '<p title="&lt;script&gt;x()&lt;/script&gt;">&lt;script&gt;x()&lt;/script&gt;<b>ok</b>&lt;script&gt;x()&lt;/script&gt;<i>i</i>3</p>',
    );
    expect(String(html`${out}`)).toBe(out.value);
  });
});
