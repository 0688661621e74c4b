// The territory-key helpers exported from the package root, against the real embedded package:
// widgets use them instead of rebuilding `${code.slice(0, 3)}000` themselves.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { REGION_WIDE_KEY, enclosingBuckets, provinceOf, provinceWideKey, territoryKind } from '../../src/index.js';
import type { Territories } from '../../src/index.js';

const PACKAGE = new URL('../../data/toscana/', import.meta.url);
const territories = JSON.parse(readFileSync(new URL('territories.json', PACKAGE), 'utf8')) as Territories;
const hasList = (key: string): boolean => existsSync(new URL(`lists/${key}.json`, PACKAGE));

test('every comune of the package: its province, its buckets, each with a project list', () => {
  assert.equal(territories.comuni.length, 273);
  for (const c of territories.comuni) {
    assert.equal(provinceOf(c.code), c.province, c.name);
    const buckets = enclosingBuckets(c.code);
    assert.deepEqual(buckets, [provinceWideKey(c.province), REGION_WIDE_KEY], c.name);
    assert.deepEqual(buckets.map(territoryKind), ['province-wide', 'region-wide']);
    for (const key of buckets) assert.ok(hasList(key), `lists/${key}.json`);
  }
});

test('provinces and the region', () => {
  for (const p of territories.provinces) {
    assert.equal(provinceWideKey(p.code), `${p.code}000`);
    assert.equal(provinceOf(provinceWideKey(p.code)), p.code);
    assert.deepEqual(enclosingBuckets(p.code), [REGION_WIDE_KEY]);
    assert.deepEqual(enclosingBuckets(provinceWideKey(p.code)), [REGION_WIDE_KEY]);
  }
  assert.equal(provinceOf(territories.region.code), null);
  assert.deepEqual(enclosingBuckets(territories.region.code), []);
  assert.deepEqual(enclosingBuckets(REGION_WIDE_KEY), []);
  assert.deepEqual(enclosingBuckets('not a key'), []);
  assert.equal(REGION_WIDE_KEY, '000000');
});
