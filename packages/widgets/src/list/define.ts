/**
 * Registers <pnrr-project-list> (side effect). The list opens
 * <pnrr-project-card> in place: both entry points that register the list (the
 * CDN bundle and `@pnrr-toscana/widgets/define`) register the card too. The
 * list does not import the card itself: in the CDN build, any import of it from
 * the list's chunk (static or lazy) made the bundler split the entry file,
 * which cost a card-only page 0.3–0.5 KiB.
 */
import { define } from '../base/define.js';
import { PnrrProjectList } from './project-list.js';

define('pnrr-project-list', PnrrProjectList);
