/** The error of a place name that matches no place, or more than one. */
import { InvalidArgumentError } from '../errors.js';
import type { Place, PlaceKind } from './place-types.js';

/**
 * A comune or province name that names no place of the package (`reason: 'unknown'`) or
 * several (`'ambiguous'`). An `InvalidArgumentError` (code `invalid-argument`) whose
 * `suggestions` are the closest places (at most 5), also listed in the message.
 */
export class PlaceNameError extends InvalidArgumentError {
  override name = 'PlaceNameError';
  constructor(
    argument: string,
    value: string,
    /** No place has this name, or several do. */
    readonly reason: 'unknown' | 'ambiguous',
    /** The closest places, best first (for an ambiguous name: every place it names). */
    readonly suggestions: readonly Place[],
    kind?: PlaceKind,
  ) {
    const list = suggestions.map((p) => `${p.name} (${p.kind} ${p.code})`).join(', ');
    super(argument, value, reason === 'ambiguous' ? `more than one place has this name: ${list}` : `no ${kind ?? 'comune or province'} of the data package has this name${list ? `; closest: ${list}` : ''}`);
  }
}
