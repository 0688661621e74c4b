// The kit's custom elements in React's JSX, typed from the widgets' manifest (generated/pnrr-elements.ts).
// React 19 sets a prop as a property when the element has it (`comune`, `perCapita`…), and a prop named
// `on` + event name adds a listener for that event: `onpnrr-municipality-select={…}`.
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { PnrrElementClasses, PnrrElementEvents, PnrrElementProperties, PnrrTag } from './generated/pnrr-elements.js';

type EventProps<T extends PnrrTag> = {
  [E in keyof PnrrElementEvents[T] & string as `on${E}`]?: (event: PnrrElementEvents[T][E]) => void;
};

type PnrrJsxElements = {
  [T in PnrrTag]: DetailedHTMLProps<HTMLAttributes<PnrrElementClasses[T]>, PnrrElementClasses[T]> & PnrrElementProperties[T] & EventProps<T>;
};

declare module 'react' {
  // React declares its JSX types in this namespace: augmenting it is the only way to add elements.
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace JSX {
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type
    interface IntrinsicElements extends PnrrJsxElements {}
  }
}
