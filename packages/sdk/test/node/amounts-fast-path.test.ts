/**
 * `parseCents` reads the common spellings of an amount in one pass (read/numbers.ts, `plainCents`)
 * and every other text with the general parse (`generalCents`). Where the fast path answers it must
 * give what the general parse gives: compared here on every short text over the characters amounts
 * are written with, and on generated amounts in both styles.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { generalCents, parseCents, readAmount, type NumberStyle } from '../../src/ingest/read/numbers.js';

const STYLES: NumberStyle[] = ['italian', 'dot'];

/** What parseCents answers when only the general parse reads the text. */
function general(text: string, style: NumberStyle): number | null | undefined {
  const cents = generalCents(text, style);
  if (typeof cents !== 'bigint') return cents;
  const n = Number(cents);
  return Number.isSafeInteger(n) ? n : undefined;
}

function assertSame(text: string): void {
  for (const style of STYLES) assert.equal(parseCents(text, style), general(text, style), `${JSON.stringify(text)} (${style})`);
}

/** A small deterministic generator (mulberry32), so a failure names a text that fails again. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('amounts: the one-pass reading of common spellings agrees with the general parse', () => {
  it('every text of up to 6 characters over "01.,9"', () => {
    const alphabet = ['0', '1', '.', ',', '9'];
    let texts = [''];
    for (let length = 1; length <= 6; length++) {
      texts = texts.flatMap((t) => alphabet.map((c) => t + c));
      for (const text of texts) assertSame(text);
    }
  });

  it('generated amounts: grouped and plain, 0–3 decimals, up to 16 digits, with and without signs and spaces', () => {
    const next = random(11);
    const digits = (n: number): string => Array.from({ length: n }, () => String(Math.floor(next() * 10))).join('');
    for (let i = 0; i < 20_000; i++) {
      const euros = digits(1 + Math.floor(next() * 16));
      const grouped = euros.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
      const decimals = digits(Math.floor(next() * 4));
      const separator = next() < 0.5 ? ',' : '.';
      const body = (next() < 0.5 ? grouped : euros) + (decimals || next() < 0.2 ? separator + decimals : '');
      const text = next() < 0.1 ? `-${body}` : next() < 0.1 ? ` ${body} ` : body;
      assertSame(text);
    }
  });

  it('the cells of the official files read as before', () => {
    assert.equal(parseCents('1.234.567,89', 'italian'), 123_456_789);
    assert.equal(parseCents('60.000', 'italian'), 6_000_000);
    assert.equal(parseCents('47427.00', 'dot'), 4_742_700);
    assert.equal(parseCents('47427.00', 'italian'), 4_742_700);
    assert.equal(parseCents('12,5', 'italian'), 1250);
    assert.equal(parseCents('1234567890123', 'dot'), 123_456_789_012_300);
    assert.equal(parseCents('N/D', 'italian'), null);
    assert.deepEqual(readAmount('300.000.000.000,00', 'italian'), { problem: 'out-of-range' });
  });
});
