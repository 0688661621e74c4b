// The SDK in a page without a bundler: the one-file browser build, reading the embedded data package.
import { createClient, InvalidArgumentError, NotFoundError } from '../sdk/dist/browser/pnrr-sdk.js';

const client = createClient();
const euro = new Intl.NumberFormat('it-IT', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 });
const euroCents = new Intl.NumberFormat('it-IT', { style: 'currency', currency: 'EUR', maximumFractionDigits: 2 });
const integer = new Intl.NumberFormat('it-IT');
const $ = (id) => document.getElementById(id);

/** What the user reads when a call fails: the SDK's error classes say whose fault it is. */
function explain(error) {
  if (error instanceof InvalidArgumentError) return `Valore non valido per «${error.argument}»: ${error.message}`;
  if (error instanceof NotFoundError) return `Non trovato nei dati: ${error.message}`;
  return `Errore nel leggere i dati (${error.name}): ${error.message}`;
}

function showError(target, error) {
  const p = document.createElement('p');
  p.className = 'error';
  p.dataset.error = error.name;
  p.textContent = explain(error);
  target.replaceChildren(p);
}

/** Adds a row of cells to a table body; the first cell is a row header. */
function addRow(body, cells) {
  const tr = body.insertRow();
  cells.forEach((text, i) => {
    const cell = document.createElement(i === 0 ? 'th' : 'td');
    if (i === 0) cell.scope = 'row';
    cell.textContent = text;
    tr.append(cell);
  });
}

// 1. project(): one project by CUP.
async function showProject(cup) {
  const out = $('progetto');
  out.textContent = 'Caricamento…';
  try {
    const p = await client.project(cup);
    const dl = document.createElement('dl');
    for (const [term, value] of [
      ['Titolo', p.title.split('*')[0]],
      ['Missione', `${p.mission.code} – ${p.mission.name}`],
      ['Soggetto attuatore', p.implementingBody.name],
      ['Finanziamento PNRR', euro.format(p.funding.pnrrCents / 100)], // amounts are stored in cents
      ['Luoghi', p.localisations.map((l) => l.comuneName ?? l.provinceName ?? l.regionName).join(', ')],
      ['Progetti locali con questo CUP', p.localCodes.join(', ')],
    ]) {
      const dt = document.createElement('dt');
      dt.textContent = term;
      const dd = document.createElement('dd');
      dd.textContent = value;
      dl.append(dt, dd);
    }
    out.replaceChildren(dl);
  } catch (error) {
    showError(out, error);
  }
}

$('form-progetto').addEventListener('submit', (event) => {
  event.preventDefault();
  void showProject($('cup').value);
});
for (const button of document.querySelectorAll('[data-cup]')) {
  button.addEventListener('click', () => {
    $('cup').value = button.dataset.cup;
    void showProject(button.dataset.cup);
  });
}

// 2. projects(): text search, page by page.
const PAGE = 10;
/** The current search, read from the form (so the first page matches what the inputs show). */
const fromForm = () => ({ text: $('testo').value.trim(), comune: $('comune').value.trim(), offset: 0 });
let search = fromForm();

async function showProjects() {
  const status = $('ricerca-stato');
  const table = $('risultati');
  status.textContent = 'Ricerca…';
  try {
    const query = { text: search.text || undefined, comune: search.comune || undefined, limit: PAGE, offset: search.offset };
    const page = await client.projects(query);
    const body = table.tBodies[0];
    body.replaceChildren();
    for (const item of page.items) addRow(body, [item.cup, item.title.split('*')[0], euro.format(item.pnrrCents / 100)]);
    table.hidden = page.items.length === 0;
    status.textContent =
      page.total === 0
        ? 'Nessun progetto trovato.'
        : `Progetti ${integer.format(page.offset + 1)}–${integer.format(page.offset + page.items.length)} di ${integer.format(page.total)}`;
    $('prec').disabled = page.offset === 0;
    $('succ').disabled = page.offset + page.items.length >= page.total;
  } catch (error) {
    table.hidden = true;
    $('prec').disabled = $('succ').disabled = true;
    showError(status, error);
  }
}

$('form-ricerca').addEventListener('submit', (event) => {
  event.preventDefault();
  search = fromForm();
  void showProjects();
});
$('prec').addEventListener('click', () => {
  search.offset = Math.max(0, search.offset - PAGE);
  void showProjects();
});
$('succ').addEventListener('click', () => {
  search.offset += PAGE;
  void showProjects();
});

// 3. spending(): euro per inhabitant by province.
async function showPerCapita() {
  const status = $('pro-capite-stato');
  try {
    const rows = await client.spending({ groupBy: 'province', metric: 'pnrr', perCapita: true });
    const body = $('pro-capite').tBodies[0];
    for (const row of rows) {
      const name = row.kind === 'region-wide' ? 'Progetti di tutta la regione (per toscano)' : row.label;
      addRow(body, [name, integer.format(row.population), euro.format(row.amount), euroCents.format(row.value)]);
    }
    $('pro-capite').hidden = false;
    status.textContent = '';
  } catch (error) {
    showError(status, error);
  }
}

await Promise.all([showProject($('cup').value), showProjects(), showPerCapita()]);
document.body.dataset.ready = 'true'; // lets the examples' browser test know the first answers are shown
