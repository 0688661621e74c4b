// Every choice on the map (a click on a comune or the "Scegli un comune" list) arrives as a
// pnrr-municipality-select event with { code, name }: here it is written into a live region.
const map = document.getElementById('mappa-eventi');
const output = document.getElementById('comune-scelto');

map.addEventListener('pnrr-municipality-select', (event) => {
  const { code, name } = event.detail;
  output.textContent = `Hai scelto ${name} (codice ISTAT ${code}).`;
});
