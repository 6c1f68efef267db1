import { describe, expect, it } from 'vitest';
import { parse } from 'node-html-parser';
import { lineChartSvg } from './line-chart.js';
import { axisLabels } from './svg.js';
import { rankedBarChartSvg } from './bar-chart.js';
import { sparklineSvg } from './sparkline.js';
import { esc } from './svg.js';

describe('charts', () => {
  it('draws an accessible line chart with a legend naming every series', () => {
    const svg = lineChartSvg({
      title: 'Caseload <per> worker',
      description: 'From 19 to 16.6',
      xLabels: ['Jan', 'Feb', 'Mar'],
      series: [
        { name: 'Ashdown Vale', values: [19, null, 16.6] },
        { name: 'Target', values: [18, 17, 16] },
      ],
    });
    const root = parse(svg).querySelector('svg')!;
    expect(root.getAttribute('role')).toBe('img');
    const [titleId, descId] = root.getAttribute('aria-labelledby')!.split(' ');
    expect(root.querySelector(`#${titleId}`)!.text).toBe('Caseload <per> worker');
    expect(root.querySelector(`#${descId}`)!.text).toBe('From 19 to 16.6');
    expect(svg).toContain('Caseload &lt;per&gt; worker');
    const texts = root.querySelectorAll('text').map((t) => t.text);
    expect(texts).toEqual(expect.arrayContaining(['Ashdown Vale', 'Target', 'Jan', 'Mar']));
    // The target line is dashed, the authority's line is not: not colour alone.
    const paths = root.querySelectorAll('path[stroke-width]').filter((p) => p.getAttribute('fill') === 'none');
    expect(paths.map((p) => p.getAttribute('stroke-dasharray') ?? '')).toEqual(['', '8 4']);
  });

  it('joins points across a gap rather than dropping a series to zero', () => {
    const svg = lineChartSvg({
      title: 't',
      description: 'd',
      xLabels: ['a', 'b', 'c'],
      series: [{ name: 's', values: [10, null, 10] }],
      width: 200,
      height: 200,
    });
    const d = parse(svg).querySelector('path[fill="none"]')!.getAttribute('d')!;
    const ys = [...d.matchAll(/[ML][\d.]+ ([\d.]+)/g)].map((m) => m[1]);
    expect(ys).toHaveLength(2);
    expect(ys[0]).toBe(ys[1]);
  });

  it('draws a ranked bar chart naming the highlighted authority and its rank', () => {
    const svg = rankedBarChartSvg({
      title: 'All authorities',
      description: 'd',
      bars: [
        { label: 'A', value: 10 },
        { label: 'Ashdown Vale', value: 12, highlight: true },
        { label: 'B', value: 15, mark: true },
      ],
      reference: { label: 'England', value: 13 },
    });
    const root = parse(svg);
    expect(root.querySelectorAll('rect[height]').length).toBeGreaterThanOrEqual(3);
    expect(root.querySelectorAll('text').map((t) => t.text)).toEqual(
      expect.arrayContaining([
        'Ashdown Vale: 12 (rank 2 of 3)',
        'England: 13',
        'This authority',
        'Statistical neighbour',
      ]),
    );
  });

  it('draws a sparkline only with two or more values, titled with first and last', () => {
    expect(sparklineSvg([null, 5], 'x')).toBe('');
    const svg = sparklineSvg([10, null, 12.5], 'Agency rate');
    expect(parse(svg).querySelector('title')!.text).toBe('Agency rate: 10 to 12.5 over the last 3 periods');
  });

  it('escapes markup', () =>
    expect(esc(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;'));
});

// Issue 18: the last axis label was cut ("Oct 202") and overlapped its neighbour. Worked by hand for the
// 680-wide line chart: 12 monthly points from x = 56 to 664 (55.27 apart); "Oct 2026" is estimated at
// 8 × 14 × 0.6 = 67.2 px, so neighbours (55.27 apart) would overlap: every 2nd label (110.5 apart) fits.
// The last label, anchored at its right end (664 + 33.6 would pass 678), would overlap the 11th
// (centred at 608.7, reaching 642.3 against 596.8), so the 11th is dropped.
describe('axisLabels', () => {
  const months = [
    'Nov 2025',
    'Dec 2025',
    'Jan 2026',
    'Feb 2026',
    'Mar 2026',
    'Apr 2026',
    'May 2026',
    'Jun 2026',
    'Jul 2026',
    'Aug 2026',
    'Sep 2026',
    'Oct 2026',
  ];
  const xs = months.map((_, i) => 56 + (i * 608) / 11);
  it('keeps the last label whole and no two labels overlapping', () => {
    const chosen = axisLabels(months, xs, { left: 2, right: 678 });
    expect(chosen.map((l) => l.index)).toEqual([0, 2, 4, 6, 8, 11]);
    expect(chosen.at(-1)).toEqual({ index: 11, x: 664, anchor: 'end' });
    expect(chosen[0].anchor).toBe('middle');
  });
  it('anchors a label at the left edge to its start', () => {
    expect(axisLabels(['2019-20', '2020-21'], [10, 300], { left: 2, right: 678 })[0]).toEqual({
      index: 0,
      x: 10,
      anchor: 'start',
    });
  });
  it('shows every label when there is room', () => {
    expect(axisLabels(['2022', '2023', '2024'], [56, 360, 664], { left: 2, right: 678 }).map((l) => l.index)).toEqual([
      0, 1, 2,
    ]);
  });
  it('draws the line chart with the last month whole', () => {
    const svg = lineChartSvg({
      title: 't',
      description: 'd',
      xLabels: months,
      series: [{ name: 'A', values: months.map((_, i) => i) }],
    });
    expect(svg).toContain('text-anchor="end" font-size="12" fill="#0b0c0c">Oct 2026</text>');
    expect(svg).not.toContain('>Sep 2026</text>');
  });
});
