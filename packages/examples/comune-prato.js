// The introduction's figures on comune-prato.html, computed when the page loads by the SDK's browser build
// from the same data package the elements read (the CDN folder's copy), so they always match the list below:
// the comune's projects, the PNRR and total funding attributed to the comune (a project in several comuni
// counts for its share), the data date and the data's attribution line. Nothing here is written by hand.
import { createClient } from '../sdk/dist/browser/pnrr-sdk.js';

const COMUNE = '100005'; // Prato, ISTAT code (the SDK also takes the name "Prato")
const client = createClient({ baseUrl: new URL('../widgets/dist/cdn/data/toscana/', document.baseURI).href });

const euro = new Intl.NumberFormat('it-IT', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 });
const integer = new Intl.NumberFormat('it-IT');
const day = new Intl.DateTimeFormat('it-IT', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** Writes a figure: its text, and its exact value in data-value (the test reads it). */
function show(id, text, value) {
  const dd = document.getElementById(id);
  dd.textContent = text;
  dd.dataset.value = String(value);
}

try {
  const [manifest, page] = await Promise.all([client.manifest(), client.projects({ comune: COMUNE, limit: 1000 })]);
  let pnrrCents = 0;
  let totalCents = 0;
  for (const item of page.items) {
    pnrrCents += item.areaPnrrCents ?? item.pnrrCents;
    totalCents += item.areaTotalCents ?? item.totalCents;
  }
  show('cifra-progetti', integer.format(page.total), page.total);
  show('cifra-pnrr', euro.format(pnrrCents / 100), pnrrCents);
  show('cifra-totale', euro.format(totalCents / 100), totalCents);
  const date = document.getElementById('data-dati');
  date.dateTime = manifest.referenceDate;
  date.textContent = day.format(new Date(manifest.referenceDate));
  document.getElementById('fonte-dati').textContent = manifest.attribution.data;
  document.getElementById('cifre').dataset.state = 'ready';
} catch (error) {
  for (const id of ['cifra-progetti', 'cifra-pnrr', 'cifra-totale']) document.getElementById(id).textContent = 'non disponibile';
  document.getElementById('cifre').dataset.state = 'error';
  console.warn('PNRR figures not available:', error);
}
