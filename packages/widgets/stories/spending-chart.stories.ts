import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, nothing } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { DOWN, LIGURIA, METRICS, NARROW, NEVER, WIDE, commonArgTypes } from './story-helpers.js';

type Args = {
  'group-by'?: string;
  metric?: string;
  comune?: string;
  province?: string;
  mission?: string;
  'per-capita'?: string | boolean;
  top?: number;
  'heading-level'?: number;
  src?: string;
  lang?: string;
  theme?: string;
};

const GROUP_BY = ['mission', 'component', 'measure', 'submeasure', 'province', 'comune', 'implementing-body'] as const;

const meta: Meta<Args> = {
  title: 'Widgets/Spending chart',
  component: 'pnrr-spending-chart',
  argTypes: {
    ...commonArgTypes,
    'group-by': { control: 'select', options: GROUP_BY },
    metric: { control: 'inline-radio', options: METRICS },
    'per-capita': { control: 'select', options: [false, true, 'anpr2025'] },
    top: { control: { type: 'number', min: 0 } },
  },
  render: (a) =>
    html`<pnrr-spending-chart
      group-by=${ifDefined(a['group-by'])}
      metric=${ifDefined(a.metric)}
      comune=${ifDefined(a.comune || undefined)}
      province=${ifDefined(a.province || undefined)}
      mission=${ifDefined(a.mission || undefined)}
      per-capita=${a['per-capita'] === true ? '' : a['per-capita'] || nothing}
      top=${ifDefined(a.top)}
      heading-level=${ifDefined(a['heading-level'])}
      src=${ifDefined(a.src || undefined)}
      lang=${a.lang ?? nothing}
      theme=${ifDefined(a.theme)}
    ></pnrr-spending-chart>`,
};
export default meta;
type Story = StoryObj<Args>;

export const ByMission: Story = { name: 'By mission', args: { 'group-by': 'mission' } };
export const ByComponent: Story = { name: 'By component', args: { 'group-by': 'component' } };
export const ByMeasure: Story = { name: 'By measure', args: { 'group-by': 'measure' } };
export const BySubmeasure: Story = { name: 'By submeasure', args: { 'group-by': 'submeasure' } };
export const ByProvince: Story = { name: 'By province', args: { 'group-by': 'province' } };
export const ByComune: Story = { name: 'By comune (top 10 + others)', args: { 'group-by': 'comune' } };
export const ByImplementingBody: Story = { name: 'By implementing body', args: { 'group-by': 'implementing-body' } };

export const TotalFunding: Story = { name: 'Metric: total funding', args: { 'group-by': 'province', metric: 'total' } };
export const ProjectCount: Story = { name: 'Metric: project count', args: { 'group-by': 'province', metric: 'count' } };
export const Paid: Story = { name: 'Metric: paid (payments to date)', args: { 'group-by': 'mission', metric: 'paid' } };
export const PaidShare: Story = { name: 'Metric: share paid', args: { 'group-by': 'mission', metric: 'paid-share' } };
export const Liguria: Story = { name: 'Liguria (src=…/data/liguria/), per capita by province', args: { src: LIGURIA, 'group-by': 'province', 'per-capita': true } };
export const PerCapita: Story = { name: 'Per capita (ISTAT 2021)', args: { 'group-by': 'province', 'per-capita': true } };
export const PerCapitaAnpr: Story = { name: 'Per capita (ANPR 2025)', args: { 'group-by': 'province', 'per-capita': 'anpr2025' } };
export const CountPer10000: Story = { name: 'Projects per 10,000 inhabitants', args: { 'group-by': 'province', metric: 'count', 'per-capita': true } };
export const Top5: Story = { name: 'Top 5 + others', args: { 'group-by': 'implementing-body', top: 5 } };

export const Comune: Story = { name: 'Filtered to a comune (Firenze)', args: { 'group-by': 'mission', comune: '048017' } };
export const Province: Story = { name: 'Filtered to a province (Lucca)', args: { 'group-by': 'comune', province: '046' } };
export const Mission: Story = { name: 'Filtered to a mission (M2)', args: { 'group-by': 'component', mission: 'M2' } };
export const Empty: Story = {
  name: 'Empty (Firenze in the province of Prato)',
  args: { comune: '048017', province: '050' },
  parameters: { pnrr: { state: 'empty' } },
};

export const Light: Story = { args: { theme: 'light' } };
export const Dark: Story = { args: { theme: 'dark' } };
export const Auto: Story = { name: 'Auto theme', args: { theme: 'auto' } };
export const English: Story = { args: { lang: 'en' } };
export const Narrow: Story = { name: 'Narrow (320 px)', args: { 'group-by': 'province' }, parameters: { pnrr: { width: NARROW } } };
export const Wide: Story = { name: 'Wide (1200 px)', args: { 'group-by': 'province' }, parameters: { pnrr: { width: WIDE } } };

export const Loading: Story = { name: 'Loading (never ends)', args: { src: NEVER }, parameters: { pnrr: { state: 'loading' } } };
export const ServerError: Story = { name: 'Server error', args: { src: DOWN }, parameters: { pnrr: { state: 'error' } } };
export const InvalidGroupBy: Story = { name: 'Invalid group-by', args: { 'group-by': 'planet' }, parameters: { pnrr: { state: 'error' } } };
