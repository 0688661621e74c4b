// The baseline of the ingest benchmark: DuckDB (@duckdb/node-api, in-memory database, its default
// threads) reads the same CSVs as the build and aggregates them the same way, in its own process so
// that its peak RSS is its own. The query keeps the projects localised in the region (or in any
// region: "all"), splits each project's PNRR amount over all its localisation rows (Percentuale di
// Localizzazione when the layout has it, else 1/n), and sums amounts and distinct projects by comune,
// province and region × sub-measure — the figures of facts.json. It writes nothing.
//
// Usage: node duckdb-child.mjs '{"projects":[…],"localisations":[…],"region":"09"|"all","layout":"current"|"regis2023"}'
// Prints one JSON line: ms, cpuMs, rows (result rows), maxRssBytes.
import { DuckDBInstance } from '@duckdb/node-api';

const options = JSON.parse(process.argv[2]);
const sqlString = (s) => `'${String(s).replace(/'/g, "''")}'`;
const files = (list) => `[${list.map(sqlString).join(', ')}]`;

// Column names and number formats of the two layouts the benchmark uses.
const LAYOUTS = {
  // current official layout ("current-2024"): `;`, Italian numbers (1.234,56), percentages.
  current: {
    delim: ';', region: 'Regione', province: 'Provincia', comune: 'Comune',
    amount: (c) => `CAST(replace(replace(${c}, '.', ''), ',', '.') AS DECIMAL(18,2))`,
    share: `CAST(replace(l."Percentuale di Localizzazione", ',', '.') AS DOUBLE) / 100`,
  },
  // ReGiS validated extracts of 2023 (the Tuscan sources): `,`, plain decimals, equal split.
  regis2023: {
    delim: ',', region: 'Codice Regione', province: 'Codice Provincia', comune: 'Codice Comune',
    amount: (c) => `TRY_CAST(${c} AS DECIMAL(18,2))`,
    share: '1.0 / count(*) OVER (PARTITION BY l.CUP, l."Codice Locale Progetto")',
  },
};
const L = LAYOUTS[options.layout];
const inRegion = options.region === 'all'
  ? `l."${L.region}" IN (${Array.from({ length: 20 }, (_, i) => sqlString(String(i + 1).padStart(2, '0'))).join(', ')})`
  : `l."${L.region}" = ${sqlString(options.region)}`;

const read = (list) => `read_csv(${files(list)}, delim=${sqlString(L.delim)}, header=true, all_varchar=true, quote='"')`;
const query = `
WITH p AS (SELECT * FROM ${read(options.projects)}),
l AS (SELECT * FROM ${read(options.localisations)}),
keys AS (SELECT DISTINCT l.CUP, l."Codice Locale Progetto" AS clp FROM l WHERE ${inRegion}),
kp AS (SELECT p.CUP, p."Codice Locale Progetto" AS clp, p."Codice Univoco Submisura" AS sub, ${L.amount('p."Finanziamento PNRR"')} AS pnrr
       FROM p JOIN keys k ON p.CUP = k.CUP AND p."Codice Locale Progetto" = k.clp),
kl AS (SELECT l.CUP, l."Codice Locale Progetto" AS clp, l."${L.region}" AS region, l."${L.province}" AS province,
              l."${L.province}" || l."${L.comune}" AS comune, ${L.share} AS share
       FROM l JOIN keys k ON l.CUP = k.CUP AND l."Codice Locale Progetto" = k.clp)
SELECT kl.province, kl.comune, kp.sub, sum(kp.pnrr * kl.share) AS pnrr, count(DISTINCT kp.CUP || kp.clp) AS projects
FROM kp JOIN kl ON kp.CUP = kl.CUP AND kp.clp = kl.clp
WHERE ${inRegion.replace(/l\."[^"]+"/, 'kl.region')}
GROUP BY GROUPING SETS ((kl.province, kl.comune, kp.sub), (kl.province, kp.sub), (kp.sub))`;

const started = process.hrtime.bigint();
const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
const reader = await connection.runAndReadAll(query);
const rows = reader.getRows().length;
const ms = Number(process.hrtime.bigint() - started) / 1e6;
connection.closeSync();
const usage = process.resourceUsage();
process.stdout.write(`${JSON.stringify({ ms, cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000, rows, maxRssBytes: usage.maxRSS * 1024 })}\n`);
