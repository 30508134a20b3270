import * as assert from 'node:assert/strict';
import { dayProfileCost, DayProfileError, sizeDay } from '../../src/engine';

const round = (n: number) => Math.round(n * 1e6) / 1e6;

describe('sizeDay: a day of traffic, hour by hour', () => {
  // Worked by hand: 2 requests/s on average; a replica (1 GPU) serves 1.5/s. Night (hours 0-7)
  // at a quarter of the mean load, day (8-15) at 1.5×, evening (16-23) at 1.25×: mean 1.
  //   rates      0.5/s, 3/s, 2.5/s        replicas ceil(0.5/1.5) = 1, ceil(3/1.5) = 2, ceil(2.5/1.5) = 2
  //   GPU-hours  8 × 1 + 8 × 2 + 8 × 2 = 40 a day, × 30 days = 1,200 a month
  //   busy       8 × 0.5/1.5 + 8 × 3/1.5 + 8 × 2.5/1.5 = 32 a day = 960 a month; idle 240
  //   flat       2 replicas × 24 h = 48 a day = 1,440 a month
  //   at $2/GPU-hour: $2,400 a month, $480 of it idle, against $2,880 sized for the peak all day
  const profile = [...Array(8).fill(0.25), ...Array(8).fill(1.5), ...Array(8).fill(1.25)];

  it('sizes replicas from a 24-hour profile, pinned on the worked example', () => {
    const day = sizeDay({ averageRps: 2, replicaRps: 1.5, gpusPerReplica: 1, profile });
    assert.deepEqual(day.hourlyReplicas, [...Array(8).fill(1), ...Array(16).fill(2)]);
    assert.deepEqual([day.gpuHoursPerDay, day.gpuHoursPerMonth, round(day.busyGpuHoursPerMonth), round(day.idleGpuHoursPerMonth), day.flatGpuHoursPerMonth], [40, 1200, 960, 240, 1440]);
    assert.equal(day.replicaStartsPerDay, 1, 'one replica added at 08:00, none removed-and-restarted');
    const cost = dayProfileCost(day, 2);
    assert.deepEqual([cost.monthlyUsd, round(cost.idleUsd), cost.flatMonthlyUsd], [2400, 480, 2880]);
  });

  it('pays a cold start for each replica started, on every GPU of it', () => {
    // The same day on 2-GPU replicas with a 120 s load: + 1 start × 120/3,600 h × 2 GPUs a day.
    const day = sizeDay({ averageRps: 2, replicaRps: 1.5, gpusPerReplica: 2, profile, coldStartSeconds: 120 });
    assert.equal(round(day.gpuHoursPerDay), round(80 + 2 * (120 / 3600)));
    assert.equal(round(day.gpuHoursPerMonth), 2402);
    assert.equal(round(day.idleGpuHoursPerMonth), 482);
  });

  it('hoursPerDay with scaleToZero: replicas only in the busy hours, each started cold every day', () => {
    // 1 request/s on average, all in 8 hours: 3/s then, 2 replicas; none the other 16 hours.
    // 16 replica-hours + 2 starts × 300 s = 16.1667 GPU-hours a day, 485 a month; busy 8 × 2 = 16 a day.
    const day = sizeDay({ averageRps: 1, replicaRps: 1.5, gpusPerReplica: 1, hoursPerDay: 8, scaleToZero: true, coldStartSeconds: 300 });
    assert.deepEqual(day.hourlyReplicas, [...Array(8).fill(2), ...Array(16).fill(0)]);
    assert.equal(day.replicaStartsPerDay, 2);
    assert.deepEqual([round(day.gpuHoursPerMonth), round(day.busyGpuHoursPerMonth), round(day.idleGpuHoursPerMonth)], [485, 480, 5]);
    // Without scaling to zero, one replica stays up the other 16 hours, and one start a day adds the second.
    const kept = sizeDay({ averageRps: 1, replicaRps: 1.5, gpusPerReplica: 1, hoursPerDay: 8, coldStartSeconds: 300 });
    assert.deepEqual([kept.replicaStartsPerDay, round(kept.gpuHoursPerMonth), round(kept.idleGpuHoursPerMonth)], [1, 962.5, 482.5]);
    // Around the clock, flat traffic is sized as the month's figure: 24 hours of ceil(1/1.5) = 1 replica.
    assert.equal(sizeDay({ averageRps: 1, replicaRps: 1.5, gpusPerReplica: 1 }).gpuHoursPerMonth, 720);
  });

  it('refuses what it cannot size, saying why', () => {
    const base = { averageRps: 1, replicaRps: 1, gpusPerReplica: 1 };
    assert.throws(() => sizeDay({ ...base, scaleToZero: true }), /scaleToZero needs coldStartSeconds/);
    assert.throws(() => sizeDay({ ...base, profile: [1, 2, 3] }), /24 loads/);
    assert.throws(() => sizeDay({ ...base, profile: Array(24).fill(0) }), /no load/);
    assert.throws(() => sizeDay({ ...base, profile, hoursPerDay: 8 }), /not both/);
    assert.throws(() => sizeDay({ ...base, hoursPerDay: 0 }), DayProfileError);
    assert.throws(() => sizeDay({ ...base, replicaRps: 0 }), DayProfileError);
  });
});
