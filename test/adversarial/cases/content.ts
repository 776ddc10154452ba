import { rssDocument, rssItem, xmlText } from '../support/documents.js';
import type { HostileCase } from '../support/server.js';

/**
 * Each hostile item: what the feed sends (as HTML inside the XML, the way feeds carry markup) and
 * what must be stored: plain text, with no markup, no script text, no invisible characters, and no
 * link but http(s). Markdown stays literal text here; the exports escape it (render/hostile.test.ts).
 */
export const HOSTILE_ITEMS = [
  {
    guid: 'script',
    title: 'Patch now<script>alert(document.cookie)</script> please',
    link: 'https://hostile.example/script',
    description: '<p>Before<script type="text/javascript">steal()</script><style>body{display:none}</style> after</p>',
    stored: { title: 'Patch now please', summary: 'Before after', url: 'https://hostile.example/script' },
  },
  {
    guid: 'handlers',
    title: '<img src=x onerror="alert(1)">Breach <b onmouseover="alert(2)">disclosed</b>',
    link: 'https://hostile.example/handlers',
    description: '<a href="https://hostile.example" onclick="evil()">Read</a> <svg onload="alert(3)"><text>svg text</text></svg>more',
    stored: { title: 'Breach disclosed', summary: 'Read more', url: 'https://hostile.example/handlers' },
  },
  {
    guid: 'javascript-link',
    title: 'Click the link',
    link: 'javascript:alert(1)',
    description: '<a href="javascript:alert(1)">here</a>',
    stored: { title: 'Click the link', summary: 'here', url: null },
  },
  {
    guid: 'javascript-link-disguised',
    title: 'Disguised scheme',
    link: ' JaVaScRiPt\t:alert(1)',
    description: 'x',
    stored: { title: 'Disguised scheme', summary: 'x', url: null },
  },
  {
    guid: 'data-link',
    title: 'Data link',
    link: 'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
    description: 'y',
    stored: { title: 'Data link', summary: 'y', url: null },
  },
  {
    guid: 'markdown',
    title: '[Click me](javascript:alert(1)) **urgent** ![x](https://tracker.example/p.png) <!-- c --> # Heading',
    link: 'https://hostile.example/markdown',
    description: '| a | b |\n|---|---|\n`code` _em_ [ref]: https://evil.example',
    stored: {
      title: '[Click me](javascript:alert(1)) **urgent** ![x](https://tracker.example/p.png) # Heading',
      summary: '| a | b | |---|---| `code` _em_ [ref]: https://evil.example',
      url: 'https://hostile.example/markdown',
    },
  },
  {
    guid: 'invisible',
    title: 'Zero\u200Bwidth\u200C join\u200D \u202Egnp.exe\u202C and \u2066isolate\u2069\uFEFF\u00AD done',
    link: 'https://hostile.example/invisible',
    description: 'Tag\u{E0041}\u{E0042} chars',
    stored: { title: 'Zerowidth join gnp.exe and isolate done', summary: 'Tag chars', url: 'https://hostile.example/invisible' },
  },
  {
    guid: 'entity-encoded',
    // Escaped twice on purpose: the XML decodes to "&lt;script&gt;", which must stay literal text.
    title: 'Literal &lt;script&gt;alert(1)&lt;/script&gt; shown as text',
    link: 'https://hostile.example/entities',
    description: 'AT&amp;T &amp;amp; more',
    stored: { title: 'Literal <script>alert(1)</script> shown as text', summary: 'AT&T &amp; more', url: 'https://hostile.example/entities' },
  },
] as const;

export const contentCases = {
  hostileContent: {
    id: 'hostile-content',
    what: 'scripts, event handlers, javascript:/data: links, Markdown, zero-width and bidi characters',
    handler: (_req, res) => {
      const items = HOSTILE_ITEMS.map((item) =>
        rssItem({ title: xmlText(item.title), link: xmlText(item.link), guid: item.guid, description: xmlText(item.description) }),
      );
      res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' }).end(rssDocument(items));
    },
  },
} satisfies Record<string, HostileCase>;
