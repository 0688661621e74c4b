// The size budgets of docs/size.md, enforced: the CDN build (built before the tests by `npm test`) is
// measured as scripts/size-report.mjs measures it, and a budget exceeded fails here with the numbers.
// The report itself (docs/size.md) is written by `node scripts/size-report.mjs`, not by this test.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { measureSizes } from '../../scripts/size-report.mjs';

const kib = (bytes) => `${(bytes / 1024).toFixed(2)} KiB`;

describe('size budgets (gzip -9, CDN build)', () => {
  const { budgets } = measureSizes();
  it('measures the four budgets', () => {
    assert.deepEqual(
      budgets.map((b) => b.what),
      ['JS, card-only page', 'data, one card (largest shard)', 'data, chart + map (geometry included)', 'JS, iframe host script `pnrr-embed.js`'],
    );
  });
  for (const b of budgets) {
    it(`${b.what}: ${kib(b.bytes)} ≤ ${kib(b.budget)}`, () => {
      assert.ok(b.bytes > 0, `${b.what}: nothing measured`);
      assert.ok(b.bytes <= b.budget, `${b.what} is ${kib(b.bytes)} (${b.bytes} bytes), over its budget of ${kib(b.budget)} by ${b.bytes - b.budget} bytes`);
    });
  }
});
