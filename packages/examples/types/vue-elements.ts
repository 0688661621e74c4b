// The kit's custom elements in Vue templates, typed from the widgets' manifest
// (generated/pnrr-elements.ts) for vue-tsc. At run time Vue treats tags starting with `pnrr-` as custom
// elements (compilerOptions.isCustomElement in vite.config.ts): a bound prop the element has is set as a
// property, and `@pnrr-municipality-select` listens to that DOM event.
import type { DefineComponent } from 'vue';
import type { PnrrElementEvents, PnrrElementProperties, PnrrTag } from './generated/pnrr-elements.js';

/** 'pnrr-municipality-select' → 'PnrrMunicipalitySelect' (how Vue names the listener prop of `@pnrr-municipality-select`). */
type Pascal<S extends string> = S extends `${infer Head}-${infer Tail}` ? `${Capitalize<Head>}${Pascal<Tail>}` : Capitalize<S>;

type EventProps<T extends PnrrTag> = {
  [E in keyof PnrrElementEvents[T] & string as `on${Pascal<E>}`]?: (event: PnrrElementEvents[T][E]) => void;
};

type PnrrVueElements = {
  [T in PnrrTag]: DefineComponent<PnrrElementProperties[T] & EventProps<T>>;
};

declare module 'vue' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface GlobalComponents extends PnrrVueElements {}
}
