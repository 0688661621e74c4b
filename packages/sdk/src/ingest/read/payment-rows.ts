/**
 * The pass over the payment files: at most one payments row per kept project.
 */
import { basename } from 'node:path';
import { normaliseCup, normaliseLocalCode, projectKey, streamFile } from './read-sources.js';
import { maxDate } from './dates.js';
import { formatEuro, MAX_AMOUNT_CENTS, readAmount } from './numbers.js';
import { amountOf, dateIn, isOutOfRange } from './cells.js';
import { addSource, type CollectState, type PaymentDraft } from './collect.js';
import { encodePayment } from './spill-records.js';
import { partitionOf } from './spill.js';

const PAYMENT_FIELDS = ['paidTotal', 'paidPnrr', 'financedPnrr', 'financedTotal'] as const;

/** Reads every payment file, attaching each row to its project. */
export async function readPayments(state: CollectState): Promise<void> {
  const { projects } = state;
  for (const path of state.options.payments) {
    const tally = state.quality.tally(basename(path), 'payments');
    const sourceIndex = state.sources.length;
    let extracted: string | null = null;
    const { detected, rows, sha256 } = await streamFile(path, 'payments', tally, state.quality, () => {}, (record, line, get, d) => {
      const date = dateIn(get, record, 'extracted', state.quality, tally, line);
      extracted = maxDate(extracted, date);
      const cup = normaliseCup(get(record, 'cup'));
      const key = projectKey(cup, normaliseLocalCode(get(record, 'localCode')));
      const project = projects.get(key);
      if (!project) {
        tally.skipped++;
        return;
      }
      if (project.hasPayments) {
        state.quality.reject(tally, line, 'duplicate-payment', `${project.cup} / ${project.localCode} already has a payments row`);
        return;
      }
      const style = d.layout.numbers;
      const tooLarge = PAYMENT_FIELDS.find((f) => d.columns.has(f) && isOutOfRange(readAmount(get(record, f), style)));
      if (tooLarge) {
        state.quality.reject(tally, line, 'amount-out-of-range',
          `${d.header[d.columns.get(tooLarge)!]!.trim()}: "${(get(record, tooLarge) ?? '').trim()}" is beyond ±€${formatEuro(MAX_AMOUNT_CENTS)}; row not used`);
        return;
      }
      const paidTotal = amountOf(get(record, 'paidTotal'), style, 'paidTotal', state.quality, tally, line);
      const paidPnrr = amountOf(get(record, 'paidPnrr'), style, 'paidPnrr', state.quality, tally, line);
      if (paidTotal === null || paidPnrr === null) {
        state.quality.reject(tally, line, 'missing-amount', `${project.cup} / ${project.localCode}: payment amounts missing`);
        return;
      }
      const payment: PaymentDraft = {
        referenceDate: date,
        totalCents: paidTotal,
        pnrrCents: paidPnrr,
        financedPnrrCents: d.columns.has('financedPnrr') ? amountOf(get(record, 'financedPnrr'), style, 'financedPnrr', state.quality, tally, line) : null,
        financedTotalCents: d.columns.has('financedTotal') ? amountOf(get(record, 'financedTotal'), style, 'financedTotal', state.quality, tally, line) : null,
      };
      // A row without a date takes its file's latest (known once the file is read; decodePayment fills it in).
      state.spill.append('payment', partitionOf(cup), encodePayment(key, sourceIndex, payment));
      project.hasPayments = true;
      tally.kept++;
    }, basename(path), state.options.signal);
    addSource(state, 'payments', path, detected.layout, rows, sha256, extracted, tally);
  }

}
