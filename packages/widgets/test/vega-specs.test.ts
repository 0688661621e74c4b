import { expect } from '@open-wc/testing';
import { compile } from 'vega-lite';
import type { Topology } from '@pnrr-toscana/sdk';
import { barChartSpec, barLayout, type BarDatum } from '../src/chart/bar-spec.js';
import { choroplethSpec, mapHeight } from '../src/map/choropleth-spec.js';
import { drawnText, estimateTextWidth, labelLines, MAX_LABEL_LINES, wrapText } from '../src/figure/text.js';
import { quantileClasses, pickColors, PALETTES } from '../src/map/classes.js';
import { csvField, toCsv } from '../src/figure/download.js';
import { renderSpec } from '../src/vega/render.js';
import { DATA } from './helpers/page.js';

const theme = { text: '#1a1a1a', background: '#ffffff', font: 'sans-serif', fontSize: 13 };
const MISSIONS = [
  ['M1', 'Digitalizzazione, innovazione, competitività, cultura e turismo'],
  ['M2', 'Rivoluzione verde e transizione ecologica'],
  ['M3', 'Infrastrutture per una mobilità sostenibile'],
  ['M4', 'Istruzione e ricerca'],
  ['M5', 'Inclusione e coesione'],
  ['M6', 'Salute'],
] as const;
const rows: BarDatum[] = MISSIONS.map(([key, label], i) => ({
  key,
  label: `${key} ${label}`,
  value: (i + 1) * 1e8,
  valueLabel: `${i + 1}00,0 mln €`,
  tooltip: label,
  color: '#0066cc',
}));

let topology: Topology;
before(async () => {
  topology = (await (await fetch(`${DATA}boundaries.topo.json`)).json()) as Topology;
});

describe('vega specs: bar chart', () => {
  it('has one datum per row, in the given order, with the preformatted labels', () => {
    const spec = barChartSpec(rows, { width: 600, theme }) as { data: { values: Array<Record<string, unknown>> } };
    const values = spec.data.values;
    expect(values).to.have.length(6);
    expect(values.map((v) => v.key)).to.deep.equal(['M1', 'M2', 'M3', 'M4', 'M5', 'M6']);
    expect(values.map((v) => v.value)).to.deep.equal(rows.map((r) => r.value));
    expect(values[1]!.valueLabel).to.equal('200,0 mln €');
    // The y field keeps every row distinct even with equal labels.
    const twins = barChartSpec([rows[0]!, { ...rows[1]!, label: rows[0]!.label }], { width: 600, theme }) as typeof spec;
    expect(new Set(twins.data.values.map((v) => v.axisLabel)).size).to.equal(2);
  });

  it('sizes the chart from the data: height = rows × band, wrapped labels fit the label column', () => {
    const measure = estimateTextWidth(13);
    // Wide enough for the side layout (narrow plots stack each label above its bar: see below).
    const layout = barLayout(rows, { width: 600, theme, measure });
    expect(layout.height).to.equal(layout.band * rows.length);
    for (const lines of layout.lines) for (const line of lines) expect(measure(line)).to.be.at.most(layout.labelColumn);
    // Every word of every label is kept (wrapped, not cut).
    layout.lines.forEach((lines, i) => expect(lines.join(' ')).to.equal(rows[i]!.label));
    expect(layout.band).to.be.at.least(layout.maxLines * layout.lineHeight);
    const spec = barChartSpec(rows, { width: 600, theme, measure }) as { height: { step: number }; encoding: { y: { axis: { labelLimit: number } } } };
    expect(spec.height.step).to.equal(layout.band);
    expect(spec.encoding.y.axis.labelLimit).to.equal(0); // no truncation by vega
    // Room after the longest bar for its value label.
    expect(layout.domainMax).to.be.greaterThan(6e8);
  });

  it('lays a narrow plot out as stacked rows: each label on its own lines above its bar, across the full width', () => {
    const measure = estimateTextWidth(13);
    const layout = barLayout(rows, { width: 320, theme, measure });
    expect(layout.mode).to.equal('stacked');
    // No label column: the labels and the bars use the whole plot width.
    expect(layout.labelColumn).to.equal(0);
    expect(layout.plotWidth).to.equal(320 - 8);
    for (const lines of layout.lines) for (const line of lines) expect(measure(line)).to.be.at.most(layout.plotWidth);
    layout.lines.forEach((lines, i) => expect(lines.join(' ')).to.equal(rows[i]!.label));
    // Each row is as tall as its own label, not as the tallest one; the rows fill the height.
    expect(layout.rowHeights.reduce((s, h) => s + h, 0)).to.equal(layout.height);
    const oneLine = layout.rowHeights.filter((_, i) => layout.lines[i]!.length === 1);
    const twoLines = layout.rowHeights.filter((_, i) => layout.lines[i]!.length === 2);
    expect(oneLine.length).to.be.greaterThan(0);
    expect(twoLines.length).to.be.greaterThan(0);
    expect(Math.max(...oneLine)).to.be.lessThan(Math.min(...twoLines));
    const spec = barChartSpec(rows, { width: 320, theme, measure }) as unknown as {
      width: number;
      height: number;
      encoding?: { y?: unknown };
      data: { values: Array<{ key: string; labelLines: string[]; labelTop: number; barTop: number; barBottom: number; value: number }> };
      layer: Array<{ mark: { type: string; baseline?: string }; encoding: Record<string, { field?: string }> }>;
    };
    expect(spec.width).to.equal(layout.plotWidth);
    expect(spec.height).to.equal(layout.height);
    expect(spec.encoding?.y).to.equal(undefined); // no y axis, hence no label column
    const labels = spec.layer.find((l) => l.mark.type === 'text' && l.encoding.text?.field === 'labelLines')!;
    expect(labels.mark.baseline).to.equal('top');
    // Label lines, then the bar, then the next row: nothing shares a line.
    spec.data.values.forEach((v, i) => {
      expect(v.labelLines).to.deep.equal(layout.lines[i]);
      expect(v.labelTop + v.labelLines.length * layout.lineHeight).to.be.at.most(v.barTop);
      expect(v.barBottom).to.be.greaterThan(v.barTop);
      const next = spec.data.values[i + 1];
      expect(v.barBottom).to.be.at.most(next ? next.labelTop : layout.height);
    });
    expect(spec.data.values.map((v) => v.value)).to.deep.equal(rows.map((r) => r.value));
    // Room after the longest bar for its value label.
    expect(layout.domainMax).to.be.greaterThan(6e8);
    expect(() => compile(spec as never)).not.to.throw();
  });

  it('keeps the side layout (label column left of the bars) on a wide plot', () => {
    const measure = estimateTextWidth(13);
    const layout = barLayout(rows, { width: 760, theme, measure });
    expect(layout.mode).to.equal('side');
    expect(layout.labelColumn).to.be.greaterThan(0);
    expect(layout.rowHeights).to.deep.equal(rows.map(() => layout.band));
    const spec = barChartSpec(rows, { width: 760, theme, measure }) as { height: { step: number }; encoding: { y: { field: string; axis: { labelExpr: string } } } };
    expect(spec.encoding.y.field).to.equal('axisLabel');
    expect(spec.encoding.y.axis.labelExpr).to.include('split');
    expect(spec.height.step).to.equal(layout.band);
  });

  it('uses no vega number formatting (no format / formatType, no x axis)', () => {
    for (const width of [320, 500]) {
      const text = JSON.stringify(barChartSpec(rows, { width, theme }));
      expect(text).not.to.match(/"format(Type)?"/);
      const spec = barChartSpec(rows, { width, theme }) as { encoding: { x: { axis: unknown } } };
      expect(spec.encoding.x.axis).to.equal(null);
    }
  });

  it('compiles with vega-lite and draws one bar per row', async () => {
    const target = document.createElement('div');
    document.body.append(target);
    try {
      const handle = await renderSpec(target, barChartSpec(rows, { width: 500, theme }));
      expect(handle.view.data('rows')).to.have.length(6);
      expect(target.querySelectorAll('path[aria-roledescription="bar"], .mark-rect path').length).to.equal(6);
      const svg = await handle.toImageURL('svg');
      expect(svg).to.match(/^(data:image\/svg|blob:)/);
      handle.finalize();
      expect(target.childElementCount).to.equal(0);
    } finally {
      target.remove();
    }
  });

  it('wrapText never drops or cuts a word', () => {
    const measure = estimateTextWidth(13);
    const lines = wrapText('Supercalifragilistichespiralidoso e altre parole', 40, measure);
    expect(lines.join(' ')).to.equal('Supercalifragilistichespiralidoso e altre parole');
    expect(lines[0]).to.equal('Supercalifragilistichespiralidoso');
    // With no column to widen (stacked rows), a word too long for the width is split with hyphens.
    const broken = wrapText('Supercalifragilistichespiralidoso e altre parole', 60, measure, true);
    for (const line of broken) expect(measure(line)).to.be.at.most(60);
    expect(broken.join(' ').replace(/- /g, '')).to.equal('Supercalifragilistichespiralidoso e altre parole');
  });
});

describe('vega specs: choropleth', () => {
  const options = () => ({
    topology,
    data: [{ code: '048017', cls: 'a', tooltip: 'Firenze' }],
    classes: [{ label: 'a', color: '#c6dbef' }],
    noData: { label: 'none', color: '#f0f0f0' },
    legendTitle: 'PNRR',
    width: 600,
    theme,
    colors: { stroke: '#fff', province: '#000', selected: '#000' },
  });
  type Layer = { data: { values?: unknown; format: Record<string, string> }; transform?: Array<Record<string, unknown>>; mark: { filled?: boolean } };

  it('reads the comuni from the inline TopoJSON and looks values up by properties.pro_com_t', () => {
    const spec = choroplethSpec(options()) as unknown as { layer: Layer[] };
    const comuni = spec.layer[0]!;
    expect(comuni.data.values).to.equal(topology); // the topology object itself, inline: no URL
    expect(comuni.data.format).to.deep.equal({ type: 'topojson', feature: 'comuni' });
    const lookup = comuni.transform!.find((t) => 'lookup' in t) as { lookup: string; from: { key: string } };
    expect(lookup.lookup).to.equal('properties.pro_com_t');
    expect(lookup.from.key).to.equal('code');
  });

  it('draws province borders as a mesh that is not filled', () => {
    const spec = choroplethSpec(options()) as unknown as { layer: Layer[] };
    const borders = spec.layer[1]!;
    expect(borders.data.format).to.deep.equal({ type: 'topojson', mesh: 'province' });
    expect(borders.mark.filled).to.equal(false);
  });

  it('zooms to a province by filtering the features on cod_prov, and outlines the selected comune', () => {
    const spec = choroplethSpec({ ...options(), province: '048', selected: '048017' }) as unknown as { layer: Layer[] };
    const filters = spec.layer[0]!.transform!.filter((t) => 'filter' in t).map((t) => t.filter);
    expect(filters).to.deep.include({ field: 'properties.cod_prov', equal: '048' });
    const outlines = spec.layer.slice(2);
    expect(outlines).to.have.length(2);
    for (const o of outlines) expect(o.transform).to.deep.include({ filter: { field: 'properties.pro_com_t', equal: '048017' } });
    // A selected comune outside the zoomed province is not drawn (it would widen the fit).
    const other = choroplethSpec({ ...options(), province: '050', selected: '048017' }) as unknown as { layer: Layer[] };
    expect(other.layer).to.have.length(2);
  });

  it('has a legend on preformatted class labels, with an explicit colour range', () => {
    const spec = choroplethSpec(options()) as unknown as { layer: Array<{ encoding?: { color?: { scale: { domain: string[]; range: string[] }; legend: { title: string } } } }> };
    const color = spec.layer[0]!.encoding!.color!;
    expect(color.scale.domain).to.deep.equal(['a', 'none']);
    expect(color.scale.range).to.deep.equal(['#c6dbef', '#f0f0f0']);
    expect(color.legend.title).to.equal('PNRR');
  });

  it('compiles with vega-lite into a Vega spec with no URL', () => {
    const vg = compile(choroplethSpec(options()) as never).spec;
    expect(JSON.stringify(vg, (k, v) => (k === 'values' ? undefined : v))).not.to.include('"url"');
  });

  it('gives a map height from the bbox aspect ratio', () => {
    const h = mapHeight(topology, 500);
    expect(h).to.be.within(450, 700); // Tuscany is a little taller than wide
  });
});

describe('data text as vega draws it', () => {
  const measure = estimateTextWidth(13);
  it('cuts a label to MAX_LABEL_LINES lines ending in "…", each within the width, whatever its length', () => {
    for (const label of ['x'.repeat(10_000), 'parola '.repeat(2_000)]) {
      for (const breakWords of [true, false]) {
        const lines = labelLines(label, 200, measure, breakWords);
        expect(lines.length).to.be.at.most(MAX_LABEL_LINES);
        expect(lines[lines.length - 1]!.endsWith('…')).to.equal(true);
        if (breakWords) for (const l of lines) expect(measure(l)).to.be.at.most(200);
      }
    }
    expect(labelLines('M2 Rivoluzione verde', 200, measure)).to.deep.equal(['M2 Rivoluzione verde']);
  });

  it('drops bidi controls and cuts long tooltip lines', () => {
    expect(drawnText('\u202eabc\u202c d\u2066e\u2069\u200f')).to.equal('abc de');
    const long = drawnText(`${'y'.repeat(5000)}\nsecond`);
    expect(long.split('\n')[0]!).to.have.length(160);
    expect(long.split('\n')[1]).to.equal('second');
  });
});

describe('map classes and CSV', () => {
  it('splits values into quantile classes; zero and NaN are "no data"; equal values share a class', () => {
    const values = [0, Number.NaN, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 10, 10];
    const { index, ranges } = quantileClasses(values, 5);
    expect(index[0]).to.equal(-1);
    expect(index[1]).to.equal(-1);
    // The top fifth is all 10s, so it merges with the class below: 4 classes.
    expect(ranges).to.have.length(4);
    expect(index[11]).to.equal(index[13]);
    expect(index[10]).to.equal(index[13]);
    expect(quantileClasses([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 5).ranges).to.deep.equal([[1, 2], [3, 4], [5, 6], [7, 8], [9, 10]]);
    // Classes are ordered and do not overlap.
    for (let i = 1; i < ranges.length; i++) expect(ranges[i]![0]).to.be.greaterThan(ranges[i - 1]![1]);
    expect(pickColors(PALETTES.light, 2)).to.deep.equal([PALETTES.light[0], PALETTES.light[4]]);
  });

  it('writes RFC 4180 CSV with a BOM and CRLF', () => {
    expect(csvField('Massa, "Carrara"')).to.equal('"Massa, ""Carrara"""');
    expect(csvField(1.5)).to.equal('1.5');
    expect(csvField(Number.NaN)).to.equal('');
    expect(toCsv(['a', 'b'], [['x', 1]])).to.equal('\ufeffa,b\r\nx,1\r\n');
  });

  it('neutralises cells a spreadsheet would run as formulas (OWASP), keeping numbers numeric', () => {
    expect(csvField('=HYPERLINK("http://x","y")')).to.equal('"\'=HYPERLINK(""http://x"",""y"")"');
    expect(csvField('+1')).to.equal("'+1");
    expect(csvField('-2')).to.equal("'-2");
    expect(csvField('@SUM(A1)')).to.equal("'@SUM(A1)");
    expect(csvField('\tcmd')).to.equal("'\tcmd");
    expect(csvField('\rcmd')).to.equal('"\'\rcmd"');
    expect(csvField(-2)).to.equal('-2');
    expect(csvField(-1234.5)).to.equal('-1234.5');
    expect(csvField('Firenze')).to.equal('Firenze');
    expect(csvField('048017')).to.equal('048017');
  });
});
