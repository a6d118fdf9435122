import sanitizeHtml, { type IOptions, type Transformer } from 'sanitize-html';

/**
 * Rich text of news and legal content is cleaned on the server against an allowlist before it is stored, and
 * the views print it as is; everything not listed here is removed. No `style` or `class` (CSS can run script
 * in old engines and breaks the design system), no SVG or MathML, no embedded frames or forms.
 */

/** Local uploads are the only relative images; anything else relative could point at an action URL. */
const LOCAL_IMAGE_RE = /^\/files\/[^/\\]/;
const ABSOLUTE_HTTP_RE = /^https?:\/\//i;
const PIXELS_RE = /^\d{1,4}$/;
const SPAN_RE = /^\d{1,3}$/;

/** Keeps only attributes whose value passes `ok`. */
function keepIf(attribs: Record<string, string>, names: string[], ok: (v: string) => boolean): Record<string, string> {
  const out = { ...attribs };
  for (const name of names) if (out[name] !== undefined && !ok(out[name].trim())) delete out[name];
  return out;
}

/** Browsers ignore these inside a URL scheme, so "jav\tascript:" is still javascript:. */
const IGNORED_IN_SCHEME_RE = /[\u0000-\u0020\u007f-\u009f]/g;
const LINK_SCHEME_RE = /^(?:https?|mailto|tel):/i;
const ANY_SCHEME_RE = /^[^/?#]*:/;

/**
 * Whether a link may stay: an allowed scheme, or relative but not protocol-relative ("//host", "/\host").
 * sanitize-html checks schemes again; deciding here too lets rel go only on links that keep their href.
 */
function linkAllowed(href: string): boolean {
  const bare = href.replace(IGNORED_IN_SCHEME_RE, '');
  if (LINK_SCHEME_RE.test(bare)) return true;
  return !ANY_SCHEME_RE.test(bare) && !/^[\\/]{2}/.test(bare);
}

const link: Transformer = (tagName, attribs) => {
  // No target: a new window is the reader's choice, and target without rel leaks window.opener.
  const { target: _target, rel: _rel, href, ...rest } = attribs;
  if (href === undefined || !linkAllowed(href)) return { tagName, attribs: rest };
  return { tagName, attribs: { href, ...rest, rel: 'noopener noreferrer' } };
};

const image: Transformer = (tagName, attribs) => {
  const out = keepIf(attribs, ['width', 'height'], (v) => PIXELS_RE.test(v));
  const src = (out.src ?? '').trim();
  if (ABSOLUTE_HTTP_RE.test(src) || LOCAL_IMAGE_RE.test(src)) out.src = src;
  else delete out.src;
  return { tagName, attribs: out };
};

const SCOPES = new Set(['row', 'col', 'rowgroup', 'colgroup']);

const cell: Transformer = (tagName, attribs) => ({
  tagName,
  attribs: keepIf(
    keepIf(attribs, ['colspan', 'rowspan'], (v) => SPAN_RE.test(v) && Number(v) > 0),
    ['scope'],
    (v) => SCOPES.has(v),
  ),
});

/** Inline and heading tags pasted from word processors mapped onto the allowed ones. */
const renamed: Record<string, Transformer> = {
  b: sanitizeHtml.simpleTransform('strong', {}),
  i: sanitizeHtml.simpleTransform('em', {}),
  strike: sanitizeHtml.simpleTransform('s', {}),
  del: sanitizeHtml.simpleTransform('s', {}),
  // The page's own title is the only h1.
  h1: sanitizeHtml.simpleTransform('h2', {}),
  h5: sanitizeHtml.simpleTransform('h4', {}),
  h6: sanitizeHtml.simpleTransform('h4', {}),
};

/** Elements removed together with everything inside them (by default their text would be kept). */
const DROPPED_WITH_CONTENT = [
  'script', 'style', 'textarea', 'option', 'select', 'xmp', 'noscript', 'noembed', 'noframes', 'template', 'title',
  'head', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'form', 'button', 'svg', 'math', 'canvas',
  'audio', 'video',
];

const ARTICLE_OPTIONS: IOptions = {
  allowedTags: [
    'p', 'br', 'h2', 'h3', 'h4', 'strong', 'em', 'u', 's', 'sub', 'sup', 'blockquote', 'ul', 'ol', 'li', 'a', 'img',
    'table', 'caption', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td', 'figure', 'figcaption', 'hr', 'code', 'pre',
  ],
  allowedAttributes: {
    a: ['href', 'title', 'rel'],
    img: ['src', 'alt', 'width', 'height'],
    ol: ['start'],
    th: ['colspan', 'rowspan', 'scope'],
    td: ['colspan', 'rowspan'],
  },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowedSchemesByTag: { img: ['http', 'https'] },
  allowProtocolRelative: false,
  allowedClasses: {},
  allowedStyles: {},
  parseStyleAttributes: false,
  disallowedTagsMode: 'discard',
  nonTextTags: DROPPED_WITH_CONTENT,
  transformTags: { ...renamed, a: link, img: image, th: cell, td: cell },
  // An image whose address was refused is nothing to show.
  exclusiveFilter: (frame) => frame.tag === 'img' && !frame.attribs.src,
};

/** Article HTML safe to print unescaped: NFC text, only the allowlisted tags and attributes. */
export function sanitizeArticleHtml(html: string): string {
  return sanitizeHtml(html.normalize('NFC'), ARTICLE_OPTIONS).trim();
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Control characters other than tab and newline never belong in an article. */
const CONTROL_RE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/** Imported plain text as article HTML: blank lines separate paragraphs, single line breaks stay <br>. */
export function plainTextToHtml(text: string): string {
  return text
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(CONTROL_RE, '')
    .split(/\n[ \t]*\n\s*/)
    .map((p) => p.trim())
    .filter((p) => p !== '')
    .map((p) =>
      `<p>${p
        .split('\n')
        .map((line) => escapeHtml(line.trim()))
        .join('<br />')}</p>`,
    )
    .join('\n');
}

/** Elements that end a line of text; the layout ones (div, section, …) matter for HTML from elsewhere. */
const BLOCKS = [
  'p', 'h2', 'h3', 'h4', 'blockquote', 'ul', 'ol', 'li', 'table', 'caption', 'tr', 'figure', 'figcaption', 'pre', 'hr',
  'br', 'div', 'section', 'article', 'header', 'footer', 'main', 'aside', 'nav', 'address', 'dl', 'dt', 'dd',
];

const TEXT_OPTIONS: IOptions = {
  ...ARTICLE_OPTIONS,
  allowedTags: [...BLOCKS, 'td', 'th'],
  allowedAttributes: {},
  exclusiveFilter: undefined,
};

/**
 * The words of some HTML, for summaries and the search index: one line per block, table cells separated by
 * spaces, entities decoded, white space collapsed. Scripts and other non-content are dropped with their text.
 */
export function htmlToText(html: string): string {
  // The sanitiser leaves attribute-free, well-formed tags and escapes only & < >, which makes these replaces exact.
  return sanitizeHtml(html.normalize('NFC'), TEXT_OPTIONS)
    .replace(/<\/t[dh]>/g, ' ')
    .replace(new RegExp(`</?(?:${BLOCKS.join('|')})\\s*/?>`, 'g'), '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .split('\n')
    .map((line) => line.replace(/\s+/gu, ' ').trim())
    .filter((line) => line !== '')
    .join('\n');
}
