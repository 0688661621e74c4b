/** Helpers shared by the widgets' browser tests (real server, real data). */
import type { PnrrElement } from '../../src/base/pnrr-element.js';

/** The embedded data package as served by the test server (root = repository). */
export const DATA = '/packages/sdk/data/toscana/';

/** The Liguria package, built from data/sources/ with the SDK's CLI before the tests (scripts/test-data.mjs). */
export const LIGURIA = '/packages/widgets/.test-data/liguria/';

/**
 * Real Tuscan projects with hostile titles, bodies, measure and comune names
 * (scripts/test-data.mjs, HOSTILE); `hostile.json` in it lists what each project got.
 */
export const HOSTILE = '/packages/widgets/.test-data/hostile/';

/** One project of the hostile package and the strings it was given. */
export interface HostileProject {
  cup: string;
  localCode: string;
  comune: string;
  measure: string;
  title: string;
  body: string;
  measureName: string;
  comuneName: string;
  /** Issue 10: the name of its one awardee (also its role and legal form), its indicator's description and unit, its tender's CIG. */
  awardee: string;
  indicator: string;
  cig: string;
}

export async function hostileProjects(): Promise<HostileProject[]> {
  return (await (await fetch(`${HOSTILE}hostile.json`)).json()) as HostileProject[];
}

/**
 * Text as read: no-break spaces as spaces, runs of blanks collapsed, without
 * the invisible isolation marks (U+2068 FSI, U+2069 PDI) around data in sentences.
 */
export const normalise = (s: string): string => s.replace(/[\u2068\u2069]/g, '').replace(/\u00a0|\u202f/g, ' ').replace(/\s+/g, ' ').trim();

/** Text of an element's shadow root, as read (see normalise). */
export function textOf(el: Element): string {
  return normalise((el.shadowRoot ?? el).textContent ?? '');
}

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

/**
 * A point well inside the comune's shape, in the path's user space: its
 * centroid when that is inside, else, on a grid over its bounding box, the
 * inside point farthest from any outside grid point (so not on a border).
 */
function interiorPoint(path: SVGPathElement): DOMPoint {
  const box = path.getBBox();
  const inside = (x: number, y: number) => path.isPointInFill(new DOMPoint(x, y));
  const n = 24;
  const grid: Array<{ x: number; y: number; in: boolean }> = [];
  for (let i = 0; i <= n; i++) {
    for (let j = 0; j <= n; j++) {
      const x = box.x + (box.width * i) / n;
      const y = box.y + (box.height * j) / n;
      grid.push({ x, y, in: inside(x, y) });
    }
  }
  const outside = grid.filter((g) => !g.in);
  const depth = (p: { x: number; y: number }) => Math.min(...outside.map((o) => Math.hypot(o.x - p.x, o.y - p.y)));
  const c = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  const candidates = grid.filter((g) => g.in);
  // The centroid (of the box) when inside and not right on an edge; else the deepest grid point.
  const best = inside(c.x, c.y) && depth(c) >= Math.max(...candidates.map(depth), 0) / 2 ? c : candidates.reduce((a, b) => (depth(b) > depth(a) ? b : a), c);
  return new DOMPoint(best.x, best.y);
}

/** The viewport point of `path`'s interior, after scrolling it into the middle of the window. */
export function viewportPoint(path: SVGPathElement): [number, number] {
  const local = interiorPoint(path);
  const toScreen = () => local.matrixTransform(path.getScreenCTM()!);
  const first = toScreen();
  window.scrollBy(0, first.y - window.innerHeight / 2);
  const p = toScreen();
  return [Math.round(p.x), Math.round(p.y)];
}
