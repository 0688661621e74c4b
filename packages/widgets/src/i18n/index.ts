/**
 * Strings of the widgets. Each module has one table: an `it` object (the
 * reference) and an `en` object of the same type, so a missing translation is
 * a type error. Values are plain strings or small functions of their
 * parameters; they return text, which templates render as text (never HTML).
 *
 *   export const cardMessages = messages({ it: { title: 'Progetto' }, en: { title: 'Project' } });
 *   const t = cardMessages[this.language];  // in render()
 */
import type { Lang } from './lang.js';

export type { Lang } from './lang.js';
export type Table<M> = Readonly<Record<Lang, M>>;

/** Declares a table; the `en` side must have exactly the keys (and signatures) of `it`. */
export function messages<M extends object>(table: { it: M; en: NoInfer<M> }): Table<M> {
  return table;
}
