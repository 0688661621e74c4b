// The widgets' folders import in one direction only (docs/architecture.md, "Widgets"):
//   base/ ← figure/ ← chart/, map/   (the chart and the map never reach each other)
//   format.ts, i18n/ → nothing of base/, figure/ or an element (base/ imports them)
//   vega/ → nothing of the widgets' folders (a loader for whoever draws)
// Read from the sources' import statements (static, `export … from` and dynamic), type-only ones included.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, posix, relative } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));

const IMPORT = /(?:^|[\s;])(?:import|export)\s[^;]*?\sfrom\s*['"]([^'"]+)['"]|(?:^|[\s;])import\s*['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

/** Every module of src/ (path relative to src/, POSIX) with the src/ modules it imports. */
export function importGraph(root = SRC) {
  const files = readdirSync(root, { recursive: true })
    .map((f) => f.split('\\').join('/'))
    .filter((f) => f.endsWith('.ts'));
  const graph = new Map();
  for (const file of files) {
    const text = readFileSync(join(root, file), 'utf8');
    const targets = new Set();
    for (const m of text.matchAll(IMPORT)) {
      const spec = m[1] ?? m[2] ?? m[3];
      if (!spec.startsWith('.')) continue; // a package
      targets.add(posix.normalize(posix.join(posix.dirname(file), spec)).replace(/\.js$/, '.ts'));
    }
    graph.set(file, [...targets]);
  }
  return graph;
}

/** Modules reachable from `start` (itself excluded). */
function reachable(graph, start) {
  const seen = new Set();
  const stack = [...(graph.get(start) ?? [])];
  while (stack.length > 0) {
    const next = stack.pop();
    if (seen.has(next)) continue;
    seen.add(next);
    stack.push(...(graph.get(next) ?? []));
  }
  return seen;
}

const inFolder = (folder) => (file) => file.startsWith(`${folder}/`);

/** Imports of modules matching `from` (directly, or through others when `transitive`) into modules matching `to`. */
export function violations(graph, from, to, transitive = false) {
  const found = [];
  for (const [file, targets] of graph) {
    if (!from(file)) continue;
    for (const target of transitive ? reachable(graph, file) : targets) if (to(target)) found.push(`${file} → ${target}`);
  }
  return found.sort();
}

const graph = importGraph();

describe('widgets import graph', () => {
  it('reads every module and its imports (the chart reaches the figure base, the map its spec)', () => {
    assert.ok(graph.size >= 30, `${graph.size} modules`);
    assert.ok(reachable(graph, 'chart/spending-chart.ts').has('figure/figure-element.ts'));
    assert.ok(graph.get('map/municipality-map.ts').includes('map/choropleth-spec.ts'));
    assert.ok(graph.get('format.ts').includes('i18n/lang.ts'));
    // Every import resolves to a module of src/ (a wrong path would hide an edge).
    for (const [file, targets] of graph) for (const t of targets) assert.ok(graph.has(t), `${file} imports ${t}, not a module of src/`);
  });

  it('the chart and the map do not import each other, not even through another module', () => {
    assert.deepEqual(violations(graph, inFolder('chart'), inFolder('map'), true), []);
    assert.deepEqual(violations(graph, inFolder('map'), inFolder('chart'), true), []);
  });

  it('format.ts and i18n/ import nothing from base/, figure/ or an element', () => {
    const upper = (f) => ['base', 'figure', 'card', 'chart', 'map', 'list', 'vega'].some((d) => f.startsWith(`${d}/`));
    assert.deepEqual(violations(graph, (f) => f === 'format.ts' || inFolder('i18n')(f), upper, true), []);
  });

  it('base/ imports no figure, element or vega module (the card-only bundle carries base/)', () => {
    const above = (f) => ['figure', 'card', 'chart', 'map', 'list', 'vega'].some((d) => f.startsWith(`${d}/`));
    assert.deepEqual(violations(graph, inFolder('base'), above, true), []);
  });

  it('figure/ imports no element; vega/ imports nothing of the widgets but itself', () => {
    const element = (f) => ['card', 'chart', 'map', 'list'].some((d) => f.startsWith(`${d}/`));
    assert.deepEqual(violations(graph, inFolder('figure'), element, true), []);
    assert.deepEqual(violations(graph, inFolder('vega'), (f) => !f.startsWith('vega/')), []);
  });

  it('the list reaches no vega, chart, map or card module, and of figure/ only the CSV download and the amount formats; no other element reaches the list', () => {
    const forbidden = (f) => ['vega', 'chart', 'map', 'card'].some((d) => f.startsWith(`${d}/`)) || (f.startsWith('figure/') && f !== 'figure/download.ts' && f !== 'figure/amounts.ts');
    assert.deepEqual(violations(graph, inFolder('list'), forbidden, true), []);
    assert.ok(reachable(graph, 'list/define.ts').has('figure/download.ts'));
    const others = (f) => ['card', 'chart', 'map', 'figure', 'base', 'vega'].some((d) => f.startsWith(`${d}/`));
    assert.deepEqual(violations(graph, others, inFolder('list'), true), []);
  });

  it('catches a forbidden import (the check can fail)', () => {
    const fake = new Map([
      ['chart/a.ts', ['figure/b.ts']],
      ['figure/b.ts', ['map/c.ts']],
      ['map/c.ts', []],
    ]);
    assert.deepEqual(violations(fake, inFolder('chart'), inFolder('map')), []);
    assert.deepEqual(violations(fake, inFolder('chart'), inFolder('map'), true), ['chart/a.ts → map/c.ts']);
  });
});

// For the record in test logs: which folders import which.
const edges = new Set();
for (const [file, targets] of graph) for (const t of targets) if (dirname(file) !== dirname(t)) edges.add(`${dirname(file)} → ${dirname(t)}`);
console.info(`import graph of ${relative(process.cwd(), SRC) || 'src'}: ${[...edges].sort().join(', ')}`);
