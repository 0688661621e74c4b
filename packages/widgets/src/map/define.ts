/** Registers <pnrr-municipality-map> (side effect). */
import { define } from '../base/define.js';
import { PnrrMunicipalityMap } from './municipality-map.js';

define('pnrr-municipality-map', PnrrMunicipalityMap);

declare global {
  interface HTMLElementTagNameMap {
    'pnrr-municipality-map': PnrrMunicipalityMap;
  }
}
