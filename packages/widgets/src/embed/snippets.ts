/**
 * The two snippets the embed builder (builder.html) gives a webmaster, as
 * text: the script route (module script + element, with its no-JS fallback
 * inside the tag) and the iframe route (embed.html + the host script
 * pnrr-embed.js). Pure functions of the choice, so tests and docs produce the
 * same text. Every value is checked against the embed page's own rules
 * (params.ts) before it is used, and written attribute-escaped: nothing a
 * builder field holds can become markup.
 */
import { ATTRIBUTES, TAGS, type EmbedKind } from './params.js';

/** What the builder's form chose. */
export interface EmbedChoice {
  kind: EmbedKind;
  /** Attributes in HTML names; '' = a flag. Only valid ones are used (see `validAttributes`). */
  attributes: ReadonlyArray<readonly [string, string]>;
  /** The figure's title, as the preview shows it: the fallback link's text and the iframe's `title`. */
  title: string;
}

/** Iframe height (px) without the host script: a chart or a map fits 600, a card 420, a list's 20 rows 1200. */
export const FRAME_HEIGHT: Record<EmbedKind, number> = { card: 420, chart: 600, map: 600, list: 1200 };

/** The recommended sandbox: scripts and data of the embed host, downloads, links that open normally. */
export const SANDBOX = 'allow-scripts allow-same-origin allow-downloads allow-popups allow-popups-to-escape-sandbox';

/** Text escaped for an HTML attribute value in double quotes, or for element content. */
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Bidi isolation marks and control characters out, blanks collapsed: a title as plain text. */
export const plainText = (text: string): string =>
  text
    // eslint-disable-next-line no-control-regex -- control characters are what this removes
    .replace(/[\u0000-\u001f\u007f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/** The attributes of `choice` that embed.html would apply (known name, valid value), in order. */
export function validAttributes(choice: Pick<EmbedChoice, 'kind' | 'attributes'>): Array<[string, string]> {
  const rules = ATTRIBUTES[choice.kind];
  return choice.attributes.filter(([name, value]) => Object.hasOwn(rules, name) && rules[name]![0](value)).map(([n, v]) => [n, v]);
}

/** URL of embed.html showing the choice (`base` = the CDN folder). */
export function embedUrl(base: URL, choice: Pick<EmbedChoice, 'kind' | 'attributes'>): string {
  const params = new URLSearchParams({ el: choice.kind });
  for (const [name, value] of validAttributes(choice)) params.append(name, value);
  // A flag reads better bare: `&per-capita` rather than `&per-capita=`.
  return `${new URL('embed.html', base).href}?${params.toString().replace(/=(?=&|$)/g, '')}`;
}

const attributesHtml = (attributes: ReadonlyArray<readonly [string, string]>): string =>
  attributes.map(([name, value]) => (value === '' ? ` ${name}` : ` ${name}="${escapeHtml(value)}"`)).join('');

/**
 * Script route: the CDN bundle and the element, with a fallback inside the tag
 * (the title as a link to the same view in embed.html) that a reader sees when
 * scripts are blocked; once the element runs, its shadow root has no slot, so
 * the fallback is neither shown nor read.
 */
export function scriptSnippet(base: URL, choice: EmbedChoice): string {
  const tag = TAGS[choice.kind];
  const title = escapeHtml(plainText(choice.title));
  return [
    `<script type="module" src="${escapeHtml(new URL('pnrr-widgets.js', base).href)}"></script>`,
    `<${tag}${attributesHtml(validAttributes(choice))}>`,
    `  <a href="${escapeHtml(embedUrl(base, choice))}">${title}</a>`,
    `</${tag}>`,
  ].join('\n');
}

/** Iframe route: embed.html in an iframe, and the host script that gives it its content's height. */
export function iframeSnippet(base: URL, choice: EmbedChoice): string {
  return [
    `<iframe data-pnrr-embed src="${escapeHtml(embedUrl(base, choice))}"`,
    `  title="${escapeHtml(plainText(choice.title))}"`,
    `  width="100%" height="${FRAME_HEIGHT[choice.kind]}" loading="lazy"`,
    `  sandbox="${SANDBOX}"></iframe>`,
    `<script src="${escapeHtml(new URL('pnrr-embed.js', base).href)}" defer></script>`,
  ].join('\n');
}
