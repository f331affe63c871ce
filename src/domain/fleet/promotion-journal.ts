// A promotion as it is journalled (fleet/promotion.ts writes, reads and runs it): its targets, and each
// step with its client token and how far it got. Pure types.
import type { PlanStep } from '../as-code/profiles-plan.js';

export type StepStatus = 'pending' | 'sent' | 'done' | 'failed';

export interface PromotionStep extends PlanStep {
  target: string;
  instanceArn: string;
  clientToken: string;
  status: StepStatus;
  error?: string;
}

export interface PromotionTarget {
  key: string;
  profile: string;
  region: string;
  instanceArn: string;
}

export interface Promotion {
  kind: 'spex/promotion';
  id: string;
  createdAt: string;
  /** The source instance's key (`profile:alias`). */
  from: string;
  /** Where the source is, to read it again at the end. */
  source: PromotionTarget;
  names: string[];
  targets: PromotionTarget[];
  steps: PromotionStep[];
}
