/** Helpers shared by the widgets' browser tests (real server, real data). */
import type { PnrrElement } from '../../src/base/pnrr-element.js';

/** The embedded data package as served by the test server (root = repository). */
export const DATA = '/packages/sdk/data/toscana/';

/** The Liguria package, built from data/sources/ with the SDK's CLI before the tests (scripts/test-data.mjs). */
export const LIGURIA = '/packages/widgets/.test-data/liguria/';

/** Text of an element's shadow root with no-break spaces as spaces and runs of blanks collapsed. */
export function textOf(el: Element): string {
  const root = el.shadowRoot ?? el;
  return (root.textContent ?? '').replace(/\u00a0|\u202f/g, ' ').replace(/\s+/g, ' ').trim();
}

export const normalise = (s: string): string => s.replace(/\u00a0|\u202f/g, ' ').replace(/\s+/g, ' ').trim();

export async function settled(el: Element): Promise<string> {
  return (el as PnrrElement<unknown>).settled();
}

let counter = 0;
/** A fresh id so each test gets its own URL (hence its own SDK client and cache). */
export const uniqueId = (): string => `${Date.now().toString(36)}-${++counter}`;

export interface LogEntry {
  route: string;
  id: string;
  path: string;
  outcome: string;
}

export async function serverLog(id: string): Promise<LogEntry[]> {
  const all = (await (await fetch('/__test/log', { cache: 'no-store' })).json()) as LogEntry[];
  return all.filter((e) => e.id === id);
}

export async function until<T>(fn: () => T | Promise<T>, what: string, timeout = 8000): Promise<NonNullable<T>> {
  const start = performance.now();
  for (;;) {
    const value = await fn();
    if (value) return value as NonNullable<T>;
    if (performance.now() - start > timeout) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

type AxeResults = { violations: Array<{ id: string; impact: string; help: string; nodes: Array<{ target: unknown; failureSummary?: string }> }> };
type Axe = { run(context: unknown, options: unknown): Promise<AxeResults> };

/** axe-core, loaded as the classic script it ships as (it is not an ES module). */
export async function axe(): Promise<Axe> {
  const w = window as unknown as { axe?: Axe };
  if (!w.axe) {
    await new Promise<void>((resolve, reject) => {
      const s = document.createElement('script');
      s.src = '/packages/widgets/node_modules/axe-core/axe.min.js';
      s.onload = () => resolve();
      s.onerror = () => reject(new Error('axe-core did not load'));
      document.head.append(s);
    });
  }
  return w.axe!;
}

/** WCAG 2.1 A/AA violations inside `el` (shadow DOM included), as readable strings. */
export async function axeViolations(el: Element): Promise<string[]> {
  const results = await (await axe()).run(el, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] });
  return results.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => `${JSON.stringify(n.target)} ${n.failureSummary ?? ''}`).join(' | ')}`);
}
