/** Registers <pnrr-project-card> (side effect). */
import { define } from '../base/define.js';
import { PnrrProjectCard } from './project-card.js';

define('pnrr-project-card', PnrrProjectCard);
