// A host site with its own light/dark switch: the page's colours change, and every widget of
// the page gets theme="light" or theme="dark" so it follows the site rather than the device.
const button = document.getElementById('tema');

function apply(theme) {
  document.documentElement.dataset.theme = theme;
  button.setAttribute('aria-pressed', String(theme === 'dark'));
  for (const el of document.querySelectorAll('pnrr-project-card, pnrr-spending-chart, pnrr-municipality-map')) {
    el.setAttribute('theme', theme);
  }
}

button.addEventListener('click', () => apply(button.getAttribute('aria-pressed') === 'true' ? 'light' : 'dark'));
apply('light');
