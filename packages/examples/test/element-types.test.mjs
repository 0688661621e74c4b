// The element types of the React and Vue pages come from the widgets' Custom Elements Manifest
// (build/element-types.mjs): every tag, its attribute-backed properties and its events are there, and
// TypeScript rejects a manifest entry the element classes do not have.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { test } from 'node:test';
import { declarations, elementsOf } from '../build/element-types.mjs';
import { EXAMPLES } from './helpers.mjs';

const require = createRequire(import.meta.url);
const manifest = JSON.parse(readFileSync(require.resolve('@pnrr-toscana/widgets/custom-elements.json'), 'utf8'));

test('every element of the manifest, with its properties and events', () => {
  const elements = Object.fromEntries(elementsOf(manifest).map((e) => [e.tag, e]));
  assert.deepEqual(Object.keys(elements), ['pnrr-municipality-map', 'pnrr-project-card', 'pnrr-project-list', 'pnrr-spending-chart']);
  assert.equal(elements['pnrr-municipality-map'].className, 'PnrrMunicipalityMap');
  assert.ok(elements['pnrr-municipality-map'].events.includes('pnrr-municipality-select'));
  for (const e of Object.values(elements)) {
    assert.ok(e.events.includes('pnrr-load') && e.events.includes('pnrr-error'), e.tag);
    assert.ok(e.properties.includes('src') && e.properties.includes('theme'), e.tag);
  }
  assert.ok(elements['pnrr-spending-chart'].properties.includes('perCapita'));
  assert.ok(elements['pnrr-project-card'].properties.includes('compact'));
});

/** Type-checks the declarations of `source` with a probe file, in a folder of this package; returns tsc's output. */
function typeCheck(source, probe) {
  const dir = mkdtempSync(join(EXAMPLES, '.element-types-test-'));
  try {
    writeFileSync(join(dir, 'pnrr-elements.ts'), declarations(elementsOf(source)));
    writeFileSync(join(dir, 'probe.ts'), probe);
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ extends: '../tsconfig.json', include: ['*.ts'] }));
    try {
      execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', join(dir, 'tsconfig.json')], { encoding: 'utf8' });
      return '';
    } catch (error) {
      return `${error.stdout}${error.stderr}` || 'tsc failed';
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const PROBE = `import type { PnrrElementEvents, PnrrElementProperties } from './pnrr-elements.js';
const props: PnrrElementProperties['pnrr-spending-chart'] = { comune: '048017', perCapita: true, top: 5 };
const handle = (event: PnrrElementEvents['pnrr-municipality-map']['pnrr-municipality-select']): string => event.detail.name;
export { props, handle };
`;

test('the generated types check against the element classes, and a wrong manifest entry fails', { timeout: 120_000 }, () => {
  assert.equal(typeCheck(manifest, PROBE), '');

  // A property the class does not have (in the generated file), and a value of the wrong type (in the probe).
  const wrong = JSON.parse(JSON.stringify(manifest));
  const chart = wrong.modules.flatMap((m) => m.declarations ?? []).find((d) => d.tagName === 'pnrr-spending-chart');
  chart.attributes.push({ name: 'not-a-property', fieldName: 'notAProperty', type: { text: 'string' } });
  const output = typeCheck(wrong, PROBE.replace('top: 5', "top: 'five'"));
  assert.match(output, /pnrr-elements\.ts.*error TS2344.*notAProperty/);
  assert.match(output, /probe\.ts.*error TS2322/);
});
