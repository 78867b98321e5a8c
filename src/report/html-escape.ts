/** Markup that is already safe to insert as is; everything else is escaped by `html`. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

/** What may be interpolated into `html`: text (escaped), numbers, safe markup, lists of these, or nothing. */
export type HtmlValue = SafeHtml | string | number | boolean | null | undefined | readonly HtmlValue[];

/**
 * Escapes text for HTML element content and quoted attributes. "://" also
 * becomes "&#58;//": it renders the same, but a URL quoted in a case or a
 * model's answer can never read as a link to anything outside the page.
 */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;').replace(/:\/\//g, '&#58;//');
}

function toHtml(v: HtmlValue): string {
  if (v instanceof SafeHtml) return v.value;
  if (Array.isArray(v)) return v.map(toHtml).join('');
  if (v === null || v === undefined || v === false || v === true) return '';
  return escapeHtml(String(v));
}

/** Tagged template that escapes every interpolated value unless it is SafeHtml, so no caller can forget to. */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0];
  for (let i = 0; i < values.length; i++) out += toHtml(values[i]) + strings[i + 1];
  return new SafeHtml(out);
}

/** Marks trusted, generated markup (never anything from a case, doctor or model) as safe. */
export function trusted(markup: string): SafeHtml {
  return new SafeHtml(markup);
}
