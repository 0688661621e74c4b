/**
 * The language of an element: its own `lang`, else the nearest `lang` up the
 * tree (crossing shadow roots through their host), else Italian. Only `it`
 * and `en` have strings; any other language (e.g. `fr`) falls back to `it`,
 * and regional variants (`en-GB`) keep their base language.
 */
export type Lang = 'it' | 'en';
export const DEFAULT_LANG: Lang = 'it';

export function normaliseLang(value: string | null | undefined): Lang | null {
  if (!value) return null;
  const base = value.trim().toLowerCase().split(/[-_]/)[0];
  if (base === 'it' || base === 'en') return base;
  return null;
}

/** The nearest non-empty `lang` attribute at or above `start`, crossing shadow roots. */
export function nearestLang(start: Node | null): string | null {
  let node: Node | null = start;
  while (node) {
    if (node instanceof Element) {
      const value = node.getAttribute('lang');
      if (value) return value;
    }
    node = node.parentNode ?? (node instanceof ShadowRoot ? node.host : null);
  }
  return null;
}

/** Resolved language of `el` (an unsupported language anywhere on the path gives `it`). */
export function resolveLang(el: Element): Lang {
  return normaliseLang(nearestLang(el)) ?? DEFAULT_LANG;
}

/** BCP 47 locale used by Intl for each language. */
export const LOCALES: Record<Lang, string> = { it: 'it-IT', en: 'en-GB' };

// One observer per page for `lang` changes on ancestors (e.g. a site's language
// switcher rewriting <html lang>): every connected widget re-renders.
const listeners = new Set<() => void>();
let observer: MutationObserver | undefined;

export function watchLang(listener: () => void): () => void {
  listeners.add(listener);
  if (!observer && typeof MutationObserver !== 'undefined' && globalThis.document) {
    observer = new MutationObserver(() => listeners.forEach((l) => l()));
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'], subtree: true });
  }
  return () => {
    listeners.delete(listener);
  };
}
