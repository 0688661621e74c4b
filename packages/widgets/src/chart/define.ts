/** Registers <pnrr-spending-chart> (side effect). */
import { define } from '../base/define.js';
import { PnrrSpendingChart } from './spending-chart.js';

define('pnrr-spending-chart', PnrrSpendingChart);

declare global {
  interface HTMLElementTagNameMap {
    'pnrr-spending-chart': PnrrSpendingChart;
  }
}
