#!/usr/bin/env node
/**
 * Measures what a page downloads (gzip -9) and writes docs/size.md:
 * - JS of the CDN build per page kind: the entry file plus the chunks it (and the
 *   chunks the page needs) import statically; vega's lazy chunk apart;
 * - data for one card (manifest + the CUP's project shard) and for a chart plus
 *   a map (manifest, measures, territories, facts, boundaries).
 * Run after `pnpm --filter @pnrr-toscana/widgets build`. `--check` exits 1 when
 * a budget is exceeded. `measureSizes()` is the measurement alone (no file
 * written): `test/node/size-budget.test.mjs` fails `npm test` when a budget is exceeded.
 */
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const here = dirname(fileURLToPath(import.meta.url));
const pkg = join(here, '..');
const cdn = join(pkg, 'dist/cdn');
const data = join(cdn, 'data/toscana');
const out = join(pkg, '../../docs/size.md');
const sdkBrowser = join(pkg, '../sdk/dist/browser/pnrr-sdk.js');
const KiB = 1024;

/**
 * Measures the CDN build: `budgets` ({ what, bytes, budget } each) and `report`
 * (the Markdown of docs/size.md). Throws when the build is missing.
 */
export function measureSizes() {
  if (!existsSync(join(cdn, 'pnrr-widgets.js'))) {
    throw new Error('dist/cdn/pnrr-widgets.js is missing: run `pnpm --filter @pnrr-toscana/widgets build` first.');
  }
  const gz = (file) => gzipSync(readFileSync(file), { level: 9 }).length;
  const kib = (bytes, digits = 1) => (bytes / KiB).toFixed(digits);

  /** Relative modules a bundle file imports statically (not `import()`). */
  function staticImports(file) {
    const code = readFileSync(file, 'utf8');
    const found = new Set();
    for (const m of code.matchAll(/(?:^|[;}\s])(?:import|export)\s*(?:[\w$*{},\s]*?from\s*)?["'`](\.{1,2}\/[^"'`]+)["'`]/g)) {
      found.add(posix.join(posix.dirname(posix.relative(cdn, file)), m[1]));
    }
    return [...found];
  }

  /** A file and everything it imports statically, transitively (paths relative to dist/cdn). */
  function closure(entries) {
    const seen = new Set();
    const visit = (rel) => {
      if (seen.has(rel)) return;
      seen.add(rel);
      staticImports(join(cdn, rel)).forEach(visit);
    };
    entries.forEach(visit);
    return [...seen];
  }

  /** The chunk that `import()`s of the entry point to for a given source module name. */
  function dynamicTargets(rel) {
    const code = readFileSync(join(cdn, rel), 'utf8');
    return [...code.matchAll(/import\(\s*["'`](\.{1,2}\/[^"'`]+)["'`]\s*\)/g)].map((m) => posix.join(posix.dirname(rel), m[1]));
  }

  const chunks = readdirSync(join(cdn, 'chunks')).map((f) => `chunks/${f}`);
  const isVega = (rel) => /embed|vega/.test(rel) && gz(join(cdn, rel)) > 100 * KiB;
  const vegaChunks = chunks.filter(isVega);
  const entry = 'pnrr-widgets.js';
  const lazy = dynamicTargets(entry); // chart and map define chunks, in source order (chart, map)
  const defineOf = (needle) => lazy.find((rel) => readFileSync(join(cdn, rel), 'utf8').includes(needle));
  const chartChunk = defineOf('pnrr-spending-chart');
  const mapChunk = defineOf('pnrr-municipality-map');
  const listChunk = defineOf('pnrr-project-list');

  const sum = (rels) => rels.reduce((n, rel) => n + gz(join(cdn, rel)), 0);
  // Issue 10: the card's payments and monitoring blocks are a lazy chunk the card imports together with its data.
  const cardBlocks = lazy.find((rel) => readFileSync(join(cdn, rel), 'utf8').includes('dettaglio_cig'));
  // The SDK's aggregation code (spending, projects) is also a lazy chunk: counted for the chart and map pages.
  const sdkLazy = lazy.filter((rel) => rel !== chartChunk && rel !== mapChunk && rel !== listChunk && rel !== cardBlocks);
  const pages = [
    { page: 'card only', files: closure([entry]) },
    ...(cardBlocks ? [{ page: 'card only, with its blocks chunk (requested together with the data)', files: closure([entry, cardBlocks]) }] : []),
    { page: 'chart (before vega)', files: closure([entry, ...(chartChunk ? [chartChunk] : []), ...sdkLazy]) },
    { page: 'map (before vega)', files: closure([entry, ...(mapChunk ? [mapChunk] : []), ...sdkLazy]) },
    // The list's page: the entry (which registers the card a row opens), the list's chunk, the SDK's query chunks.
    { page: 'project list', files: closure([entry, ...(listChunk ? [listChunk] : []), ...sdkLazy]) },
    { page: 'card + chart + map + list (before vega)', files: closure([entry, ...lazy]) },
  ];
  const vegaBytes = sum(vegaChunks);

  // ---- data
  const manifest = JSON.parse(readFileSync(join(data, 'manifest.json'), 'utf8'));
  // The package's shard count (manifest), else the legacy 256; names as wide as the count needs.
  const shardCount = manifest.files.projectShards?.count ?? 256;
  const shardOf = (cup) => {
    let hash = 0x811c9dc5; // FNV-1a, as @pnrr-toscana/sdk's projectShard()
    for (let i = 0; i < cup.length; i++) hash = Math.imul(hash ^ cup.charCodeAt(i), 0x01000193) >>> 0;
    return (hash % shardCount).toString(16).padStart(Math.max(2, (shardCount - 1).toString(16).length), '0');
  };
  const dataFile = (rel) => join(data, rel);
  const shardFiles = readdirSync(join(data, 'projects')).map((f) => `projects/${f}`);
  const largestShard = shardFiles.reduce((a, b) => (gz(dataFile(a)) >= gz(dataFile(b)) ? a : b));
  const card = (rel) => gz(dataFile('manifest.json')) + gz(dataFile(rel));
  const tram = `projects/${shardOf('H91J12000770005')}.json`;
  const chartMapFiles = ['manifest.json', manifest.files.measures, manifest.files.territories, manifest.files.facts, manifest.files.boundaries].filter(Boolean);
  const chartMap = chartMapFiles.reduce((n, rel) => n + gz(dataFile(rel)), 0);

  // Issue 9: one comune's project list, Firenze's the largest: what <pnrr-project-list comune="Firenze"> reads.
  const listKeys = readdirSync(join(data, 'lists')).filter((f) => /^\d{6}\.json$/.test(f));
  const largestList = listKeys.reduce((a, b) => (gz(dataFile(`lists/${a}`)) >= gz(dataFile(`lists/${b}`)) ? a : b));
  const listFiles = (file) => ['manifest.json', manifest.files.measures, manifest.files.territories, `lists/${file}`];
  const listData = (file) => listFiles(file).reduce((n, rel) => n + gz(dataFile(rel)), 0);

  const budgets = [
    // 20 KiB until issue 8 put ky 1.x (~5 KiB gzip) back into the SDK transport: see the history below.
    { what: 'JS, card-only page', bytes: sum(pages[0].files), budget: 24 * KiB },
    // A card reads the manifest and its shard; a record carries its first two tenders, the rest (H92E22000070008
    // has 246) are in the CUP's tenders file, read only by the card's "show all" button (measured below, no budget).
    { what: 'data, one card (largest shard)', bytes: card(largestShard), budget: 10 * KiB },
    { what: 'data, chart + map (geometry included)', bytes: chartMap, budget: 60 * KiB },
    { what: `data, one comune's project list (largest: \`lists/${largestList}\`)`, bytes: listData(largestList), budget: 30 * KiB },
    // Issue 9: the iframe embed's host script, a plain <script src> on the framing page.
    { what: 'JS, iframe host script `pnrr-embed.js`', bytes: gz(join(cdn, 'pnrr-embed.js')), budget: 1 * KiB },
  ];

  const lines = [];
  lines.push('# Sizes', '');
  lines.push('Generated by `node packages/widgets/scripts/size-report.mjs` from the CDN build (`packages/widgets/dist/cdn/`).');
  lines.push('All sizes are gzip -9 of the files as served; 1 KiB = 1024 bytes.', '');
  lines.push('## Budgets (issues 3, 8, 9 and 11)', '', '| what | size | budget | |', '|---|---:|---:|---|');
  for (const b of budgets) {
    const state = b.bytes <= b.budget ? 'ok' : b.ceiling !== undefined && b.bytes <= b.ceiling ? `**over** (known; held under ${kib(b.ceiling)} KiB)` : '**over**';
    lines.push(`| ${b.what} | ${kib(b.bytes, 2)} KiB | ${kib(b.budget)} KiB | ${state} |`);
  }
  lines.push(
    '',
    `History: the card-only page was 18.92 KiB against a 20 KiB budget with the hand-written fetch transport; issue 6's hostile-string safety (bidi isolation, wrapping, CSV neutralisation) added 0.32 KiB, then issue 8 moved the SDK's transport to ky 1.x (retries, Retry-After, timeout, abort, and the \`http\` option's headers and hooks), which together made it 23.83 KiB, and raised the budget to 24 KiB. Issue 7's error guards and issue 9's names in filters (the client's hook; the name lookup itself is a lazy chunk, \`chunks/places-*.js\`, loaded only when a name is used, and the wording of errors only figures meet moved to the figures' chunk) left it at 23.97 KiB. Issue 11's fixed block sizes (the card's summary and its "Mostra tutti i dettagli" button, the frame's size in every state) added 0.5 KiB, paid for by moving what only the figures write (\`number\`, \`moneyCompact\`, \`moneyCents\` and their units) from \`format.ts\` to \`figure/amounts.ts\`, by an always-present button instead of a measured one, and by sizes under \`@media screen\` instead of print overrides. Issue 10's awardee, target and paid blocks (with the payments table, moved there from the first chunk) travel in a chunk the card requests in parallel with its data, \`${cardBlocks ?? '(not found)'}\` (${cardBlocks ? kib(gz(join(cdn, cardBlocks)), 2) : '–'} KiB): the first JavaScript of a card-only page is ${kib(budgets[0].bytes, 2)} KiB (23.62 before the SDK's \`provenance()\` and \`tenders()\`; the card's "show all tenders" button and its state live in the blocks chunk, and \`tenders()\`'s reading of the tenders file is a lazy chunk of the SDK). The SDK's one-file browser build (\`@pnrr-toscana/sdk/browser\`) went from 7.07 to ${kib(gz(sdkBrowser), 2)} KiB.`,
  );
  lines.push(
    '',
    `Issue 9's print styles of the card (the whole card on paper: no fixed block size, no buttons, tables and long texts uncut, links followed by their address; the light palette under \`@media print\` moved from the figures' chunk to the base styles, so every element prints light) took the card-only page from 23.62 KiB (24,189 bytes) to ${kib(budgets[0].bytes, 2)} KiB (${budgets[0].bytes.toLocaleString('en')} bytes).`,
  );
  lines.push('', `Vega is only a lazy chunk: ${vegaChunks.map((c) => `\`${c}\``).join(', ') || '(none found)'}, ${kib(vegaBytes)} KiB, requested when a chart or map is about to draw.`, '');
  lines.push('## JavaScript per page (CDN build, before vega)', '', '| page | files | KiB |', '|---|---|---:|');
  for (const p of pages) lines.push(`| ${p.page} | ${p.files.map((f) => `\`${f}\``).join(', ')} | ${kib(sum(p.files))} |`);
  lines.push('', '## Every file of the CDN build', '', '| file | bytes | gzip KiB |', '|---|---:|---:|');
  for (const rel of [entry, ...chunks, 'pnrr-embed.js', 'pnrr-embed-page.js']) lines.push(`| \`${rel}\` | ${readFileSync(join(cdn, rel)).length} | ${kib(gz(join(cdn, rel)))} |`);
  lines.push('', '## Data', '', '| view | files | KiB |', '|---|---|---:|');
  lines.push(`| card H91J12000770005 | \`manifest.json\`, \`${tram}\` | ${kib(card(tram))} |`);
  lines.push(`| card, largest shard | \`manifest.json\`, \`${largestShard}\` | ${kib(card(largestShard))} |`);
  lines.push(`| card, average shard | \`manifest.json\` + one of ${shardFiles.length} shards | ${kib(gz(dataFile('manifest.json')) + shardFiles.reduce((n, f) => n + gz(dataFile(f)), 0) / shardFiles.length)} |`);
  lines.push(`| project list, largest comune | ${listFiles(largestList).map((f) => `\`${f}\``).join(', ')} | ${kib(listData(largestList))} |`);
  lines.push(`| project list, Prato | ${listFiles('100005.json').map((f) => `\`${f}\``).join(', ')} | ${kib(listData('100005.json'))} |`);
  lines.push(`| chart + map | ${chartMapFiles.map((f) => `\`${f}\``).join(', ')} | ${kib(chartMap)} |`);
  // Issue 11: a chart by mission of the whole region reads the manifest and one view file.
  const missionView = `views/mission/${manifest.region.code}.json`;
  lines.push(`| chart by mission | \`manifest.json\`, \`${missionView}\` | ${kib(gz(dataFile('manifest.json')) + gz(dataFile(missionView)), 2)} |`);
  // Issue 10: the tenders past a record's first two, read only by the card's "show all" button.
  const tenderFiles = existsSync(join(data, 'tenders')) ? readdirSync(join(data, 'tenders')).flatMap((d) => readdirSync(join(data, 'tenders', d)).map((f) => `tenders/${d}/${f}`)) : [];
  if (tenderFiles.length > 0) {
    const largestTenders = tenderFiles.reduce((a, b) => (gz(dataFile(a)) >= gz(dataFile(b)) ? a : b));
    lines.push(`| "show all tenders" of a card, largest (after the card's data) | \`${largestTenders}\` (one of ${tenderFiles.length}) | ${kib(gz(dataFile(largestTenders)), 2)} |`);
  }
  lines.push('');
  return { budgets, report: lines.join('\n') };
}

// Run as a script: write docs/size.md (and with --check, exit 1 when over budget).
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  let measured;
  try {
    measured = measureSizes();
  } catch (error) {
    console.error(error.message);
    process.exit(2);
  }
  writeFileSync(out, measured.report);
  console.log(measured.report);
  const over = measured.budgets.filter((b) => b.bytes > (b.ceiling ?? b.budget));
  if (process.argv.includes('--check') && over.length > 0) {
    console.error(`Over budget: ${over.map((b) => b.what).join('; ')}`);
    process.exit(1);
  }
}
