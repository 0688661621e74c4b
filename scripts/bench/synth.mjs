// A synthetic national-size input in the current official layout ("current-2024": `;`, BOM,
// Italian numbers, DD/MM/YYYY, Percentuale di Localizzazione), made from the real validated
// Tuscan rows of 1 March 2023 — the same mapping as packages/sdk/test/fixtures/current-2024/make-fixture.py.
//
// The real rows are copied as many times as needed to reach the target size, each copy with new
// CUPs (so every project is distinct). Like the national file, most copies are localised in other
// regions: 1 copy in TUSCAN_EVERY keeps its Tuscan localisations (plus its rows outside Tuscany),
// the others are relabelled to another region, so a Tuscan build skips them after the first pass.
// Files are written as a stream, one row at a time, honouring back-pressure.
//
// With `related: true` (the `--related` command line default) each copy also carries the rows of
// the real Tuscan tenders/awardees (2023 validated and 2025 files), target-indicator and payment
// files — the same files the embedded Tuscan package is built with — in their own layouts, with
// the copy's new CUPs and local codes, so they join to the copy's projects and the records, the
// tenders files and the cards have the shape of real ones. Rows whose project is not among the
// copied projects are written once (the build skips them, as it does for the real files).
// Clearly synthetic scale data: written to a folder given on the command line, never shipped.
//
//   node scripts/bench/synth.mjs --out <dir> [--scale 1] [--tuscan-every 17] [--no-related]
// writes the CSVs and prints the `pnrr-toscana build` arguments that read them (one JSON line).
import { createWriteStream } from 'node:fs';
import { Buffer } from 'node:buffer';
import { once } from 'node:events';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { SDK, SOURCES, MB } from './lib.mjs';

/** Size of the national files this imitates (PNRR_Progetti.csv ≈ 300 MB, PNRR_Localizzazione.csv ≈ 66 MB). */
export const NATIONAL_PROJECTS_BYTES = 300 * MB;
/** Tuscany holds about 6% of the national projects; 1 copy in 17 stays Tuscan. */
const TUSCAN_EVERY = 17;
const OTHER_REGIONS = ['01', '02', '03', '04', '05', '06', '07', '08', '10', '11', '12', '13', '14', '15', '16', '17', '18', '19', '20'];
const EXTRACTED = '01/03/2023';

const PROJECT_HEADER = 'Programma;Missione;Descrizione Missione;Componente;Descrizione Componente;ID Misura;Codice Univoco Misura;Descrizione Misura;ID Submisura;Codice CID;Codice Univoco Submisura;Descrizione Submisura;Amministrazione Titolare;Codice Identificativo Procedura di Attivazione;Titolo Procedura;Tipologia Procedura di Attivazione;CUP;Codice Locale Progetto;Stato CUP;Stato Avanzamento Progetto;CUP Codice Natura;CUP Descrizione Natura;CUP Codice Tipologia;CUP Descrizione Tipologia;CUP Codice Settore;CUP Descrizione Settore;CUP Codice Sottosettore;CUP Descrizione Sottosettore;CUP Codice Categoria;CUP Descrizione Categoria;Titolo Progetto;Sintesi Progetto;Descrizione Tipo Aiuto;Finanziamento - Stato;Finanziamento Stato - Bilancio;Finanziamento Stato - FOI;Finanziamento Prosecuzione Opere Pubbliche - FPOP;Finanziamento UE (Diverso da PNRR);Finanziamento Regione;Finanziamento Provincia;Finanziamento Comune;Finanziamento Altro Pubblico;Finanziamento Privato;Finanziamento da Reperire;Finanziamento PNRR;Finanziamento PNC;Altri Fondi;Finanziamento Totale;Finanziamento Totale Pubblico;Finanziamento Totale Pubblico Netto;Soggetto Attuatore;Codice Fiscale Soggetto Attuatore;Flag Progetti in Essere;Data Inizio Progetto Prevista;Data Inizio Progetto Effettiva;Data Fine Progetto Prevista;Data Fine Progetto Effettiva;Data di Estrazione;Data Ultima Validazione;Esito Ultima Validazione;Codice Fase Iter di Progetto;Descrizione Fase Iter di Progetto;Stato Fase Iter di Progetto'.split(';');
const LOC_HEADER = 'Codice Univoco Submisura;Descrizione Submisura;CUP;Codice Locale Progetto;Regione;Descrizione Regione;Provincia;Descrizione Provincia;Comune;Descrizione Comune;Indirizzo;CAP;Percentuale di Localizzazione;Data di Estrazione'.split(';');
/** Current-layout column → 2023 column, where the name changed only in case. */
const RENAMED = {
  'Titolo Procedura': 'Titolo procedura', 'Tipologia Procedura di Attivazione': 'Tipologia procedura di attivazione',
  'Codice Identificativo Procedura di Attivazione': 'Codice identificativo Procedura di Attivazione', 'Titolo Progetto': 'Titolo progetto',
  'Sintesi Progetto': 'Sintesi progetto', 'Finanziamento UE (Diverso da PNRR)': 'Finanziamento UE (diverso da PNRR)',
  'Finanziamento da Reperire': 'Finanziamento Da Reperire', 'Altri Fondi': 'Altri fondi', 'Soggetto Attuatore': 'Soggetto attuatore',
  'Codice Fiscale Soggetto Attuatore': 'Codice fiscale soggetto attuatore', 'Flag Progetti in Essere': 'Flag progetti in essere',
};

const csvField = (v, sep = ';') => (v.includes(sep) || /["\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
const csvLine = (fields, sep = ';') => `${fields.map((v) => csvField(v, sep)).join(sep)}\n`;

/**
 * The related files copied with `related` (all comma-separated, as published): output name, source
 * (relative to data/sources/pnrr-toscana), role (the build's option) and the CUP / local code columns.
 */
const RELATED = [
  { name: 'PNRR_Gare_Aggiudicatari_2023.csv', source: 'regis-2023-03-01/gare_aggiudicatari_validati_toscana.csv', role: 'awardees', cup: 'CUP', clp: 'Codice Locale Progetto' },
  { name: 'PNRR_Aggiudicatari_Gare.csv', source: 'regis-2025-03-31/aggiudicatari_gare_toscana.csv', role: 'awardees', cup: 'cup', clp: 'codice_locale_progetto' },
  { name: 'PNRR_Indicatori_Target.csv', source: 'regis-2025-03-31/indicatori_target_toscana.csv', role: 'indicators', cup: 'cup', clp: 'codice_locale_progetto' },
  { name: 'PNRR_Pagamenti_di_Progetto.csv', source: 'regis-2025-03-31/pagamenti_di_progetto_toscana.csv', role: 'payments', cup: 'cup', clp: 'codice_locale_progetto' },
];

/** 2023 amount "222485840.5" → Italian "222.485.840,50". */
function italian(v) {
  if (v === '') return '';
  const negative = v.startsWith('-');
  const [int, dec = ''] = v.replace(/^-/, '').split('.');
  return `${negative ? '-' : ''}${BigInt(int).toString().replace(/\B(?=(\d{3})+(?!\d))/g, '.')},${(dec + '00').slice(0, 2)}`;
}
const dmy = (iso) => (/^\d{4}-\d{2}-\d{2}$/.test(iso) ? `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` : 'N/A');

async function readRows(path) {
  const { header, records } = await readTable(path);
  return records.map((r) => Object.fromEntries(header.map((name, i) => [name, r[i]])));
}

/** A CSV as read by the SDK's reader: its header and its records (arrays of cells). */
async function readTable(path) {
  const { readCsv } = await import(pathToFileURL(join(SDK, 'dist', 'ingest', 'index.js')).href);
  let header = [];
  const records = [];
  await readCsv(path, { onHeader: (h) => (header = h), onRecord: (r) => records.push(r), onReject: () => {} });
  return { header, records };
}

/** Writes a line, waiting for the stream to drain when its buffer is full. */
async function put(stream, line) {
  if (!stream.write(line)) await once(stream, 'drain');
}

async function close(stream) {
  stream.end();
  await once(stream, 'finish');
}

/**
 * Writes PNRR_Progetti.csv and PNRR_Localizzazione.csv into `dir`, with about
 * `scale` × NATIONAL_PROJECTS_BYTES of projects (whole copies of the Tuscan rows).
 * `tuscanEvery`: 1 copy in this many stays in Tuscany (default TUSCAN_EVERY; 1 = every copy,
 * so that a Tuscan build keeps every project, as an all-Italy build does).
 */
export async function makeNational(dir, scale, { tuscanEvery = TUSCAN_EVERY, related = false } = {}) {
  const base = join(SOURCES, 'pnrr-toscana', 'regis-2023-03-01');
  const projects = await readRows(join(base, 'progetti_validati_toscana.csv'));
  const inside = await readRows(join(base, 'localizzazioni_validate_toscana.csv'));
  const outside = await readRows(join(base, 'localizzazioni_validate_fuori_toscana.csv'));
  const keyOf = (r) => `${r['CUP']}\u0000${r['Codice Locale Progetto']}`;
  const insideBy = groupBy(inside, keyOf);
  const outsideBy = groupBy(outside, keyOf);
  const cupIndex = new Map();
  for (const p of projects) if (!cupIndex.has(p['CUP'])) cupIndex.set(p['CUP'], cupIndex.size);
  // The copy's CUP and local code of an original pair (the same rule for projects and related rows).
  const newCupOf = (cup, copy) => (copy === 0 ? cup : cup.slice(0, 5) + (copy * 65536 + cupIndex.get(cup)).toString(36).toUpperCase().padStart(10, '0'));
  const newClpOf = (clp, cup, newCup, copy) => (copy === 0 ? clp : clp === cup ? newCup : `${clp}-${copy}`);
  const relatedFiles = [];
  for (const r of related ? RELATED : []) {
    const { header, records } = await readTable(join(SOURCES, 'pnrr-toscana', r.source));
    const path = join(dir, r.name);
    const out = createWriteStream(path);
    const file = { ...r, path, header, records, out, bytes: 0, rows: 0, cupAt: header.indexOf(r.cup), clpAt: header.indexOf(r.clp) };
    if (file.cupAt < 0 || file.clpAt < 0) throw new Error(`${r.source}: no ${r.cup} / ${r.clp} column`);
    file.emit = async (line) => {
      file.bytes += Buffer.byteLength(line);
      await put(out, line);
    };
    await file.emit(csvLine(header, ','));
    relatedFiles.push(file);
  }

  const projectsPath = join(dir, 'PNRR_Progetti.csv');
  const localisationsPath = join(dir, 'PNRR_Localizzazione.csv');
  const pOut = createWriteStream(projectsPath);
  const lOut = createWriteStream(localisationsPath);
  let projectBytes = 0;
  let localisationBytes = 0;
  const written = { projects: 0, localisations: 0, copies: 0, tuscanCopies: 0 };
  const emitP = async (line) => {
    projectBytes += Buffer.byteLength(line);
    await put(pOut, line);
  };
  const emitL = async (line) => {
    localisationBytes += Buffer.byteLength(line);
    await put(lOut, line);
  };
  await emitP(`\uFEFF${csvLine(PROJECT_HEADER)}`);
  await emitL(`\uFEFF${csvLine(LOC_HEADER)}`);

  const target = scale * NATIONAL_PROJECTS_BYTES;
  for (let copy = 0; copy === 0 || projectBytes < target; copy++) {
    const tuscan = copy % tuscanEvery === 0;
    const region = tuscan ? '09' : OTHER_REGIONS[copy % OTHER_REGIONS.length];
    written.copies++;
    if (tuscan) written.tuscanCopies++;
    for (const p of projects) {
      const cup = p['CUP'];
      if (copy > 0 && !/^[A-Z0-9]{15}$/.test(cup)) continue; // an invalid key is copied once, not multiplied
      // New CUP per copy: same first 5 characters, then (copy, index of the CUP) in base 36; unique by construction.
      const newCup = newCupOf(cup, copy);
      const clp = p['Codice Locale Progetto'];
      const newClp = newClpOf(clp, cup, newCup, copy);
      const row = PROJECT_HEADER.map((h) => {
        const src = RENAMED[h] ?? h;
        if (h === 'CUP') return newCup;
        if (h === 'Codice Locale Progetto') return newClp;
        if (h === 'Stato Avanzamento Progetto' || h.startsWith('Data Inizio') || h.startsWith('Data Fine') || h.startsWith('Esito') || h.includes('Fase Iter')) return 'N/A';
        if (h === 'Finanziamento Stato - Bilancio' || h === 'Finanziamento Stato - FOI' || h === 'Finanziamento Prosecuzione Opere Pubbliche - FPOP') return '0,00';
        if (h === 'Data di Estrazione') return EXTRACTED;
        if (h === 'Data Ultima Validazione') return dmy(p['Data aggiornamento'] ?? '');
        if (h.startsWith('Finanziamento') || h === 'Altri Fondi') return italian(p[src] ?? '');
        return p[src] ?? '';
      });
      await emitP(csvLine(row));
      written.projects++;

      const key = keyOf(p);
      const locs = tuscan ? [...(insideBy.get(key) ?? []), ...(outsideBy.get(key) ?? [])] : (insideBy.get(key) ?? []);
      // Percentages in hundredths that add up to exactly 100,00 (the first row takes the remainder).
      const each = Math.floor(10000 / Math.max(1, locs.length));
      for (const [i, l] of locs.entries()) {
        const hundredths = i === 0 ? 10000 - each * (locs.length - 1) : each;
        const relabel = !tuscan;
        await emitL(csvLine([
          l['Codice Univoco Submisura'], l['Descrizione Submisura'], newCup, newClp,
          relabel ? region : l['Codice Regione'], relabel ? `REGIONE ${region}` : l['Descrizione Regione'],
          l['Codice Provincia'], l['Descrizione Provincia'], l['Codice Comune'], l['Descrizione Comune'], l['Indirizzo'], l['Cap'],
          `${Math.floor(hundredths / 100)},${String(hundredths % 100).padStart(2, '0')}`, EXTRACTED,
        ]));
        written.localisations++;
      }
    }
    // The copy's tenders, indicators and payments: the real rows with the copy's keys.
    for (const f of relatedFiles) {
      for (const record of f.records) {
        const cup = record[f.cupAt];
        if (copy > 0 && !(cupIndex.has(cup) && /^[A-Z0-9]{15}$/.test(cup))) continue; // not a copied project: written once
        const out = [...record];
        out[f.cupAt] = newCupOf(cup, copy);
        out[f.clpAt] = newClpOf(record[f.clpAt], cup, out[f.cupAt], copy);
        await f.emit(csvLine(out, ','));
        f.rows++;
      }
    }
  }
  await close(pOut);
  await close(lOut);
  const relatedOut = [];
  for (const f of relatedFiles) {
    await close(f.out);
    relatedOut.push({ role: f.role, path: f.path, bytes: f.bytes, rows: f.rows });
  }
  return { projectsPath, localisationsPath, projectBytes, localisationBytes, related: relatedOut, ...written };
}

/** The `pnrr-toscana build` arguments that read what makeNational wrote (without --region and --out). */
export function buildArguments(made) {
  const args = ['--projects', made.projectsPath, '--localisations', made.localisationsPath];
  for (const f of made.related) args.push(`--${f.role}`, f.path);
  args.push('--boundaries', join(SOURCES, 'geo', 'toscana-comuni.topo.json'), '--population', join(SOURCES, 'geo', 'toscana-comuni.csv'));
  return args;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: { out: { type: 'string' }, scale: { type: 'string' }, 'tuscan-every': { type: 'string' }, 'no-related': { type: 'boolean' } },
  });
  if (!values.out) {
    console.error('usage: node scripts/bench/synth.mjs --out <dir> [--scale 1] [--tuscan-every 17] [--no-related]');
    process.exit(2);
  }
  const dir = resolve(values.out);
  await mkdir(dir, { recursive: true });
  const made = await makeNational(dir, Number(values.scale ?? '1'), {
    tuscanEvery: Number(values['tuscan-every'] ?? TUSCAN_EVERY),
    related: !values['no-related'],
  });
  process.stderr.write(`synthetic input in ${dir}: ${made.copies} copies (${made.tuscanCopies} Tuscan), ${made.projects} projects, ${made.localisations} localisations${made.related.map((f) => `, ${f.rows} ${f.role} rows`).join('')}\n`);
  console.log(JSON.stringify({ ...made, buildArguments: buildArguments(made) }));
}

function groupBy(rows, keyOf) {
  const map = new Map();
  for (const r of rows) {
    const k = keyOf(r);
    const list = map.get(k);
    if (list) list.push(r);
    else map.set(k, [r]);
  }
  return map;
}
