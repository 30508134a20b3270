/**
 * Requirements that rule a way of running a model out, whatever it costs: an option they rule
 * out is never presented as cheaper on any surface; what is said instead is what the
 * requirement costs. Data, like the rest of the requirement rules.
 */
import type { RequirementId } from '../catalog/types';

const RULES_OUT: Readonly<Partial<Record<RequirementId, 'api' | 'self-hosted'>>> = {
  // Prompts sent to a third-party API leave your infrastructure.
  data_privacy: 'api',
};

/** The first of `requirements` that rules `deployment` out, if any. */
export function ruledOutBy(requirements: readonly RequirementId[], deployment: 'api' | 'self-hosted'): RequirementId | undefined {
  return requirements.find((r) => RULES_OUT[r] === deployment);
}
