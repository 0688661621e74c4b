import { expect } from '@open-wc/testing';
import { date, euros, moneyFull, percent, placeName } from '../src/format.js';
import { moneyCompact, number } from '../src/figure/amounts.js';
import { normaliseLang, resolveLang } from '../src/i18n/lang.js';

const sp = (s: string) => s.replace(/\u00a0/g, ' ');

describe('format.ts (Intl, it-IT by default)', () => {
  it('writes full and compact euros the Italian way', () => {
    expect(sp(moneyFull(euros(22248584000), 'it'))).to.equal('222.485.840 €');
    expect(sp(moneyFull(4748, 'it')), 'four-digit amounts are grouped too').to.equal('4.748 €');
    expect(sp(moneyCompact(222485840, 'it'))).to.equal('222,5 mln €');
    expect(sp(moneyCompact(2433815960.5, 'it'))).to.equal('2,4 mld €');
    expect(sp(moneyCompact(47427, 'it'))).to.equal('47,4 mila €');
    expect(sp(moneyCompact(950, 'it'))).to.equal('950 €');
  });

  it('writes English amounts for lang="en"', () => {
    expect(moneyFull(222485840, 'en')).to.equal('€222,485,840');
    expect(moneyCompact(222485840, 'en')).to.equal('€222.5M');
    expect(moneyCompact(2433815960, 'en')).to.equal('€2.4bn');
  });

  it('numbers, percentages and dates', () => {
    expect(number(2770, 'it')).to.equal('2.770');
    expect(number(2770, 'en')).to.equal('2,770');
    expect(percent(0.5, 'it')).to.equal('50%');
    expect(percent(0.0828, 'it')).to.equal('8,3%');
    expect(date('2023-03-01', 'it')).to.equal('1 marzo 2023');
    expect(date('2025-03-31', 'en')).to.equal('31 March 2025');
    expect(date('not a date', 'it')).to.equal('not a date');
  });

  it('writes upper-case source place names as names', () => {
    expect(placeName('CAMPI BISENZIO')).to.equal('Campi Bisenzio');
    expect(placeName('CASTELNUOVO DI GARFAGNANA')).to.equal('Castelnuovo di Garfagnana');
    expect(placeName("SAN CASCIANO IN VAL DI PESA")).to.equal('San Casciano in Val di Pesa');
    expect(placeName('Firenze')).to.equal('Firenze');
  });

  it('languages: it and en only, regional variants kept, others fall back to it', () => {
    expect(normaliseLang('en-GB')).to.equal('en');
    expect(normaliseLang('IT')).to.equal('it');
    expect(normaliseLang('fr')).to.equal(null);
    const el = document.createElement('div');
    expect(resolveLang(el)).to.equal(document.documentElement.lang === 'en' ? 'en' : 'it');
  });
});
