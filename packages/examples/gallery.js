// Fills each example's code block with the code the example really runs, so the two can never drift:
// - <code data-snippet="live">: the HTML of the nearest `.live` block of the same `.example`, read
//   before the widgets upgrade the elements (this module is included before the widgets' script);
// - <code data-snippet="file:NAME">: the text of NAME (a script or stylesheet of this page), fetched.

/** Removes the indentation shared by every non-blank line, and blank lines at both ends. */
function dedent(text) {
  const lines = text.replace(/^\s*\n/, '').replace(/\s+$/, '').split('\n');
  const indents = lines.filter((l) => l.trim()).map((l) => l.match(/^ */)[0].length);
  const cut = Math.min(...indents);
  return lines.map((l) => l.slice(cut)).join('\n');
}

/** Boolean attributes are serialised as `compact=""`; show them as written in the page. */
const tidy = (html) => html.replace(/ ([a-z-]+)=""/g, ' $1');

for (const code of document.querySelectorAll('code[data-snippet="live"]')) {
  const live = code.closest('.example')?.querySelector('.live');
  code.textContent = live ? tidy(dedent(live.innerHTML)) : '';
}

await Promise.all(
  [...document.querySelectorAll('code[data-snippet^="file:"]')].map(async (code) => {
    const name = code.dataset.snippet.slice('file:'.length);
    const response = await fetch(new URL(name, document.baseURI));
    if (!response.ok) throw new Error(`${name}: HTTP ${response.status}`);
    code.textContent = (await response.text()).trimEnd();
  }),
);
