/**
 * Data packages the browser tests need besides the embedded Tuscan one, built
 * before the tests by web-test-runner.config.mjs, with the SDK's own CLI:
 * - Liguria, from the official CSVs in data/sources/, so a test can show that
 *   another region's package gives that region's map and charts with no code
 *   change (issue #3);
 * - "hostile": a few real Tuscan projects whose titles, implementing bodies,
 *   measure names and comune names are replaced by hostile strings (HTML,
 *   spreadsheet formulas, a U+202E bidi override, 10,000-character unbroken
 *   names), amounts untouched, so the tests can show that no element runs,
 *   injects or mis-lays data text (issue #6). See HOSTILE below.
 * Built each run (well under a second), never committed:
 * packages/widgets/.test-data/ is git-ignored. It lies inside the test
 * server's root (the repository), served at /packages/widgets/.test-data/<name>/
 * (test/helpers/page.ts: LIGURIA, HOSTILE).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const at = (rel) => fileURLToPath(new URL(rel, import.meta.url));
const CLI = at('../../sdk/dist/cli/main.js');
const SOURCES = at('../../../data/sources/');
const TEST_DATA = at('../.test-data/');

const LIGURIA = {
  region: '07',
  projects: ['pnrr-liguria/regis-2023-03-01/progetti_validati_liguria.csv'],
  localisations: [
    'pnrr-liguria/regis-2023-03-01/localizzazioni_validate_liguria.csv',
    // The rows outside Liguria of the same projects: they set each row's share (1/n over ALL regions).
    'pnrr-liguria/regis-2023-03-01/localizzazioni_validate_fuori_liguria.csv',
  ],
  boundaries: 'geo/liguria-comuni.topo.json',
  population: 'geo/liguria-comuni.csv',
  referenceDate: '2023-03-01',
};

/** Whether two package directories hold the same build (checksums.json covers every other file). */
function sameBuild(a, b) {
  const read = (dir, file) => (existsSync(join(dir, file)) ? readFileSync(join(dir, file), 'utf8') : null);
  return ['checksums.json', 'manifest.json'].every((f) => read(a, f) !== null && read(a, f) === read(b, f));
}

/** Builds the Liguria package into .test-data/liguria/ and returns that directory. Throws when the CLI fails. */
export function buildLiguriaPackage() {
  const source = (rel) => join(SOURCES, rel);
  return buildPackage('liguria', [
    '--region',
    LIGURIA.region,
    ...LIGURIA.projects.flatMap((f) => ['--projects', source(f)]),
    ...LIGURIA.localisations.flatMap((f) => ['--localisations', source(f)]),
    '--boundaries',
    source(LIGURIA.boundaries),
    '--population',
    source(LIGURIA.population),
    '--reference-date',
    LIGURIA.referenceDate,
  ]);
}

/**
 * Runs `pnrr-toscana build <args> --out …` into .test-data/<name>/ and returns
 * that directory. Throws when the CLI fails.
 */
function buildPackage(name, args) {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: build @pnrr-toscana/sdk first (pnpm --filter @pnrr-toscana/sdk build).`);
  const out = join(TEST_DATA, name);
  // Built beside the served copy, then swapped in, so a test run of another
  // terminal serving the old copy never reads a half-written package.
  const fresh = join(TEST_DATA, `${name}.building-${process.pid}`);
  mkdirSync(TEST_DATA, { recursive: true });
  rmSync(fresh, { recursive: true, force: true });
  const run = spawnSync(process.execPath, [CLI, 'build', ...args, '--out', fresh], { encoding: 'utf8' });
  if (run.status !== 0) {
    rmSync(fresh, { recursive: true, force: true });
    throw new Error(`Building the ${name} test package failed (exit ${run.status ?? run.signal}):\n${run.stderr || run.stdout}`);
  }
  if (sameBuild(fresh, out)) {
    // Builds are byte-identical: keep the copy that may already be served.
    rmSync(fresh, { recursive: true, force: true });
  } else {
    const old = `${out}.old-${process.pid}`;
    if (existsSync(out)) renameSync(out, old);
    renameSync(fresh, out);
    rmSync(old, { recursive: true, force: true });
  }
  return out;
}

// ------------------------------------------------------------------ the hostile package

/** What an `onerror` or a `<script>` from the data would set: the tests assert it stays unset. */
export const HOSTILE_FLAG = '__pnrrHostile';
const LONG = (letter) => `${letter}${'x'.repeat(9_998)}${letter}`;

/**
 * The hostile strings, in the order the projects picked from the Tuscan CSVs
 * receive them (project i gets title[i], body[i] and its comune gets comune[i];
 * the measure names go to the first projects). Each is valid UTF-8.
 */
export const HOSTILE = {
  titles: [
    `<img src=x onerror="window.${HOSTILE_FLAG}='title img'">`,
    `<script>window.${HOSTILE_FLAG}='title script'</script>`,
    LONG('T'),
    '\u202eRovesciato dopo U+202E',
    '=HYPERLINK("http://x","y")',
    '@SUM(A1)',
  ],
  bodies: [
    '=HYPERLINK("http://x","y")',
    '+1',
    '-2',
    '@SUM(A1)',
    '\u202eEnte rovesciato',
    LONG('B'),
    `<img src=x onerror="window.${HOSTILE_FLAG}='body img'">`,
    `<script>window.${HOSTILE_FLAG}='body script'</script>`,
  ],
  measures: [`\u202eMisura rovesciata <img src=x onerror="window.${HOSTILE_FLAG}='measure img'">`, LONG('M'), '=SUM(1+1)'],
  // Issue 10: awardee names and target-indicator descriptions (project i gets awardees[i], indicators[i]),
  // and a CIG with URL syntax in it (every project's tender), which the card must encode in ANAC's link.
  awardees: [
    `<img src=x onerror="window.${HOSTILE_FLAG}='awardee img'">`,
    '\u202eAggiudicatario rovesciato',
    LONG('A'),
    '=HYPERLINK("http://x","y")',
    `<script>window.${HOSTILE_FLAG}='awardee script'</script>`,
    '@SUM(A1)',
  ],
  indicators: [LONG('I'), `<img src=x onerror="window.${HOSTILE_FLAG}='indicator img'">`, '\u202eIndicatore rovesciato'],
  cig: 'A&B=1/?#x y',
  comuni: [
    '=HYPERLINK("http://x","y")',
    '+1',
    '-2',
    '@SUM(A1)',
    '\u202eComune rovesciato',
    LONG('C'),
    `<img src=x onerror="window.${HOSTILE_FLAG}='comune img'">`,
    `<script>window.${HOSTILE_FLAG}='comune script'</script>`,
  ],
};

/** RFC 4180 records of a CSV text (quoted fields may hold commas, quotes and newlines). */
function parseCsv(text) {
  const records = [];
  let record = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      record.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return records;
}

const csvLine = (fields) => fields.map((f) => (/[",\r\n]/.test(f) ? `"${f.replace(/"/g, '""')}"` : f)).join(',');
const writeCsv = (path, records) => writeFileSync(path, `${records.map(csvLine).join('\n')}\n`);

/**
 * Builds the hostile package into .test-data/hostile/ from real Tuscan rows:
 * the first projects (in file order) that sit in exactly one comune of
 * Tuscany, each with its own comune, measure and implementing body, get the
 * hostile titles, bodies, measure names and comune names above; amounts,
 * codes and boundaries are the real ones. Returns { dir, projects } where
 * projects lists, per picked project, its CUP, comune code and the strings it got.
 */
export function buildHostilePackage() {
  const regis = join(SOURCES, 'pnrr-toscana/regis-2023-03-01');
  const read = (file) => parseCsv(readFileSync(join(regis, file), 'utf8').replace(/^\ufeff/, ''));
  const [pHead, ...projects] = read('progetti_validati_toscana.csv');
  const [lHead, ...locs] = read('localizzazioni_validate_toscana.csv');
  const [, ...outside] = read('localizzazioni_validate_fuori_toscana.csv');
  const col = (head, name) => {
    const i = head.indexOf(name);
    if (i < 0) throw new Error(`column ${name} missing`);
    return i;
  };
  const P = { cup: col(pHead, 'CUP'), local: col(pHead, 'Codice Locale Progetto'), title: col(pHead, 'Titolo progetto'), body: col(pHead, 'Soggetto attuatore'), tax: col(pHead, 'Codice fiscale soggetto attuatore'), measure: col(pHead, 'Codice Univoco Misura'), measureName: col(pHead, 'Descrizione Misura') };
  const L = { cup: col(lHead, 'CUP'), local: col(lHead, 'Codice Locale Progetto'), province: col(lHead, 'Codice Provincia'), comune: col(lHead, 'Codice Comune') };
  const key = (r, c) => `${r[c.cup]}|${r[c.local]}`;
  const where = new Map();
  for (const r of [...locs, ...outside]) where.set(key(r, L), [...(where.get(key(r, L)) ?? []), r]);
  const count = Math.max(HOSTILE.titles.length, HOSTILE.bodies.length, HOSTILE.comuni.length);
  const picked = [];
  const seen = { comune: new Set(), measure: new Set(), tax: new Set(), cup: new Set() };
  for (const r of projects) {
    const at = where.get(key(r, P)) ?? [];
    if (at.length !== 1 || at[0][L.comune] === '000' || at[0][L.province] === '000') continue;
    const comune = `${at[0][L.province]}${at[0][L.comune]}`;
    if (seen.comune.has(comune) || seen.measure.has(r[P.measure]) || seen.tax.has(r[P.tax]) || seen.cup.has(r[P.cup]) || !r[P.tax]) continue;
    seen.comune.add(comune);
    seen.measure.add(r[P.measure]);
    seen.tax.add(r[P.tax]);
    seen.cup.add(r[P.cup]);
    picked.push({ row: r, loc: at[0], comune });
    if (picked.length === count) break;
  }
  const described = picked.map(({ row, comune }, i) => {
    const title = HOSTILE.titles[i] ?? row[P.title];
    const body = HOSTILE.bodies[i] ?? row[P.body];
    const measureName = HOSTILE.measures[i] ?? row[P.measureName];
    Object.assign(row, { [P.title]: title, [P.body]: body, [P.measureName]: measureName });
    return {
      cup: row[P.cup], localCode: row[P.local], comune, measure: row[P.measure], title, body, measureName, comuneName: HOSTILE.comuni[i],
      awardee: HOSTILE.awardees[i % HOSTILE.awardees.length], indicator: HOSTILE.indicators[i % HOSTILE.indicators.length], cig: `${HOSTILE.cig}${i}`,
    };
  });
  const [popHead, ...population] = parseCsv(readFileSync(join(SOURCES, 'geo/toscana-comuni.csv'), 'utf8'));
  const names = new Map(described.map((d) => [d.comune, d.comuneName]));
  for (const r of population) if (names.has(r[0])) r[1] = names.get(r[0]);
  const work = join(TEST_DATA, `hostile-sources-${process.pid}`);
  mkdirSync(work, { recursive: true });
  try {
    writeCsv(join(work, 'progetti.csv'), [pHead, ...picked.map((p) => p.row)]);
    writeCsv(join(work, 'localizzazioni.csv'), [lHead, ...picked.map((p) => p.loc)]);
    writeCsv(join(work, 'comuni.csv'), [popHead, ...population]);
    // The 2025 awardee and indicator layouts (onData's snake_case headers, as in data/sources).
    writeCsv(join(work, 'aggiudicatari.csv'), [
      ['codice_univoco_submisura', 'descrizione_submisura', 'cup', 'codice_locale_progetto', 'cig', 'codice_interno_pda', 'codice_fiscalepiva', 'denominazione_aggiudicatario',
        'ruolo_soggetto', 'descrizione_ruolo_soggetto', 'forma_giuridica_aggiudicatario', 'descrizione_forma_giuridica_aggiudicatario', 'codice_ateco_aggiudicatario',
        'codice_procedura_utente', 'data_di_estrazione'],
      ...described.map((d, i) => ['', '', d.cup, d.localCode, d.cig, String(5000000000 + i), '00481670586', d.awardee, '8888888802', d.awardee, '', d.awardee, '', '', '2025-03-31']),
    ]);
    writeCsv(join(work, 'indicatori.csv'), [
      ['codice_univoco_submisura', 'descrizione_submisura', 'cup', 'codice_locale_progetto', 'codice_indicatore', 'descrizione_indicatore', 'unita_di_misura',
        'descrizione_unita_di_misura', 'descrizione_tipo_indicatore', 'valore_realizzato', 'valore_programmato', 'mese', 'anno', 'data_di_estrazione'],
      ...described.map((d) => ['', '', d.cup, d.localCode, 'T0001', d.indicator, '12', d.indicator, 'Target', '1,00', '3,00', 'Marzo', '2024', '2025-03-31']),
    ]);
    const dir = buildPackage('hostile', [
      '--region', '09',
      '--projects', join(work, 'progetti.csv'),
      '--localisations', join(work, 'localizzazioni.csv'),
      '--boundaries', join(SOURCES, 'geo/toscana-comuni.topo.json'),
      '--population', join(work, 'comuni.csv'),
      '--awardees', join(work, 'aggiudicatari.csv'),
      '--indicators', join(work, 'indicatori.csv'),
      '--reference-date', '2023-03-01',
    ]);
    writeFileSync(join(dir, 'hostile.json'), `${JSON.stringify(described, null, 1)}\n`);
    return { dir, projects: described };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
