// Every story: the three elements registered from the widgets' sources, reading the real data
// package that Storybook serves beside iframe.html; controls, argTypes and the Docs page from the
// Custom Elements Manifest the widgets build writes (`cem analyze`); the accessibility addon on.
import type { Decorator, Preview } from '@storybook/web-components-vite';
import { setCustomElementsManifest } from '@storybook/web-components';
import { parameters as argTypesFromManifest } from '@storybook/web-components/entry-preview-argtypes';
import { html } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import manifest from '../packages/widgets/custom-elements.json';
import { configure } from '../packages/widgets/src/index.js';
import '../packages/widgets/src/define.js';
import { faultLog, installFaultRoute } from './fault-route.js';

installFaultRoute();
(globalThis as unknown as { __pnrrFaultLog: typeof faultLog }).__pnrrFaultLog = faultLog;
// Relative to iframe.html, so the build works under any sub-path.
configure({ src: './data/toscana/' });
setCustomElementsManifest(manifest);

/**
 * Story parameters read here and by the story-visiting test (scripts/storybook-test.mjs):
 * `pnrr.state` — the state every element of the story must reach (`ready` by default);
 * `pnrr.width` — the frame's inline size in px (320 = narrow phone, 1200 = wide).
 */
export interface PnrrParameters {
  state?: 'ready' | 'loading' | 'error' | 'not-found' | 'empty';
  width?: number;
}

const frame: Decorator = (story, context) => {
  const pnrr = (context.parameters.pnrr ?? {}) as PnrrParameters;
  const style = pnrr.width ? { inlineSize: `${pnrr.width}px` } : {};
  return html`<div class="pnrr-story" data-expected-state=${pnrr.state ?? 'ready'} style=${styleMap(style)}>${story()}</div>`;
};

const preview: Preview = {
  decorators: [frame],
  parameters: {
    layout: 'padded',
    docs: { ...argTypesFromManifest.docs },
    controls: { expanded: true, sort: 'requiredFirst' },
    // The addon's checks: the same WCAG 2.1 A/AA rules the story-visiting test runs with axe-core.
    a11y: {
      test: 'error',
      options: { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } },
    },
  },
};

export default preview;
