import { expect } from '@open-wc/testing';
import { DATA, until } from './helpers/page.js';

/**
 * A host page with a strict Content-Security-Policy (no 'unsafe-eval', no
 * 'unsafe-inline' styles): the chart and the map still draw, because vega runs
 * through its expression interpreter (`ast: true`), injects no <style>, and
 * Lit's styles are constructable stylesheets.
 */
const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'";

describe('vega under a strict CSP', () => {
  let iframe: HTMLIFrameElement;
  afterEach(() => iframe?.remove());

  it('draws the chart and the map in a page whose CSP forbids eval and inline styles', async () => {
    iframe = document.createElement('iframe');
    iframe.width = '900';
    iframe.height = '1400';
    iframe.srcdoc = `<!doctype html><html lang="it"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<script type="module" src="/packages/widgets/src/chart/define.ts"></script>
<script type="module" src="/packages/widgets/src/map/define.ts"></script>
</head><body>
<pnrr-spending-chart src="${DATA}"></pnrr-spending-chart>
<pnrr-municipality-map src="${DATA}" province="048"></pnrr-municipality-map>
</body></html>`;
    const violations: string[] = [];
    document.body.append(iframe);
    await until(() => iframe.contentDocument?.readyState !== 'loading' && iframe.contentDocument?.querySelector('pnrr-spending-chart'), 'the framed page');
    iframe.contentDocument!.addEventListener('securitypolicyviolation', (e) => violations.push(`${e.violatedDirective} ${e.blockedURI}`));
    const doc = iframe.contentDocument!;
    const drawn = (tag: string) => doc.querySelector(tag)?.shadowRoot?.querySelector('.plot svg');
    await until(() => drawn('pnrr-spending-chart') && drawn('pnrr-municipality-map'), 'both drawings', 15000);
    const chart = doc.querySelector('pnrr-spending-chart')!.shadowRoot!;
    expect(chart.querySelectorAll('.plot svg .mark-rect path')).to.have.length(6);
    const map = doc.querySelector('pnrr-municipality-map')!.shadowRoot!;
    expect(map.querySelectorAll('.plot svg .mark-shape.layer_0_marks path')).to.have.length(41);
    expect(doc.head.querySelectorAll('style')).to.have.length(0);
    expect(violations).to.deep.equal([]);
  });
});
