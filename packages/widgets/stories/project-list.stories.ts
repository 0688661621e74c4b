import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, nothing } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { expect, userEvent, waitFor } from 'storybook/test';
import type { PnrrProjectList } from '../src/list/project-list.js';
import { DOWN, LONG_TITLE, NARROW, NEVER, WIDE, commonArgTypes, settledElement } from './story-helpers.js';

type Args = {
  comune?: string;
  province?: string;
  mission?: string;
  body?: string;
  q?: string;
  sort?: string;
  order?: string;
  'card-href'?: string;
  'heading-level'?: number;
  src?: string;
  lang?: string;
  theme?: string;
};

const meta: Meta<Args> = {
  title: 'Widgets/Project list',
  component: 'pnrr-project-list',
  argTypes: {
    ...commonArgTypes,
    comune: { control: 'text' },
    province: { control: 'text' },
    mission: { control: 'text' },
    body: { control: 'text' },
    q: { control: 'text' },
    sort: { control: 'inline-radio', options: ['pnrr', 'total', 'paid-share', 'title'] },
    order: { control: 'inline-radio', options: ['desc', 'asc'] },
    'card-href': { control: 'text' },
  },
  args: { comune: 'Prato' },
  render: (a) =>
    html`<pnrr-project-list
      comune=${ifDefined(a.comune || undefined)}
      province=${ifDefined(a.province || undefined)}
      mission=${ifDefined(a.mission || undefined)}
      body=${ifDefined(a.body || undefined)}
      q=${ifDefined(a.q || undefined)}
      sort=${ifDefined(a.sort)}
      order=${ifDefined(a.order)}
      card-href=${ifDefined(a['card-href'] || undefined)}
      heading-level=${ifDefined(a['heading-level'])}
      src=${ifDefined(a.src || undefined)}
      lang=${a.lang ?? nothing}
      theme=${ifDefined(a.theme)}
    ></pnrr-project-list>`,
};
export default meta;
type Story = StoryObj<Args>;

export const Prato: Story = {};

export const Firenze: Story = { name: 'Firenze (the largest comune)', args: { comune: '048017' } };

export const Province: Story = { name: 'A province, one mission', args: { comune: undefined, province: 'Prato', mission: 'M5' } };

export const Search: Story = {
  name: 'Search "citta" (accents and case do not matter)',
  args: { comune: '048019', q: 'citta' },
};

export const OpenCard: Story = {
  name: 'A row opens its card',
  play: async ({ canvasElement }) => {
    const list = await settledElement<PnrrProjectList>(canvasElement, 'pnrr-project-list');
    await userEvent.click(list.shadowRoot!.querySelector('[part~="open"]') as HTMLElement);
    await waitFor(() => expect(list.shadowRoot!.querySelector('pnrr-project-card')).not.toBeNull());
  },
};

export const CardHref: Story = { name: 'Rows link to card-href', args: { 'card-href': '/progetti/{cup}?codice={localCode}' } };

export const Empty: Story = {
  name: 'Empty (a filter that matches nothing)',
  args: { body: '00000000000' },
  parameters: { pnrr: { state: 'empty' } },
};

export const UnknownComune: Story = {
  name: 'Unknown comune name',
  args: { comune: 'Pratto' },
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
    const list = await settledElement<PnrrProjectList>(canvasElement, 'pnrr-project-list');
    await userEvent.click(list.shadowRoot!.querySelector('[part~="retry"]') as HTMLButtonElement);
    await waitFor(async () => expect(await list.settled()).toBe('error'));
  },
};

export const LongTitle: Story = { name: '600-character titles', args: { src: LONG_TITLE } };

export const Light: Story = { args: { theme: 'light' } };
export const Dark: Story = { args: { theme: 'dark' } };
export const Auto: Story = { name: 'Auto theme', args: { theme: 'auto' } };
export const English: Story = { args: { lang: 'en' } };
export const Narrow: Story = { name: 'Narrow (320 px)', parameters: { pnrr: { width: NARROW } } };
export const Wide: Story = { name: 'Wide (1200 px)', parameters: { pnrr: { width: WIDE } } };
