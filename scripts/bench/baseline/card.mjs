// Baseline card: one project by CUP (?cup=…) with what the kit's card shows: its places, funding
// sources, payments, tenders with their awardees and its target indicators, from the raw CSVs.
/* global performance, location, URLSearchParams -- a page's module */
import { csv, euros, projectKey } from './data.mjs';

const SOURCES = ['Finanziamento PNRR', 'Finanziamento PNC', 'Finanziamento - Stato', 'Finanziamento UE (diverso da PNRR)', 'Finanziamento Regione', 'Finanziamento Provincia', 'Finanziamento Comune', 'Finanziamento Altro Pubblico', 'Finanziamento Privato', 'Finanziamento Da Reperire', 'Altri fondi'];

async function main() {
  const cup = new URLSearchParams(location.search).get('cup');
  const [projects, inside, outside, payments, tenders, awardees, indicators] = await Promise.all([
    csv('progetti_validati_toscana.csv'),
    csv('localizzazioni_validate_toscana.csv'),
    csv('localizzazioni_validate_fuori_toscana.csv'),
    csv('pagamenti_di_progetto_toscana.csv'),
    csv('gare_aggiudicatari_validati_toscana.csv'),
    csv('aggiudicatari_gare_toscana.csv'),
    csv('indicatori_target_toscana.csv'),
  ]);
  const p = projects.find((r) => r.CUP === cup);
  const places = [...inside, ...outside].filter((l) => projectKey(l) === projectKey(p)).map((l) => l['Descrizione Comune']);
  const same = (r) => r.cup === p.CUP && r.codice_locale_progetto === p['Codice Locale Progetto'];
  const paid = payments.find(same);
  const itNumber = (t) => Number(t.replace(/\./g, '').replace(',', '.'));
  const shown = {
    title: p['Titolo progetto'],
    cup: p.CUP,
    mission: p['Descrizione Missione'],
    component: p['Descrizione Componente'],
    measure: p['Descrizione Misura'],
    body: p['Soggetto attuatore'],
    places,
    total: Number(p['Finanziamento Totale']),
    sources: SOURCES.map((s) => [s, Number(p[s])]).filter(([, v]) => v > 0),
    financed2025: paid ? Number(paid.finanziamento_totale) : null,
    financedPnrr2025: paid ? Number(paid.finanziamento_pnrr) : null,
    paid: paid ? Number(paid.pagamenti_totali) : null,
    paidPnrr: paid ? Number(paid.pagamenti_totali_pnrr) : null,
    tenders: tenders
      .filter((t) => projectKey(t) === projectKey(p))
      .map((t) => ({
        cig: t.CIG,
        subject: t['Oggetto Gara'],
        kind: t['Oggetto principale del contratto'],
        procedure: t['Descrizione procedura di aggiudicazione'],
        base: Number(t['Importo complessivo gara']),
        awardees: awardees.filter((a) => same(a) && a.cig === t.CIG).map((a) => [a.denominazione_aggiudicatario, a.descrizione_ruolo_soggetto, a.descrizione_forma_giuridica_aggiudicatario]),
      })),
    indicators: indicators.filter(same).map((i) => [i.descrizione_indicatore, itNumber(i.valore_realizzato), itNumber(i.valore_programmato), i.descrizione_unita_di_misura]),
  };
  const card = document.getElementById('card');
  const h2 = (t) => Object.assign(document.createElement('h2'), { textContent: t });
  const para = (t) => Object.assign(document.createElement('p'), { textContent: t });
  card.replaceChildren(
    para(`${shown.mission} › ${shown.component} › ${shown.measure}`),
    h2(shown.title),
    para(`CUP ${shown.cup} · ${shown.body}`),
    para(`Luoghi: ${shown.places.join(', ')}`),
    para(`Finanziamento totale ${euros(shown.total)}`),
    ...shown.sources.map(([s, v]) => para(`${s}: ${euros(v)}`)),
    para(shown.paid === null ? 'Pagamenti: nessun dato' : `Pagato ${euros(shown.paid)} su ${euros(shown.financed2025)} (PNRR ${euros(shown.paidPnrr)} su ${euros(shown.financedPnrr2025)})`),
    h2('Gare e aggiudicatari'),
    ...shown.tenders.map((t) => para(`CIG ${t.cig} · ${t.kind} · ${t.procedure} · base di gara ${euros(t.base)} · ${t.subject} · ${t.awardees.map((a) => a.join(', ')).join('; ')}`)),
    h2('Obiettivi'),
    ...shown.indicators.map(([name, done, target, unit]) => para(`${name}: ${done} su ${target} ${unit}`)),
  );
  card.setAttribute('aria-busy', 'false');
  window.__benchShown = shown;
  return performance.now();
}

window.__benchRendered = main();
