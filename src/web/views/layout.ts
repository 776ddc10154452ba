import { html, type SafeHtml } from '../html.js';

export interface LayoutOptions {
  title: string;
  /** Embedded for the page script, which sends it with every change (X-CSRF-Token). */
  csrfToken: string;
  active: 'drafts' | 'feeds';
  body: SafeHtml;
  /** The skip link, the page's first tab stop (WCAG 2.4.1); default: to the main content. */
  skipTo?: { href: string; label: string };
}

/** The page frame: no inline script or style (the Content-Security-Policy allows neither). */
export function layout(options: LayoutOptions): string {
  const nav = (href: string, label: string, key: LayoutOptions['active']) =>
    html`<a href="${href}"${options.active === key ? html` aria-current="page"` : ''}>${label}</a>`;
  const skip = options.skipTo ?? { href: '#main', label: 'Skip to the main content' };
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="csrf-token" content="${options.csrfToken}">
<title>${options.title} · secdigest review</title>
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/assets/review.css">
<script src="/assets/review.js" defer></script>
</head>
<body>
<a class="skip" href="${skip.href}">${skip.label}</a>
<header class="top"><span class="brand">secdigest</span><nav aria-label="Pages">${nav('/drafts', 'Drafts', 'drafts')}${nav('/feeds', 'Feed health', 'feeds')}</nav></header>
<main id="main" tabindex="-1">
${options.body}
</main>
</body>
</html>
`.value;
}

/** A hidden CSRF field for a no-script form post. */
export function csrfField(token: string): SafeHtml {
  return html`<input type="hidden" name="_csrf" value="${token}">`;
}
