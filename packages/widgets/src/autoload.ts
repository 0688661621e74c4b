/**
 * CDN build only: the chart and the map are registered when their tag first
 * appears in the document, so a page with only project cards downloads neither
 * their code nor vega (card-only budget: 20 KiB gzip of JS). The card itself is
 * registered at once by the bundle.
 *
 * Tags are looked for in the document and in the open shadow roots of added
 * elements. A page that creates the elements where this cannot see (a closed
 * shadow root) calls `loadAll()`, exported by the CDN bundle.
 */
const LAZY: Readonly<Record<string, () => Promise<unknown>>> = {
  'pnrr-spending-chart': () => import('./chart/define.js'),
  'pnrr-municipality-map': () => import('./map/define.js'),
  'pnrr-project-list': () => import('./list/define.js'),
};
const TAGS = Object.keys(LAZY);
const started = new Map<string, Promise<unknown>>();

function load(tag: string): Promise<unknown> {
  let p = started.get(tag);
  if (!p) {
    p = LAZY[tag]!().catch((error: unknown) => {
      started.delete(tag); // the next scan may try again
      console.error(`<${tag}> could not be loaded`, error);
    });
    started.set(tag, p);
  }
  return p;
}

/** Loads every lazily registered element now. */
export const loadAll = (): Promise<unknown> => Promise.all(TAGS.map(load));

function scan(root: Element | Document | ShadowRoot): void {
  for (const tag of TAGS) if ((root as Element).localName === tag || root.querySelector(tag)) void load(tag);
  if ((root as Element).shadowRoot) scan((root as Element).shadowRoot!);
}

export function startAutoload(): void {
  scan(document);
  new MutationObserver((records) => {
    for (const r of records) for (const n of r.addedNodes) if (n instanceof Element) scan(n);
  }).observe(document.documentElement, { childList: true, subtree: true });
}
