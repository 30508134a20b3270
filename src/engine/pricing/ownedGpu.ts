/**
 * A GPU the project owns, as the price of one of its hours, so that it enters the same
 * GPU-hour precedence as a rented one and rent and own compare on one figure:
 *
 *   amortization = purchase / (years × 8,760 h)        straight-line, every hour of the year
 *   energy       = watts / 1,000 × PUE × $/kWh
 *   operations   = purchase × operationsShare / 8,760 h
 *   GPU-hour     = amortization + energy + operations
 *
 * Every hour of the year is counted, used or not: an owned GPU costs its amortization and its
 * operations idle too. Energy is at the watts given, which should be the draw at the load the
 * GPU runs at. Not modelled: financing (interest on the purchase), resale value at the end,
 * and energy that changes with load.
 */
import type { OwnedGpuConfig } from '../config/schema';
import { type Explained } from './cost';
import { formulaStep, type Explanation } from '../present/explanation';

/** 365 × 24: the hours a year of amortization and operations is spread over. */
export const HOURS_PER_YEAR = 8760;

export interface OwnedGpuHour {
  /** USD per GPU-hour: the three parts summed. */
  usd: number;
  amortization: Explained;
  energy: Explained;
  operations: Explained;
  total: Explained;
}

/** The GPU-hour of an owned GPU (an assumptions.ownedGpus entry, valid by the config schema). */
export function ownedGpuHour(owned: OwnedGpuConfig): OwnedGpuHour {
  const { purchaseUsd, amortizationYears, watts, usdPerKwh, pue, operationsShare } = owned;
  const amortization: Explained = {
    value: purchaseUsd / (amortizationYears * HOURS_PER_YEAR),
    unit: 'USD/GPU-hour',
    formula: 'purchase / (years × 8,760)',
    inputs: { purchase: purchaseUsd, years: amortizationYears },
  };
  const energy: Explained = {
    value: (watts / 1000) * pue * usdPerKwh,
    unit: 'USD/GPU-hour',
    formula: 'watts / 1,000 × PUE × price per kWh',
    inputs: { watts, PUE: pue, 'price per kWh': usdPerKwh },
  };
  const operations: Explained = {
    value: (purchaseUsd * operationsShare) / HOURS_PER_YEAR,
    unit: 'USD/GPU-hour',
    formula: 'purchase × operationsShare / 8,760',
    inputs: { purchase: purchaseUsd, operationsShare },
  };
  const usd = amortization.value + energy.value + operations.value;
  const total: Explained = {
    value: usd,
    unit: 'USD/GPU-hour',
    formula: 'amortization + energy + operations',
    inputs: { amortization: amortization.value, energy: energy.value, operations: operations.value },
  };
  return { usd, amortization, energy, operations, total };
}

/** The formula as explanation steps, one a part and the sum, for a hover or the panel. */
export function ownedGpuHourSteps(hour: OwnedGpuHour, gpuId: string): Explanation {
  const from = `assumptions.ownedGpus.${gpuId}`;
  return [
    formulaStep('gpu-price', 'amortization', hour.amortization, from),
    formulaStep('gpu-price', 'energy', hour.energy, from),
    formulaStep('gpu-price', 'operations', hour.operations, from),
    formulaStep('gpu-price', 'owned GPU-hour', hour.total, 'every hour of the year, used or not; financing and resale value not modelled'),
  ];
}
