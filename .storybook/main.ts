// Storybook for @pnrr-toscana/widgets: Storybook 10, web components through Vite.
// Nothing is fetched from the network at start or build (telemetry off; `storybook dev`
// runs with --no-version-updates), and the stories read the real Tuscan data package,
// which Storybook itself serves at ./data/toscana/ beside iframe.html (dev and static build).
import type { StorybookConfig } from '@storybook/web-components-vite';

const config: StorybookConfig = {
  framework: { name: '@storybook/web-components-vite', options: {} },
  stories: ['../packages/widgets/stories/*.mdx', '../packages/widgets/stories/*.stories.ts'],
  addons: ['@storybook/addon-a11y', '@storybook/addon-docs'],
  staticDirs: [
    { from: '../packages/sdk/data/toscana', to: '/data/toscana' },
    { from: '../packages/sdk/data/liguria', to: '/data/liguria' },
  ],
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  // Relative asset URLs, so the static build works under any sub-path (npm start serves it at /storybook/).
  // vega (lazy, ~1.5 MB unminified) and axe-core (the a11y addon) are large chunks by nature: no
  // size warning for them here (the widgets' own bundles are measured in docs/size.md).
  viteFinal: (vite) => ({ ...vite, base: './', build: { ...vite.build, chunkSizeWarningLimit: 4096 } }),
};

export default config;
