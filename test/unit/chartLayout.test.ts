// The cost chart's layout (webview/tabs/cost/chartLayout.ts): what the UI test measures in the page,
// checked here over many marker positions.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { layoutCrossoverLabels, overlaps, placeLabel, PALETTE_SIZE, seriesClass, thin, usdTick, type Box } from '../../webview/tabs/cost/chartLayout';

/** About the width of the panel's 12 px font. */
const measure = (text: string) => text.length * 6.5;
const plot: Box = { x: 60, y: 10, w: 700, h: 300 };
const within = (b: Box, outer: Box) => b.x >= outer.x && b.y >= outer.y && b.x + b.w <= outer.x + outer.w && b.y + b.h <= outer.y + outer.h;

describe('panel cost chart layout', () => {
  it('a label goes beside its marker, inside the plot, clear of what is taken; none when there is no room', () => {
    const right = placeLabel('GPT-4o at 288M', { x: 100, y: 200 }, plot, [], measure, 12)!;
    assert.ok(right.x > 100 && right.y + right.h < 200, 'above and to the right');
    const atRightEdge = placeLabel('GPT-4o at 288M', { x: 755, y: 200 }, plot, [], measure, 12)!;
    assert.ok(within(atRightEdge, plot) && atRightEdge.x + atRightEdge.w < 755, 'to the left at the right edge');
    const blocked = [{ x: plot.x, y: plot.y, w: plot.w, h: plot.h }];
    assert.equal(placeLabel('x', { x: 300, y: 100 }, plot, blocked, measure, 12), undefined);
  });

  it('crossover labels never leave the plot, cover a marker or each other; whole texts or numbers', () => {
    const spot = fc.record({ x: fc.double({ min: plot.x, max: plot.x + plot.w, noNaN: true }), y: fc.double({ min: plot.y, max: plot.y + plot.h, noNaN: true }), text: fc.string({ minLength: 1, maxLength: 60 }) });
    fc.assert(
      fc.property(fc.array(spot, { maxLength: 12 }), (marks) => {
        const { placed, numbered } = layoutCrossoverLabels(marks, plot, measure, 12);
        const markers = marks.map((m) => ({ x: m.x - 6, y: m.y - 6, w: 12, h: 12 }));
        for (const [i, label] of placed.entries()) {
          assert.ok(within(label, plot), 'inside the plot');
          for (const marker of markers) assert.ok(!overlaps(label, marker), 'clear of every marker');
          for (const other of placed.slice(i + 1)) assert.ok(!overlaps(label, other), 'clear of the other labels');
        }
        if (!numbered) assert.deepEqual(placed.map((p) => p.text), marks.map((m) => m.text), 'every whole text');
        else for (const p of placed) assert.match(p.text, /^\d+$/);
      }),
      { numRuns: 300 },
    );
  });

  it('three crossovers close together get numbers, as the list under the chart does', () => {
    const text = 'Llama 3.1 70B · 1× A100 80GB · 600 tok/s = GPT-4o at 288M';
    const { placed, numbered } = layoutCrossoverLabels([{ x: 400, y: 150, text }, { x: 410, y: 160, text }, { x: 420, y: 150, text }], { ...plot, w: 420 }, measure, 12);
    assert.equal(numbered, true);
    assert.ok(placed.length >= 2);
  });

  it('tick labels: decades in dollars, thinned until each has room', () => {
    assert.deepEqual([0.01, 0.1, 1, 10, 1e3, 1e4, 1e6, 1e9].map(usdTick), ['$0.01', '$0.1', '$1', '$10', '$1K', '$10K', '$1M', '$1B']);
    assert.deepEqual(thin([1, 10, 100, 1000], 100, () => 50), [1, 10, 100, 1000]);
    assert.deepEqual(thin([1, 10, 100, 1000, 1e4], 40, () => 70), [1, 100, 1e4]);
  });

  it('colours by position, dashes by deployment: no two of the first sixteen series look alike', () => {
    const looks = Array.from({ length: 2 * PALETTE_SIZE }, (_, i) => seriesClass({ kind: i % 3 === 0 ? 'self-hosted' : 'api', current: false }, i));
    assert.equal(new Set(looks).size, looks.length);
    assert.match(seriesClass({ kind: 'self-hosted', current: true }, 3), /\bs-3\b.*\bdash-short\b.*\bcurrent\b/);
  });
});
