/**
 * The embed builder (builder.html, pnrr-builder.js in the CDN folder): a form
 * to choose an element and its attributes, with places picked by name, a live
 * preview, the two snippets (script + element with its no-JS fallback; iframe
 * + host script) with copy buttons, and the attribution text to publish.
 * Italian first, English switch. Renders into `#pnrr-builder` (or `<main>`), so
 * another page (the examples' demo) can host it with one script tag.
 *
 * The snippets' URLs are this script's folder: the builder served from a
 * site's own copy of the CDN folder gives snippets for that copy.
 * Everything a field holds is bound as text by lit and escaped in the
 * snippets (snippets.ts); only values embed.html accepts (params.ts) are used.
 */
import { html, nothing, render, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { createClient, type Manifest, type Place } from '@pnrr-toscana/sdk';
import { ATTRIBUTES, TAGS, type EmbedKind } from './params.js';
import { embedUrl, iframeSnippet, plainText, scriptSnippet, validAttributes, type EmbedChoice } from './snippets.js';
import { date } from '../format.js';
import { builderMessages, type BuilderLang } from './builder-messages.js';

// A variable, not a literal, so the bundler does not try to resolve the folder as an asset.
const HERE = './';
const BASE = new URL(HERE, import.meta.url);
const client = createClient({ baseUrl: new URL('data/toscana/', BASE) });

/** A form field: its attribute name and control. */
type Field =
  | { name: string; control: 'text'; place?: 'comune' | 'province' }
  | { name: string; control: 'select'; options: readonly string[] }
  | { name: string; control: 'flag' };

const COMMON: Field[] = [
  { name: 'theme', control: 'select', options: ['auto', 'light', 'dark'] },
  { name: 'lang', control: 'select', options: ['it', 'en'] },
  { name: 'heading-level', control: 'select', options: ['1', '2', '3', '4', '5', '6'] },
];
const FIGURE: Field[] = [
  { name: 'province', control: 'text', place: 'province' },
  { name: 'mission', control: 'select', options: ['', 'M1', 'M2', 'M3', 'M4', 'M5', 'M6', 'M7'] },
  { name: 'metric', control: 'select', options: ['pnrr', 'total', 'count', 'paid', 'paid-share'] },
  { name: 'per-capita', control: 'flag' },
];

/**
 * The elements the builder offers, with their fields and starting values. A
 * new element is one entry here (and its tag and rules in params.ts).
 */
const ELEMENTS: Record<EmbedKind, { fields: Field[]; start: Record<string, string> }> = {
  card: {
    fields: [{ name: 'cup', control: 'text' }, { name: 'compact', control: 'flag' }, ...COMMON],
    start: { cup: 'H91J12000770005' },
  },
  chart: {
    fields: [
      { name: 'group-by', control: 'select', options: ['mission', 'component', 'measure', 'submeasure', 'province', 'comune', 'implementing-body'] },
      { name: 'comune', control: 'text', place: 'comune' },
      ...FIGURE,
      ...COMMON,
    ],
    start: { 'group-by': 'mission', comune: 'Prato' },
  },
  map: { fields: [...FIGURE, ...COMMON], start: {} },
  list: {
    fields: [
      { name: 'comune', control: 'text', place: 'comune' },
      { name: 'province', control: 'text', place: 'province' },
      { name: 'mission', control: 'select', options: ['', 'M1', 'M2', 'M3', 'M4', 'M5', 'M6', 'M7'] },
      { name: 'sort', control: 'select', options: ['pnrr', 'total', 'paid-share', 'title'] },
      { name: 'q', control: 'text' },
      ...COMMON,
    ],
    start: { comune: 'Prato' },
  },
};

/** Values written by default (not worth an attribute). */
const DEFAULTS: Record<string, string> = { theme: 'auto', lang: 'it', 'heading-level': '3', metric: 'pnrr', 'group-by': 'mission', sort: 'pnrr' };

const params = new URLSearchParams(location.search);
let ui: BuilderLang = params.get('lang') === 'en' ? 'en' : 'it';
let kind: EmbedKind = 'chart';
/** Field values per element: switching back keeps what was typed. */
const values: Record<EmbedKind, Record<string, string>> = {
  card: { ...ELEMENTS.card.start }, chart: { ...ELEMENTS.chart.start }, map: { ...ELEMENTS.map.start }, list: { ...ELEMENTS.list.start },
};
let title = '';
let status = '';
let manifest: Manifest | undefined;
const suggestions: Record<'comune' | 'province', Place[]> = { comune: [], province: [] };

const root = document.getElementById('pnrr-builder') ?? document.querySelector('main') ?? document.body;

/** The attributes chosen now (defaults left out), as the snippets and the preview use them. */
function chosen(): Array<[string, string]> {
  const v = values[kind];
  const out: Array<[string, string]> = [];
  for (const field of ELEMENTS[kind].fields) {
    const value = (v[field.name] ?? '').trim();
    if (field.control === 'flag') {
      if (value === 'true') out.push([field.name, '']);
    } else if (value !== '' && DEFAULTS[field.name] !== value) out.push([field.name, value]);
  }
  return out;
}

/** Fields whose value embed.html would refuse (shown as an error and left out of the snippets). */
function invalidFields(): string[] {
  const rules = ATTRIBUTES[kind];
  return chosen()
    .filter(([name, value]) => !rules[name]![0](value))
    .map(([name]) => name);
}

function choice(): EmbedChoice {
  return { kind, attributes: chosen(), title: title || builderMessages[ui].defaultTitle };
}

function attribution(): string {
  const t = builderMessages[ui];
  return manifest ? t.attributionText(plainText(manifest.attribution.data), manifest.licence.name, manifest.licence.url, date(manifest.referenceDate, ui)) : '';
}

// ------------------------------------------------------------------ preview

let preview: HTMLElement | undefined;

/** The preview element, with exactly the attributes of the snippets. */
function updatePreview(): void {
  const box = root.querySelector<HTMLElement>('.preview');
  if (!box) return;
  const tag = TAGS[kind];
  if (preview?.localName !== tag) {
    preview?.remove();
    preview = document.createElement(tag);
    preview.addEventListener('pnrr-load', readTitle);
    preview.addEventListener('pnrr-error', readTitle);
    box.append(preview);
    title = '';
  }
  const want = new Map(validAttributes({ kind, attributes: chosen() }));
  for (const name of preview.getAttributeNames()) if (!want.has(name)) preview.removeAttribute(name);
  for (const [name, value] of want) if (preview.getAttribute(name) !== value) preview.setAttribute(name, value);
}

/** The preview's title (its heading), once it has loaded: the fallback link's text and the iframe's title. */
function readTitle(): void {
  void (preview as (HTMLElement & { updateComplete?: Promise<unknown> }) | undefined)?.updateComplete?.then(() => {
    const heading = preview?.shadowRoot?.querySelector('[part~="title"]');
    const next = heading ? plainText(heading.textContent ?? '') : '';
    if (next !== title) {
      title = next;
      update();
    }
  });
}

// ------------------------------------------------------------------ places

let placeRequest = 0;
async function suggest(kindOfPlace: 'comune' | 'province', q: string): Promise<void> {
  const request = ++placeRequest;
  try {
    const found = q.trim() === '' ? [] : await client.places({ q, kind: kindOfPlace, limit: 8 });
    if (request !== placeRequest) return;
    suggestions[kindOfPlace] = found;
  } catch {
    suggestions[kindOfPlace] = [];
  }
  update();
}

// ------------------------------------------------------------------ copy

async function copy(id: string): Promise<void> {
  const t = builderMessages[ui];
  const area = root.querySelector<HTMLTextAreaElement>(`#${id}`)!;
  try {
    await navigator.clipboard.writeText(area.value);
    status = t.copied;
  } catch {
    // No clipboard (an insecure origin, a denied permission): the text is selected for Ctrl+C.
    area.focus();
    area.select();
    status = t.copyManual;
  }
  update();
}

// ------------------------------------------------------------------ the form

function set(name: string, value: string): void {
  values[kind][name] = value;
  status = '';
  update();
}

function fieldTemplate(field: Field, invalid: ReadonlySet<string>): TemplateResult {
  const t = builderMessages[ui];
  const id = `f-${field.name}`;
  const value = values[kind][field.name] ?? '';
  const label = t.field(field.name);
  const hint = t.hint(field.name);
  const error = invalid.has(field.name) ? t.invalid : '';
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || nothing;
  const after = html`${hint ? html`<p class="hint" id="${id}-hint">${hint}</p>` : nothing}${error ? html`<p class="error" id="${id}-error">${error}</p>` : nothing}`;
  if (field.control === 'flag') {
    return html`<div class="field flag">
      <input type="checkbox" id=${id} .checked=${live(value === 'true')} aria-describedby=${describedBy} @change=${(e: Event) => set(field.name, (e.target as HTMLInputElement).checked ? 'true' : '')} />
      <label for=${id}>${label}</label>${after}
    </div>`;
  }
  if (field.control === 'select') {
    const current = value || DEFAULTS[field.name] || '';
    return html`<div class="field">
      <label for=${id}>${label}</label>
      <select id=${id} aria-describedby=${describedBy} @change=${(e: Event) => set(field.name, (e.target as HTMLSelectElement).value)}>
        ${field.options.map((o) => html`<option value=${o} ?selected=${o === current}>${t.option(field.name, o)}</option>`)}
      </select>${after}
    </div>`;
  }
  const list = field.place ? `${id}-list` : undefined;
  return html`<div class="field">
    <label for=${id}>${label}</label>
    <input
      type="text"
      id=${id}
      .value=${live(value)}
      autocomplete="off"
      spellcheck="false"
      maxlength="200"
      list=${list ?? nothing}
      aria-invalid=${error ? 'true' : 'false'}
      aria-describedby=${describedBy}
      @input=${(e: Event) => {
        const v = (e.target as HTMLInputElement).value;
        set(field.name, v);
        if (field.place) void suggest(field.place, v);
      }}
    />
    ${field.place ? html`<datalist id=${list!}>${suggestions[field.place].map((p) => html`<option value=${p.name}>${p.code}</option>`)}</datalist>` : nothing}
    ${after}
  </div>`;
}

function template(): TemplateResult {
  const t = builderMessages[ui];
  const invalid = new Set(invalidFields());
  const c = choice();
  const url = embedUrl(BASE, c);
  return html`
    <header class="top">
      <h1>${t.heading}</h1>
      <button type="button" class="switch" lang=${ui === 'it' ? 'en' : 'it'} @click=${() => switchLanguage()}>${t.switchTo}</button>
    </header>
    <p>${t.intro}</p>
    <div class="layout">
      <form class="form" @submit=${(e: Event) => e.preventDefault()} aria-labelledby="form-heading">
        <h2 id="form-heading">${t.choose}</h2>
        <fieldset>
          <legend>${t.element}</legend>
          ${(Object.keys(ELEMENTS) as EmbedKind[]).map(
            (k) => html`<div class="field flag">
              <input type="radio" name="el" id="el-${k}" value=${k} .checked=${live(k === kind)} @change=${() => switchElement(k)} />
              <label for="el-${k}">${t.elementName(k)}</label>
            </div>`,
          )}
        </fieldset>
        ${ELEMENTS[kind].fields.map((f) => fieldTemplate(f, invalid))}
      </form>
      <section class="preview-section" aria-labelledby="preview-heading">
        <h2 id="preview-heading">${t.preview}</h2>
        <div class="preview"></div>
      </section>
    </div>
    <section aria-labelledby="script-heading">
      <h2 id="script-heading">${t.scriptHeading}</h2>
      <p>${t.scriptHelp}</p>
      <textarea id="snippet-script" readonly rows="6" aria-labelledby="script-heading" spellcheck="false" .value=${live(scriptSnippet(BASE, c))}></textarea>
      <button type="button" @click=${() => copy('snippet-script')}>${t.copy(t.scriptHeading)}</button>
    </section>
    <section aria-labelledby="iframe-heading">
      <h2 id="iframe-heading">${t.iframeHeading}</h2>
      <p>${t.iframeHelp}</p>
      <textarea id="snippet-iframe" readonly rows="6" aria-labelledby="iframe-heading" spellcheck="false" .value=${live(iframeSnippet(BASE, c))}></textarea>
      <button type="button" @click=${() => copy('snippet-iframe')}>${t.copy(t.iframeHeading)}</button>
      <p><a href=${url} target="_blank" rel="noopener">${t.openEmbed}</a></p>
    </section>
    <section aria-labelledby="attribution-heading">
      <h2 id="attribution-heading">${t.attributionHeading}</h2>
      <p>${t.attributionHelp}</p>
      <textarea id="snippet-attribution" readonly rows="3" aria-labelledby="attribution-heading" .value=${live(attribution())}></textarea>
      <button type="button" @click=${() => copy('snippet-attribution')}>${t.copy(t.attributionHeading)}</button>
    </section>
    <p class="status" role="status">${status}</p>
  `;
}

function switchElement(next: EmbedKind): void {
  kind = next;
  title = '';
  status = '';
  update();
}

function switchLanguage(): void {
  ui = ui === 'it' ? 'en' : 'it';
  document.documentElement.lang = ui;
  document.title = builderMessages[ui].heading;
  update();
  root.querySelector<HTMLButtonElement>('.switch')?.focus();
}

function update(): void {
  render(template(), root);
  updatePreview();
}

document.documentElement.lang = ui;
document.title = builderMessages[ui].heading;
update();
void client.manifest().then((m) => {
  manifest = m;
  update();
});
// The elements, from the bundle beside this script (a variable: the bundler leaves it alone).
const BUNDLE = 'pnrr-widgets.js';
void import(/* @vite-ignore */ new URL(BUNDLE, BASE).href);
