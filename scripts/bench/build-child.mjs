// One package build in its own process, so its peak RSS is the build's own.
// Usage: node build-child.mjs '<BuildOptions as JSON>'. Prints one JSON line: time, rows, bytes, peak RSS.
import { readFile, stat } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { SDK } from './lib.mjs';

const options = JSON.parse(process.argv[2]);
const { buildPackage } = await import(pathToFileURL(join(SDK, 'dist', 'ingest', 'index.js')).href);

let inputBytes = 0;
for (const file of [...options.projects, ...options.localisations, ...(options.payments ?? [])]) inputBytes += (await stat(file)).size;

const started = process.hrtime.bigint();
const result = await buildPackage(options);
const ms = Number(process.hrtime.bigint() - started) / 1e6;

// Rows read from the CSVs of the release (projects, localisations, payments), as tallied in quality.json.
let rows = 0;
for (const f of result.quality.files) if (f.role !== 'population') rows += f.read;
let outputBytes = 0;
for (const f of result.files.values()) outputBytes += f.bytes;

// What one card fetches: its project shard (the median-sized one), gzip -9; and the largest list file.
const shards = [...result.files].filter(([name]) => name.startsWith('projects/')).sort((a, b) => a[1].bytes - b[1].bytes);
const medianShard = shards[Math.floor(shards.length / 2)];
const shardGzipBytes = medianShard ? gzipSync(await readFile(join(options.out, medianShard[0])), { level: 9 }).length : null;
const largestList = Math.max(0, ...[...result.files].filter(([name]) => name.startsWith('lists/')).map(([, f]) => f.bytes));

const usage = process.resourceUsage();
process.stdout.write(`${JSON.stringify({
  ms,
  cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000,
  rows,
  inputBytes,
  outputBytes,
  outputFiles: result.files.size,
  shards: shards.length,
  shardGzipBytes,
  largestListBytes: largestList,
  projects: result.provenance.totals.projects,
  rejected: result.quality.rejected.length,
  warnings: result.quality.warnings.length,
  // maxRSS is in kilobytes (the high-water mark of the whole process: build + Node itself).
  maxRssBytes: usage.maxRSS * 1024,
})}\n`);
