/**
 * The script of embed.html (pnrr-embed-page.js): shows the one element its
 * query string asks for (`?el=chart&group-by=mission&comune=Prato`), reports
 * parameters it cannot apply in a visible message (names bound as text, never
 * as HTML), and posts its height to the parent window (see protocol.ts).
 * It loads the CDN bundle beside it at run time, so embed.html shares the
 * bundle's files and cache with pages that use the script tag directly.
 */
import { HEIGHT_MESSAGE, type HeightMessage } from './protocol.js';
import { readParams, TAGS, type Problem } from './params.js';

const BUNDLE = './pnrr-widgets.js';

const MESSAGES = {
  it: {
    title: 'Alcuni parametri dell’indirizzo non sono stati applicati:',
    unknown: (name: string) => `«${name}»: parametro sconosciuto.`,
    invalid: (name: string, expected: string) => `«${name}»: valore non valido (valori ammessi: ${expected}).`,
    repeated: (name: string) => `«${name}»: indicato più di una volta.`,
  },
  en: {
    title: 'Some parameters of the address were not applied:',
    unknown: (name: string) => `“${name}”: unknown parameter.`,
    invalid: (name: string, expected: string) => `“${name}”: invalid value (valid values: ${expected}).`,
    repeated: (name: string) => `“${name}”: given more than once.`,
  },
};

const request = readParams(location.search);
const lang = request.attributes.find(([name]) => name === 'lang')?.[1] === 'en' ? 'en' : 'it';
document.documentElement.lang = lang;
const main = document.querySelector('main') ?? document.body.appendChild(document.createElement('main'));

if (request.problems.length > 0) {
  const t = MESSAGES[lang];
  const box = document.createElement('div');
  box.className = 'pnrr-embed-problems';
  box.setAttribute('role', 'alert');
  const title = document.createElement('p');
  title.textContent = t.title;
  const list = document.createElement('ul');
  for (const p of request.problems) {
    const item = document.createElement('li');
    item.textContent = describe(p, t);
    list.append(item);
  }
  box.append(title, list);
  main.append(box);
}

if (request.kind) {
  const el = document.createElement(TAGS[request.kind]);
  for (const [name, value] of request.attributes) el.setAttribute(name, value);
  main.append(el);
  // The bundle sits beside this script, loaded at run time (a variable: the bundler leaves it alone).
  void import(/* @vite-ignore */ new URL(BUNDLE, import.meta.url).href);
}

function describe(p: Problem, t: (typeof MESSAGES)['it']): string {
  return p.kind === 'unknown' ? t.unknown(p.name) : p.kind === 'repeated' ? t.repeated(p.name) : t.invalid(p.name, p.expected ?? '');
}

// Height: the body's border box (html and body have no margin, see embed.css), posted on every change.
if (parent !== window) {
  let last = -1;
  const post = (): void => {
    const height = Math.ceil(document.body.getBoundingClientRect().height);
    if (height === last || height <= 0) return;
    last = height;
    const message: HeightMessage = { type: HEIGHT_MESSAGE, id: request.id, height };
    // The height is no secret and the host's origin is unknown here: any parent may read it.
    parent.postMessage(message, '*');
  };
  new ResizeObserver(post).observe(document.body);
}
