import * as assert from 'node:assert/strict';
import { explanationLines, ownedGpuHour, ownedGpuHourSteps } from '../../src/engine';

describe('ownedGpuHour: an owned GPU as a GPU-hour', () => {
  // A worked example, by hand: a GPU bought at $30,000 (with its share of the server), written
  // off over 4 years, drawing 1,000 W with its share of the server, at $0.12/kWh in a site of
  // PUE 1.3, with operations at 10% of the price a year.
  //   amortization 30,000 / (4 × 8,760) = 30,000 / 35,040     = $0.856164/h
  //   energy       1,000 / 1,000 × 1.3 × 0.12                 = $0.156/h
  //   operations   30,000 × 0.1 / 8,760 = 3,000 / 8,760        = $0.342466/h
  //   GPU-hour                                                 = $1.354630/h
  const example = { purchaseUsd: 30_000, amortizationYears: 4, watts: 1000, usdPerKwh: 0.12, pue: 1.3, operationsShare: 0.1 };

  it('is amortization + energy × PUE + operations, pinned on the worked example', () => {
    const hour = ownedGpuHour(example);
    assert.equal(hour.amortization.value.toFixed(6), '0.856164');
    assert.equal(hour.energy.value.toFixed(6), '0.156000');
    assert.equal(hour.operations.value.toFixed(6), '0.342466');
    assert.equal(hour.usd.toFixed(6), '1.354630');
    assert.equal(hour.total.value, hour.usd);
    // A month of 720 hours of one owned GPU, against renting it: $975.33.
    assert.equal((hour.usd * 720).toFixed(2), '975.33');
  });

  it('shows the formula with its numbers, one step a part and the sum', () => {
    const lines = explanationLines(ownedGpuHourSteps(ownedGpuHour(example), 'h100-sxm'));
    assert.deepEqual(lines, [
      'amortization = 0.8562 USD/GPU-hour: purchase / (years × 8,760) (purchase = 30,000, years = 4) — assumptions.ownedGpus.h100-sxm',
      'energy = 0.156 USD/GPU-hour: watts / 1,000 × PUE × price per kWh (watts = 1,000, PUE = 1.3, price per kWh = 0.12) — assumptions.ownedGpus.h100-sxm',
      'operations = 0.3425 USD/GPU-hour: purchase × operationsShare / 8,760 (purchase = 30,000, operationsShare = 0.1) — assumptions.ownedGpus.h100-sxm',
      'owned GPU-hour = 1.35 USD/GPU-hour: amortization + energy + operations (amortization = 0.8562, energy = 0.156, operations = 0.3425) — every hour of the year, used or not; financing and resale value not modelled',
    ]);
  });

  it('costs nothing only for what is written as nothing: free power and no operations leave the amortization', () => {
    const hour = ownedGpuHour({ ...example, usdPerKwh: 0, operationsShare: 0 });
    assert.equal(hour.energy.value, 0);
    assert.equal(hour.operations.value, 0);
    assert.equal(hour.usd, 30_000 / 35_040);
    assert.ok(hour.usd > 0, 'a purchase price is more than 0 by the schema, so is the GPU-hour');
  });
});
