/**
 * Pieces shared by the stories: the element's attributes as Storybook args (named as in
 * custom-elements.json, so the controls and the Docs tables come from the manifest), and the
 * fault-route sources of `.storybook/fault-route.ts`.
 */
import type { PnrrElement } from '../src/base/pnrr-element.js';

/** A data source that never answers: the element stays in its loading state. */
export const NEVER = './__fault/never/';
/** A data source that answers HTTP 503 to every request: error state with "Try again". */
export const DOWN = './__fault/down/';
/** The real package with every project title lengthened to 600 characters. */
export const LONG_TITLE = './__fault/long-title/';

export const THEMES = ['auto', 'light', 'dark'] as const;
export const LANGS = ['it', 'en'] as const;
export const METRICS = ['pnrr', 'total', 'count', 'paid', 'paid-share'] as const;
/** The Ligurian package, served by Storybook beside the Tuscan one (.storybook/main.ts). */
export const LIGURIA = './data/liguria/';

/** Controls for the attributes whose values are a closed list (the manifest only gives their type). */
export const commonArgTypes = {
  theme: { control: 'inline-radio', options: THEMES },
  lang: { control: 'inline-radio', options: LANGS },
  'heading-level': { control: { type: 'number', min: 1, max: 6 } },
  src: { control: 'text' },
} as const;

/** The first element of a tag in the story's canvas, once it has settled. */
export async function settledElement<T extends PnrrElement<unknown>>(canvasElement: HTMLElement, tag: string): Promise<T> {
  const el = canvasElement.querySelector(tag) as T | null;
  if (!el) throw new Error(`<${tag}> is not in the story`);
  await el.settled();
  return el;
}

/** Widths of the narrow and wide frames (px). */
export const NARROW = 320;
export const WIDE = 1200;
