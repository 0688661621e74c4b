// Choosing a project in a <pnrr-project-list> fires pnrr-project-select with { cup, localCode, title }.
// Here the page writes the choice into a live region and cancels the event (preventDefault), so the
// card-href link is not followed: a site would let it go to its own project page.
const list = document.getElementById('elenco-eventi');
const output = document.getElementById('progetto-scelto');

list.addEventListener('pnrr-project-select', (event) => {
  event.preventDefault();
  const { cup, title } = event.detail;
  output.textContent = `Hai scelto «${title}» (CUP ${cup}).`;
});
