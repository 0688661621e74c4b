/** Words of the embed builder (builder.ts): Italian first, English. */
import type { EmbedKind } from './params.js';

export type BuilderLang = 'it' | 'en';

const FIELDS = {
  it: {
    cup: 'CUP del progetto',
    compact: 'Versione breve',
    'group-by': 'Raggruppa per',
    comune: 'Comune',
    province: 'Provincia',
    mission: 'Missione',
    metric: 'Valore mostrato',
    'per-capita': 'Per abitante',
    theme: 'Colori',
    lang: 'Lingua dell’elemento',
    'heading-level': 'Livello del titolo',
    sort: 'Ordina per',
    q: 'Cerca nel testo',
  },
  en: {
    cup: 'Project CUP',
    compact: 'Short version',
    'group-by': 'Group by',
    comune: 'Comune (municipality)',
    province: 'Province',
    mission: 'Mission',
    metric: 'Value shown',
    'per-capita': 'Per inhabitant',
    theme: 'Colours',
    lang: 'Language of the element',
    'heading-level': 'Heading level',
    sort: 'Sort by',
    q: 'Search text',
  },
} as const;

const HINTS = {
  it: {
    cup: '15 caratteri, es. H91J12000770005.',
    comune: 'Scrivete il nome: compaiono i suggerimenti (maiuscole e accenti non contano).',
    province: 'Nome o sigla numerica ISTAT, es. Firenze.',
    'heading-level': 'Scegliete il livello che segue i titoli della vostra pagina.',
  },
  en: {
    cup: '15 characters, e.g. H91J12000770005.',
    comune: 'Type the name: suggestions appear (case and accents do not matter).',
    province: 'Name or ISTAT code, e.g. Firenze.',
    'heading-level': 'Pick the level that follows your page’s headings.',
  },
} as const;

const OPTIONS = {
  it: {
    'group-by': { mission: 'missione', component: 'componente', measure: 'misura', submeasure: 'sottomisura', province: 'provincia', comune: 'comune', 'implementing-body': 'soggetto attuatore' },
    metric: { pnrr: 'finanziamento PNRR', total: 'finanziamento totale', count: 'numero di progetti', paid: 'pagamenti', 'paid-share': 'quota pagata' },
    sort: { pnrr: 'finanziamento PNRR', total: 'finanziamento totale', 'paid-share': 'quota pagata', title: 'titolo' },
    theme: { auto: 'automatici (come il dispositivo)', light: 'chiari', dark: 'scuri' },
    lang: { it: 'italiano', en: 'inglese' },
    mission: { '': 'tutte' },
  },
  en: {
    'group-by': { mission: 'mission', component: 'component', measure: 'measure', submeasure: 'sub-measure', province: 'province', comune: 'comune', 'implementing-body': 'implementing body' },
    metric: { pnrr: 'PNRR funding', total: 'total funding', count: 'number of projects', paid: 'payments', 'paid-share': 'share paid' },
    sort: { pnrr: 'PNRR funding', total: 'total funding', 'paid-share': 'share paid', title: 'title' },
    theme: { auto: 'automatic (as the device)', light: 'light', dark: 'dark' },
    lang: { it: 'Italian', en: 'English' },
    mission: { '': 'all' },
  },
} as const;

type Options = Record<string, Record<string, string>>;

export const builderMessages = {
  it: {
    heading: 'Costruttore di incorporamenti PNRR Toscana',
    switchTo: 'English',
    intro: 'Scegliete cosa mostrare, controllate l’anteprima e copiate uno dei due codici nella pagina del vostro sito.',
    choose: 'Cosa mostrare',
    element: 'Elemento',
    elementName: (k: EmbedKind) => ({ card: 'Scheda di un progetto', chart: 'Grafico della spesa', map: 'Mappa dei comuni', list: 'Elenco dei progetti' })[k],
    field: (name: string) => (FIELDS.it as Record<string, string>)[name] ?? name,
    hint: (name: string) => (HINTS.it as Record<string, string>)[name] ?? '',
    option: (name: string, value: string) => (OPTIONS.it as Options)[name]?.[value] ?? value,
    invalid: 'Valore non valido: non è usato nei codici.',
    preview: 'Anteprima',
    defaultTitle: 'Dati PNRR Toscana',
    scriptHeading: 'Codice con lo script',
    scriptHelp: 'Per le pagine in cui potete inserire HTML con script. Dentro l’elemento c’è un collegamento che vede chi ha JavaScript disattivato.',
    iframeHeading: 'Codice con l’iframe',
    iframeHelp: 'Per i CMS che tolgono gli script dagli articoli. La riga con pnrr-embed.js (facoltativa) adatta l’altezza dell’iframe al contenuto.',
    openEmbed: 'Apri la vista dell’iframe in una nuova scheda',
    attributionHeading: 'Testo di attribuzione',
    attributionHelp: 'Da pubblicare vicino ai grafici o nelle note del sito (la licenza dei dati lo richiede).',
    attributionText: (data: string, licence: string, url: string, date: string) =>
      `${data} Licenza: ${licence} (${url}). Dati aggiornati al ${date}. Grafici: Open PNRR Toscana Kit.`,
    copy: (what: string) => `Copia: ${what.toLowerCase()}`,
    copied: 'Copiato negli appunti.',
    copyManual: 'Il browser non permette di copiare: il testo è selezionato, premete Ctrl+C (⌘+C su Mac).',
  },
  en: {
    heading: 'PNRR Toscana embed builder',
    switchTo: 'Italiano',
    intro: 'Choose what to show, check the preview and copy one of the two snippets into your site’s page.',
    choose: 'What to show',
    element: 'Element',
    elementName: (k: EmbedKind) => ({ card: 'Project card', chart: 'Spending chart', map: 'Map of the comuni', list: 'Project list' })[k],
    field: (name: string) => (FIELDS.en as Record<string, string>)[name] ?? name,
    hint: (name: string) => (HINTS.en as Record<string, string>)[name] ?? '',
    option: (name: string, value: string) => (OPTIONS.en as Options)[name]?.[value] ?? value,
    invalid: 'Invalid value: left out of the snippets.',
    preview: 'Preview',
    defaultTitle: 'PNRR data, Tuscany',
    scriptHeading: 'Snippet with the script',
    scriptHelp: 'For pages where you may add HTML with scripts. Inside the element, a link is what readers without JavaScript see.',
    iframeHeading: 'Snippet with an iframe',
    iframeHelp: 'For CMSs that strip scripts from articles. The pnrr-embed.js line (optional) makes the iframe as tall as its content.',
    openEmbed: 'Open the iframe view in a new tab',
    attributionHeading: 'Attribution text',
    attributionHelp: 'To publish near the figures or in the site’s notes (the data licence asks for it).',
    attributionText: (data: string, licence: string, url: string, date: string) =>
      `${data} Licence: ${licence} (${url}). Data as of ${date}. Charts: Open PNRR Toscana Kit.`,
    copy: (what: string) => `Copy: ${what.toLowerCase()}`,
    copied: 'Copied to the clipboard.',
    copyManual: 'The browser does not allow copying: the text is selected, press Ctrl+C (⌘+C on a Mac).',
  },
};
