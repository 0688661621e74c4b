import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, nothing } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { expect, userEvent, waitFor } from 'storybook/test';
import type { PnrrProjectCard } from '../src/card/project-card.js';
import { DOWN, LONG_TITLE, NARROW, NEVER, WIDE, commonArgTypes, settledElement } from './story-helpers.js';

type Args = {
  cup?: string;
  'local-code'?: string;
  compact?: boolean;
  'heading-level'?: number;
  'monitor-href'?: string;
  src?: string;
  lang?: string;
  theme?: string;
};

/** The tram line 2 of Florence: the kit's reference project. */
const TRAM = 'H91J12000770005';
/** One CUP, five local projects (health facilities): `local-code` picks one. */
const SHARED = 'E59J21011940003';

const meta: Meta<Args> = {
  title: 'Widgets/Project card',
  component: 'pnrr-project-card',
  argTypes: { ...commonArgTypes, cup: { control: 'text' }, 'local-code': { control: 'text' }, compact: { control: 'boolean' }, 'monitor-href': { control: 'text' } },
  args: { cup: TRAM },
  render: (a) =>
    html`<pnrr-project-card
      cup=${ifDefined(a.cup)}
      local-code=${ifDefined(a['local-code'])}
      ?compact=${a.compact ?? false}
      heading-level=${ifDefined(a['heading-level'])}
      monitor-href=${ifDefined(a['monitor-href'] || undefined)}
      src=${ifDefined(a.src || undefined)}
      lang=${a.lang ?? nothing}
      theme=${ifDefined(a.theme)}
    ></pnrr-project-card>`,
};
export default meta;
type Story = StoryObj<Args>;

export const Tram: Story = {};

/** Issue 10: who carries it out (CIG → ANAC), the targets, paid of financed, the two data dates and the monitoring link. */
export const Monitoring: Story = {
  name: 'Awardees, targets and monitor-href',
  args: { cup: TRAM, 'monitor-href': 'https://example.org/monithon-report?cup={cup}' },
  play: async ({ canvasElement }) => {
    const card = await settledElement<PnrrProjectCard>(canvasElement, 'pnrr-project-card');
    const root = card.shadowRoot!;
    await expect(root.querySelector('[part="awardees"] a')?.getAttribute('href')).toBe('https://dati.anticorruzione.it/superset/dashboard/dettaglio_cig/?cig=9524700F13');
    await expect(root.querySelector('[part="targets"]')?.textContent).toMatch(/5[,.]4/);
    await expect(root.querySelector('[part="vintage"]')?.textContent).toMatch(/1 (marzo|March) 2023[\s\S]*31 (marzo|March) 2025/);
    await expect(root.querySelector('[part="monitor"] a')?.getAttribute('href')).toBe(`https://example.org/monithon-report?cup=${TRAM}`);
  },
};

export const SharedCup: Story = {
  name: 'Shared CUP with local-code',
  args: { cup: SHARED, 'local-code': '8296' },
  play: async ({ canvasElement }) => {
    const card = await settledElement<PnrrProjectCard>(canvasElement, 'pnrr-project-card');
    await expect(card.shadowRoot!.querySelector('[part="shared"]')?.textContent).toMatch(/5/);
  },
};

export const Compact: Story = { args: { cup: 'I97I21000010002', compact: true } };

export const NotFound: Story = {
  name: 'Not found',
  args: { cup: 'Z99Z99999999999' },
  parameters: { pnrr: { state: 'not-found' } },
};

export const MalformedCup: Story = {
  name: 'Malformed CUP',
  args: { cup: 'H91J1200077' },
  parameters: { pnrr: { state: 'error' } },
};

export const Loading: Story = {
  name: 'Loading (never ends)',
  args: { src: NEVER },
  parameters: { pnrr: { state: 'loading' } },
};

export const ServerError: Story = {
  name: 'Server error, then Try again',
  args: { src: DOWN },
  parameters: { pnrr: { state: 'error' } },
  play: async ({ canvasElement }) => {
    const card = await settledElement<PnrrProjectCard>(canvasElement, 'pnrr-project-card');
    const retry = card.shadowRoot!.querySelector('[part~="retry"]') as HTMLButtonElement;
    await userEvent.click(retry);
    await waitFor(async () => expect(await card.settled()).toBe('error'));
  },
};

export const LongTitle: Story = {
  name: '600-character title',
  args: { src: LONG_TITLE },
  play: async ({ canvasElement }) => {
    const card = await settledElement<PnrrProjectCard>(canvasElement, 'pnrr-project-card');
    await expect(card.shadowRoot!.querySelector('[part="title"]')!.textContent!.trim()).toHaveLength(600);
  },
};

export const Light: Story = { args: { theme: 'light' } };
export const Dark: Story = { args: { theme: 'dark' } };
export const Auto: Story = { name: 'Auto theme', args: { theme: 'auto' } };
export const English: Story = { args: { lang: 'en' } };
export const Narrow: Story = { name: 'Narrow (320 px)', parameters: { pnrr: { width: NARROW } } };
export const Wide: Story = { name: 'Wide (1200 px)', parameters: { pnrr: { width: WIDE } } };
