/**
 * @pnrr-toscana/widgets — element classes and page configuration, with no side
 * effect: importing this module registers nothing. Register the tags with
 * `import '@pnrr-toscana/widgets/define'`, or one by one with `define()`.
 *
 * Each tag's attributes, events, CSS parts and custom properties are listed in
 * the package's `custom-elements.json` and in docs/widgets.md.
 *
 * @module @pnrr-toscana/widgets
 */
export { PnrrElement, type Theme } from './base/pnrr-element.js';
export { configure, type WidgetConfig } from './base/client.js';
export { define } from './base/define.js';
export type { PnrrLoadDetail, PnrrErrorDetail } from './base/events.js';
export type { WidgetState } from './base/states.js';
export type { Lang } from './i18n/lang.js';
export { PnrrProjectCard } from './card/project-card.js';
export { PnrrFigureElement, type FigureData, type FigureQuery } from './figure/figure-element.js';
export { PnrrSpendingChart, type ChartQuery } from './chart/spending-chart.js';
export { PnrrMunicipalityMap, type MapQuery, type MunicipalitySelectDetail } from './map/municipality-map.js';
export { PnrrProjectList, PAGE_SIZE, type ListFilters, type ProjectListData, type ProjectSelectDetail } from './list/project-list.js';
