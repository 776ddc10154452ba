import { escapeHtml } from '../newsletter/render/escape.js';
import { safeHttpUrl } from '../newsletter/render/url.js';

/**
 * HTML that is already safe to send: built by the `html` template, which escapes every
 * interpolated value that is not itself SafeHtml. Feed text (titles, sources, summaries, blurbs)
 * is hostile input, so views never concatenate strings into markup; they interpolate.
 */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

type Interpolation = SafeHtml | string | number | boolean | null | undefined | readonly Interpolation[];

function render(value: Interpolation): string {
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === null || value === undefined || value === false) return '';
  return escapeHtml(String(value));
}

/**
 * Tagged template: `html\`<a title="${title}">${title}</a>\``. Values are escaped for element
 * content and for double-quoted attribute values (`& < > " '`); attributes in templates must
 * always be quoted. `false`, null and undefined render as nothing, arrays are joined.
 */
export function html(strings: TemplateStringsArray, ...values: Interpolation[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? '');
  });
  return new SafeHtml(out);
}

/** A link to the outside, or the plain text when the URL is not http(s). */
export function externalLink(url: string | null | undefined, text: Interpolation, className = ''): SafeHtml {
  const href = safeHttpUrl(url);
  if (!href) return html`<span class="${className}">${text}</span>`;
  return html`<a class="${className}" href="${href}" rel="noopener noreferrer" target="_blank">${text}</a>`;
}
