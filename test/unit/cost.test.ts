import * as assert from 'node:assert/strict';
import {
  apiMonthlyCost,
  blendedPricePerMillion,
  costPerMillionAtCapacity,
  crossover,
  formatTokensM,
  formatUsd,
  impliedInputShare,
  replicaCapacityM,
  replicaFixedMonthly,
  replicasNeeded,
  selfHostMonthlyCost,
} from '../../src/engine/pricing/cost';

const HOURS = 720;
const close = (actual: number, expected: number, digits = 2) =>
  assert.equal(Number(actual.toFixed(digits)), Number(expected.toFixed(digits)), `${actual} ≈ ${expected}`);

describe('cost model: the article\'s figures', () => {
  it('API cost at 100M tok/mo: GPT-4o $750, Claude 3.5 Sonnet $900, DeepSeek V3 API $55', () => {
    assert.equal(apiMonthlyCost(100, 7.5).value, 750);
    assert.equal(apiMonthlyCost(100, 9).value, 900);
    close(apiMonthlyCost(100, 0.55).value, 55);
  });

  it('self-hosted fixed cost: 1×A100 $1,800, 4×A100 $7,200, 12×A100 $21,600 a month at $2.50/h', () => {
    assert.equal(replicaFixedMonthly(1, 2.5, HOURS).value, 1800);
    assert.equal(replicaFixedMonthly(4, 2.5, HOURS).value, 7200);
    assert.equal(replicaFixedMonthly(12, 2.5, HOURS).value, 21600);
  });

  it('capacity at batch-1 throughput: 25 tok/s 64.8M, 15 tok/s 38.88M, 30 tok/s 77.76M, 22 tok/s 57.02M', () => {
    close(replicaCapacityM(25, HOURS, 1).value, 64.8);
    close(replicaCapacityM(15, HOURS, 1).value, 38.88);
    close(replicaCapacityM(30, HOURS, 1).value, 77.76);
    close(replicaCapacityM(22, HOURS, 1).value, 57.024, 3);
  });

  it('crossover: Llama 70B ($1,800) vs GPT-4o ($7.50) at 240M; vs Claude ($9) at 200M', () => {
    const capacity = replicaCapacityM(25, HOURS, 1).value;
    const gpt = crossover(1800, capacity, 7.5, HOURS, 1)!;
    assert.equal(gpt.crossoverTokensM, 240);
    assert.equal(gpt.makesSense, false, '240M is above one replica\'s 64.8M');
    assert.equal(crossover(1800, capacity, 9, HOURS, 1)!.crossoverTokensM, 200);
  });

  it('a free API has no crossover: no volume makes a paid replica cheaper than nothing', () => {
    assert.equal(crossover(1800, replicaCapacityM(25, HOURS, 1).value, 0, HOURS, 1), undefined);
  });
});

describe('cost model: corrections to the article', () => {
  it('self-hosted $/M is $27.78 and $277.78 per 1M tokens (the article\'s $0.03 and $0.28 are per 1K)', () => {
    const llama70 = costPerMillionAtCapacity(1800, replicaCapacityM(25, HOURS, 1).value).value;
    const llama405 = costPerMillionAtCapacity(21600, replicaCapacityM(30, HOURS, 1).value).value;
    close(llama70, 27.78);
    close(llama405, 277.78);
    close(llama70 / 1000, 0.03);
    close(llama405 / 1000, 0.28);
  });

  it('"~4 GPUs to match GPT-4o" is wrong: at 25 tok/s self-hosting never breaks even; it needs ≥ 92.6 tok/s sustained', () => {
    const capacity = replicaCapacityM(25, HOURS, 1).value;
    const x = crossover(1800, capacity, 7.5, HOURS, 1)!;
    close(x.breakEvenThroughputTps, 92.59);
    // Four replicas serve 4× the volume at 4× the cost: $/M is unchanged, so still above $7.50.
    const fourReplicas = selfHostMonthlyCost(240, 1800, capacity);
    assert.equal(fourReplicas.inputs.replicas, 4);
    assert.equal(fourReplicas.value, 7200);
    assert.ok(fourReplicas.value > apiMonthlyCost(240, 7.5).value);
    // A replica at the break-even throughput serves the crossover volume alone.
    assert.equal(crossover(1800, replicaCapacityM(x.breakEvenThroughputTps, HOURS, 1).value, 7.5, HOURS, 1)!.makesSense, true);
  });

  it('"$2.50 input, $10.00 output, averaged" is $6.25; the article\'s $7.50 is a 1:2 input:output mix, its Claude $9 a 1:1 mix', () => {
    assert.equal(blendedPricePerMillion(2.5, 10, 0.5).value, 6.25);
    close(impliedInputShare(2.5, 10, 7.5), 1 / 3, 6);
    assert.equal(blendedPricePerMillion(2.5, 10, 1 / 3).value.toFixed(2), '7.50');
    assert.equal(impliedInputShare(3, 15, 9), 0.5);
    assert.equal(blendedPricePerMillion(3, 15, 0.5).value, 9);
  });
});

describe('cost model: the step function', () => {
  it('charges whole replicas', () => {
    assert.equal(replicasNeeded(0, 64.8), 0);
    assert.equal(replicasNeeded(64.8, 64.8), 1);
    assert.equal(replicasNeeded(64.81, 64.8), 2);
    assert.equal(replicasNeeded(240, 64.8), 4);
    assert.equal(selfHostMonthlyCost(100, 1800, 64.8).value, 3600);
  });

  it('explains itself with the formula and its values', () => {
    const e = replicaFixedMonthly(1, 2.5, 720);
    assert.equal(e.formula, 'gpus × hourly × hours');
    assert.deepEqual(e.inputs, { gpus: 1, hourly: 2.5, hours: 720 });
  });

  it('formats money and volumes the way lenses show them', () => {
    assert.equal(formatUsd(1800), '$1,800');
    assert.equal(formatUsd(27.777), '$27.78');
    assert.equal(formatTokensM(240), '240M');
    assert.equal(formatTokensM(64.8), '64.8M');
    assert.equal(formatTokensM(2400), '2.4B');
    assert.equal(formatTokensM(0.5), '500K');
  });
});
