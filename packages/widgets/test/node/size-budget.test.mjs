// The size budgets of docs/size.md, enforced: the CDN build (built before the tests by `npm test`) is
// measured as scripts/size-report.mjs measures it, and a budget exceeded fails here with the numbers.
// The report itself (docs/size.md) is written by `node scripts/size-report.mjs`, not by this test.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { measureSizes } from '../../scripts/size-report.mjs';

const kib = (bytes) => `${(bytes / 1024).toFixed(2)} KiB`;

describe('size budgets (gzip -9, CDN build)', () => {
  const { budgets } = measureSizes();
  it('measures the five budgets', () => {
    assert.deepEqual(
      budgets.map((b) => b.what.replace(/ \(largest: .*\)$/, '')),
      ['JS, card-only page', 'data, one card (largest shard)', 'data, chart + map (geometry included)', "data, one comune's project list", 'JS, iframe host script `pnrr-embed.js`'],
    );
  });
  for (const b of budgets) {
    // A budget known to be exceeded carries a ceiling (see size-report.mjs for why): it must not grow past it.
    const limit = b.ceiling ?? b.budget;
    it(`${b.what}: ${kib(b.bytes)} ≤ ${kib(limit)}${b.ceiling ? ` (known over its ${kib(b.budget)} budget)` : ''}`, () => {
      assert.ok(b.bytes > 0, `${b.what}: nothing measured`);
      assert.ok(b.bytes <= limit, `${b.what} is ${kib(b.bytes)} (${b.bytes} bytes), over its limit of ${kib(limit)} by ${b.bytes - limit} bytes`);
    });
  }
});
