import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, nothing } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { expect, userEvent, waitFor } from 'storybook/test';
import type { PnrrMunicipalityMap } from '../src/map/municipality-map.js';
import { DOWN, LIGURIA, METRICS, NARROW, NEVER, WIDE, commonArgTypes, settledElement } from './story-helpers.js';

type Args = {
  metric?: string;
  mission?: string;
  province?: string;
  'per-capita'?: string | boolean;
  selected?: string;
  'sync-url'?: boolean;
  'heading-level'?: number;
  src?: string;
  lang?: string;
  theme?: string;
};

const meta: Meta<Args> = {
  title: 'Widgets/Municipality map',
  component: 'pnrr-municipality-map',
  argTypes: {
    ...commonArgTypes,
    metric: { control: 'inline-radio', options: METRICS },
    'per-capita': { control: 'select', options: [false, true, 'anpr2025'] },
    selected: { control: 'text' },
    'sync-url': { control: 'boolean' },
  },
  render: (a) =>
    html`<pnrr-municipality-map
      metric=${ifDefined(a.metric)}
      mission=${ifDefined(a.mission || undefined)}
      province=${ifDefined(a.province || undefined)}
      per-capita=${a['per-capita'] === true ? '' : a['per-capita'] || nothing}
      selected=${ifDefined(a.selected || undefined)}
      ?sync-url=${a['sync-url'] === true}
      heading-level=${ifDefined(a['heading-level'])}
      src=${ifDefined(a.src || undefined)}
      lang=${a.lang ?? nothing}
      theme=${ifDefined(a.theme)}
    ></pnrr-municipality-map>`,
};
export default meta;
type Story = StoryObj<Args>;

export const PnrrFunding: Story = { name: 'Metric: PNRR funding', args: { metric: 'pnrr' } };
export const TotalFunding: Story = { name: 'Metric: total funding', args: { metric: 'total' } };
export const ProjectCount: Story = { name: 'Metric: project count', args: { metric: 'count' } };
export const PaidShare: Story = { name: 'Metric: share paid (0–100 % legend)', args: { metric: 'paid-share' } };
export const PaidPerCapita: Story = { name: 'Metric: paid per inhabitant', args: { metric: 'paid', 'per-capita': true } };
export const Liguria: Story = { name: 'Liguria (src=…/data/liguria/), per capita', args: { src: LIGURIA, 'per-capita': true } };
export const PerCapita: Story = { name: 'Per capita', args: { 'per-capita': true } };
export const Mission: Story = { name: 'One mission (M6)', args: { mission: 'M6' } };
export const ProvinceZoom: Story = { name: 'Province zoom (Massa-Carrara)', args: { province: '045' } };
export const Selected: Story = { name: 'Selected comune (Firenze)', args: { selected: '048017' } };

export const KeyboardSelection: Story = {
  name: 'Keyboard selection from the list',
  args: { province: '100' },
  play: async ({ canvasElement }) => {
    const map = await settledElement<PnrrMunicipalityMap>(canvasElement, 'pnrr-municipality-map');
    const select = map.shadowRoot!.querySelector('select')!;
    const heard = new Promise<CustomEvent<{ code: string; name: string }>>((resolve) =>
      map.addEventListener('pnrr-municipality-select', (e) => resolve(e as CustomEvent), { once: true }),
    );
    await userEvent.selectOptions(select, '100005');
    const event = await heard;
    await expect(event.detail.code).toBe('100005');
    await waitFor(() => expect(map.getAttribute('selected')).toBe('100005'));
  },
};

export const SyncUrl: Story = {
  name: 'Shareable view (sync-url)',
  args: { province: '100', 'sync-url': true },
  play: async ({ canvasElement }) => {
    const map = await settledElement<PnrrMunicipalityMap>(canvasElement, 'pnrr-municipality-map');
    await userEvent.selectOptions(map.shadowRoot!.querySelector('select')!, '100005');
    await waitFor(() => expect(new URLSearchParams(location.hash.slice(1)).get('map.comune')).toBe('100005'));
    // Leave the story's frame as it was found.
    history.replaceState(history.state, '', `${location.pathname}${location.search}`);
  },
};

export const Light: Story = { args: { theme: 'light' } };
export const Dark: Story = { args: { theme: 'dark', selected: '048017' } };
export const Auto: Story = { name: 'Auto theme', args: { theme: 'auto' } };
export const English: Story = { args: { lang: 'en' } };
export const Narrow: Story = { name: 'Narrow (320 px)', parameters: { pnrr: { width: NARROW } } };
export const Wide: Story = { name: 'Wide (1200 px)', parameters: { pnrr: { width: WIDE } } };

export const Loading: Story = { name: 'Loading (never ends)', args: { src: NEVER }, parameters: { pnrr: { state: 'loading' } } };
export const ServerError: Story = { name: 'Server error', args: { src: DOWN }, parameters: { pnrr: { state: 'error' } } };
export const UnknownProvince: Story = { name: 'Unknown province', args: { province: '999' }, parameters: { pnrr: { state: 'not-found' } } };
