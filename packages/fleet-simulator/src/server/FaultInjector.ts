import { z } from 'zod';
import { FaultRule, FaultRuleInput, FaultSpec, SimulatedApi } from '../types';

export const faultRuleSchema = z.object({
  cluster: z.string().optional(),
  api: z.enum(['kubernetes', 'eks', 'ec2']),
  path: z.string().startsWith('/').optional(),
  operation: z.string().optional(),
  fault: z
    .object({
      type: z.enum([
        'latency',
        'timeout',
        'status',
        'throttle',
        'truncate',
        'gone',
      ]),
      status: z.number().int().min(400).max(599).optional(),
      ms: z.number().int().nonnegative().max(600000).optional(),
      probability: z.number().min(0).max(1).optional(),
      times: z.number().int().positive().optional(),
    })
    .refine(f => f.type !== 'status' || f.status !== undefined, {
      message: 'a status fault needs a status',
    })
    .refine(f => f.type !== 'latency' || f.ms !== undefined, {
      message: 'a latency fault needs ms',
    }),
});

export interface FaultTarget {
  cluster: string;
  api: SimulatedApi;
  path: string;
  operation?: string;
  /** The request continues a paged list (only these can draw a `gone` fault). */
  isContinue: boolean;
}

/** Fault rules switched at run time through the admin endpoint; the first matching rule applies. */
export class FaultInjector {
  private rules: FaultRule[] = [];
  private nextId = 1;

  constructor(private readonly random: () => number = Math.random) {}

  add(input: FaultRuleInput): FaultRule {
    const rule: FaultRule = { ...input, id: `fault-${this.nextId++}`, hits: 0 };
    this.rules.push(rule);
    return rule;
  }

  list(): FaultRule[] {
    return this.rules.map(r => ({ ...r, fault: { ...r.fault } }));
  }

  remove(id: string): boolean {
    const before = this.rules.length;
    this.rules = this.rules.filter(r => r.id !== id);
    return this.rules.length !== before;
  }

  clear() {
    this.rules = [];
  }

  /** The fault to apply to a request, if any (counts the hit). */
  pick(target: FaultTarget): FaultSpec | undefined {
    for (const rule of this.rules) {
      if (rule.api !== target.api) continue;
      if (rule.cluster !== undefined && rule.cluster !== target.cluster)
        continue;
      if (rule.operation !== undefined && rule.operation !== target.operation)
        continue;
      if (rule.path !== undefined) {
        const ok = rule.path.endsWith('*')
          ? target.path.startsWith(rule.path.slice(0, -1))
          : target.path === rule.path;
        if (!ok) continue;
      }
      if (rule.fault.type === 'gone' && !target.isContinue) continue;
      if (
        rule.fault.probability !== undefined &&
        this.random() >= rule.fault.probability
      )
        continue;
      rule.hits += 1;
      if (rule.fault.times !== undefined && rule.hits >= rule.fault.times) {
        this.rules = this.rules.filter(r => r !== rule);
      }
      return rule.fault;
    }
    return undefined;
  }
}
