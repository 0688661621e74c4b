// isPnrrError() must recognise the SDK's errors without instanceof: a page can hold two copies of
// the SDK (e.g. the npm build inside one bundle and dist/browser/pnrr-sdk.js in another), whose
// classes differ. The second copy here is the separately bundled browser build (built by
// `pnpm run build`): its classes are not this copy's classes, yet each guard knows the other's errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DataFormatError, InvalidArgumentError, NetworkError, NotFoundError, PnrrError, isPnrrError, type PnrrErrorCode,
} from '../../src/index.js';
import { InputError, LayoutError } from '../../src/ingest/errors.js';
import * as ingest from '../../src/ingest/index.js';
import type * as sdk from '../../src/index.js';

type Sdk = typeof sdk;
const otherCopy = (await import(new URL('../../dist/browser/pnrr-sdk.js', import.meta.url).href)) as Sdk;

test('every error class carries its code and passes the guard for that code only', () => {
  const errors: [PnrrError, PnrrErrorCode][] = [
    [new NotFoundError('project', 'X'), 'not-found'],
    [new InvalidArgumentError('groupBy', 'x', 'not a grouping'), 'invalid-argument'],
    [new NetworkError('https://example.org/manifest.json', 503, 3, 'down'), 'network'],
    [new DataFormatError('facts.json', '/amounts', 'bad'), 'data-format'],
    [new InputError('bad --region'), 'input'],
    [new LayoutError('a.csv: unrecognised'), 'layout'],
  ];
  const codes = errors.map(([, code]) => code);
  for (const [error, code] of errors) {
    assert.equal(error.code, code);
    assert.ok(error instanceof PnrrError, `${error.name} extends PnrrError`);
    assert.ok(isPnrrError(error), `${error.name} is a PnrrError`);
    for (const other of codes) assert.equal(isPnrrError(error, other), other === code, `${error.name} vs ${other}`);
  }
});

test('the guard narrows to the class of the code', () => {
  const error: unknown = new NotFoundError('project', 'E16H20000000000');
  if (!isPnrrError(error, 'not-found')) assert.fail('not recognised');
  // Type-level: `what` and `value` exist only on NotFoundError.
  assert.equal(`${error.what} ${error.value}`, 'project E16H20000000000');
});

test('errors of a second copy of the SDK pass this copy\'s guard, and the other way round', () => {
  const theirs = new otherCopy.NotFoundError('project', 'X');
  assert.equal(theirs instanceof PnrrError, false, 'the bundle is a real second copy: its classes are not ours');
  assert.ok(isPnrrError(theirs), 'our guard knows their error');
  assert.ok(isPnrrError(theirs, 'not-found'));
  assert.equal(isPnrrError(theirs, 'network'), false);
  const ours = new InvalidArgumentError('limit', -1, 'not a positive integer');
  assert.ok(otherCopy.isPnrrError(ours, 'invalid-argument'), 'their guard knows our error');
  assert.equal(otherCopy.isPnrrError(ours, 'not-found'), false);
});

test('the brand, not the shape, makes a PnrrError', () => {
  const brand = Symbol.for('@pnrr-toscana/sdk/PnrrError');
  // What a third copy (another build, another bundler) would make: same global symbol, a code.
  assert.ok(isPnrrError({ [brand]: true, code: 'network', name: 'NetworkError', message: 'down' }, 'network'));
  // Look-alikes from elsewhere are not ours: an Error with a code (Node's fs errors), a plain object.
  assert.equal(isPnrrError(Object.assign(new Error('gone'), { code: 'not-found' })), false);
  assert.equal(isPnrrError({ name: 'NotFoundError', code: 'not-found' }), false);
  assert.equal(isPnrrError({ [brand]: true }), false, 'a brand without a code');
  assert.equal(isPnrrError({ [brand]: 'yes', code: 'network' }), false, 'a brand that is not `true`');
  for (const value of [null, undefined, 'not-found', 42, new Error('x'), new DOMException('stop', 'AbortError')]) {
    assert.equal(isPnrrError(value), false, String(value));
  }
});

test('the ingest API still exports its errors and functions under their old names', () => {
  assert.equal(ingest.InputError, InputError);
  assert.equal(ingest.LayoutError, LayoutError);
  for (const name of ['buildPackage', 'validatePackage', 'summarise', 'parseCents', 'formatEuro', 'parseDate', 'normaliseHeader', 'detectLayout',
    'largestRemainder', 'remapComune', 'readCsv', 'sniffDelimiter', 'bodyKey'] as const) {
    assert.equal(typeof ingest[name], 'function', name);
  }
});
