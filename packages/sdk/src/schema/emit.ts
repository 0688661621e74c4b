#!/usr/bin/env node
/** Writes each file schema as `<name>.schema.json` into the directory given (build step). */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FILE_SCHEMAS } from './package.js';
import { RELEASE_SCHEMAS } from '../release/schemas.js';

const outDir = process.argv[2] ?? 'dist/schema';
mkdirSync(outDir, { recursive: true });
for (const [name, schema] of Object.entries({ ...FILE_SCHEMAS, ...RELEASE_SCHEMAS })) {
  const document = { $schema: 'http://json-schema.org/draft-07/schema#', $id: `https://pnrr-toscana.example/schema/${name}.schema.json`, ...schema };
  writeFileSync(join(outDir, `${name}.schema.json`), JSON.stringify(document, null, 2) + '\n');
}
