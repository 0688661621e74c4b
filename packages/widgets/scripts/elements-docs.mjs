#!/usr/bin/env node
// Writes docs/elements/<tag>.md, the reference of each custom element (attributes, properties,
// methods, events, slots, CSS parts, CSS custom properties), from custom-elements.json — the
// manifest `cem analyze` makes from the classes' JSDoc during the widgets build (or
// `pnpm run manifest` at the root). test/node/elements-docs.test.mjs fails when the committed
// pages differ from what this script makes from the manifest now.
//
//   node packages/widgets/scripts/elements-docs.mjs        (or `pnpm run docs:elements` at the root)
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const MANIFEST = fileURLToPath(new URL('../custom-elements.json', import.meta.url));
export const OUT = fileURLToPath(new URL('../../../docs/elements/', import.meta.url));
const GENERATED = 'Generated from `custom-elements.json` by `packages/widgets/scripts/elements-docs.mjs`: do not edit by hand.';

/** One table cell: no line breaks, pipes escaped. */
const cell = (text) => (text ?? '').toString().replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|').trim();
const code = (text) => (text ? `\`${cell(text).replace(/`/g, '')}\`` : '');

function table(headers, rows) {
  if (rows.length === 0) return 'None.\n';
  const line = (cells) => `| ${cells.join(' | ')} |`;
  return [line(headers), line(headers.map(() => '---')), ...rows.map(line)].join('\n') + '\n';
}

const isPublic = (m) => !m.static && (m.privacy === undefined || m.privacy === 'public') && !m.name.startsWith('#');

/** The Markdown page of one element declaration of the manifest. */
export function elementPage(d, modulePath) {
  const fields = (d.members ?? []).filter((m) => m.kind === 'field' && isPublic(m));
  const methods = (d.members ?? []).filter((m) => m.kind === 'method' && isPublic(m));
  const signature = (m) => `${m.name}(${(m.parameters ?? []).map((p) => `${p.name}: ${p.type?.text ?? 'unknown'}`).join(', ')}): ${m.return?.type?.text ?? 'void'}`;
  const sections = [
    `# \`<${d.tagName}>\``,
    '',
    `${GENERATED}`,
    '',
    `Class \`${d.name}\` (\`${modulePath}\`)${d.superclass ? `, extends \`${d.superclass.name}\`` : ''}.${d.summary ? ` ${cell(d.summary)}` : ''}`,
    '',
    (d.description ?? '').trim(),
    '',
    '## Attributes',
    '',
    table(
      ['attribute', 'property', 'type', 'default', 'description'],
      (d.attributes ?? []).map((a) => [code(a.name), code(a.fieldName), code(a.type?.text), code(a.default), cell(a.description)]),
    ),
    '## Properties',
    '',
    table(
      ['property', 'type', 'default', 'description'],
      fields.map((f) => [code(f.name) + (f.readonly ? ' (read-only)' : ''), code(f.type?.text), code(f.default), cell(f.description)]),
    ),
    '## Methods',
    '',
    table(['method', 'description'], methods.map((m) => [code(signature(m)), cell(m.description)])),
    '## Events',
    '',
    table(['event', 'description'], (d.events ?? []).map((e) => [code(e.name), cell(e.description)])),
    '## Slots',
    '',
    table(['slot', 'description'], (d.slots ?? []).map((s) => [code(s.name || '(default)'), cell(s.description)])),
    '## CSS parts',
    '',
    table(['part', 'description'], (d.cssParts ?? []).map((p) => [code(p.name), cell(p.description)])),
    '## CSS custom properties',
    '',
    table(['property', 'default', 'description'], (d.cssProperties ?? []).map((p) => [code(p.name), code(p.default), cell(p.description)])),
  ];
  return sections.join('\n').replace(/\n{3,}/g, '\n\n');
}

/** The pages for every custom element of a manifest: file name → Markdown, plus the index README.md. */
export function elementPages(manifest) {
  const pages = new Map();
  const index = [];
  for (const mod of manifest.modules ?? []) {
    for (const d of mod.declarations ?? []) {
      if (!d.customElement || !d.tagName) continue;
      pages.set(`${d.tagName}.md`, elementPage(d, mod.path));
      index.push(`| [\`<${d.tagName}>\`](${d.tagName}.md) | ${cell(d.summary)} |`);
    }
  }
  index.sort();
  pages.set(
    'README.md',
    ['# Element reference', '', GENERATED, '', 'Guides: [widgets.md](../widgets.md), [widgets-chart-map.md](../widgets-chart-map.md).', '', '| element | summary |', '| --- | --- |', ...index, ''].join('\n'),
  );
  return new Map([...pages].sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** Reads the manifest; a missing one means the widgets were not built. */
export function readManifest(path = MANIFEST) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`Cannot read ${path} (${error.code ?? error.message}): build the widgets first (\`pnpm run manifest\` at the root).`, { cause: error });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const pages = elementPages(readManifest());
  mkdirSync(OUT, { recursive: true });
  // Only pages this script made before are removed (an element that is gone): nothing else in the folder.
  for (const name of readdirSync(OUT)) {
    if (name.endsWith('.md') && !pages.has(name) && readFileSync(join(OUT, name), 'utf8').includes(GENERATED)) rmSync(join(OUT, name));
  }
  for (const [name, text] of pages) writeFileSync(join(OUT, name), text);
  console.log(`docs/elements: ${[...pages.keys()].join(', ')}`);
}
