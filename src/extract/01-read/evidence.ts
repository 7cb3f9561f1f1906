import type { RuleUse } from '../../contracts/index.js';

export type { RuleUse };

/**
 * The rule `rule` decided, weighing `score`. Every decision extraction makes
 * carries the rules that made it (as linking's reasons do), so that `wathiq
 * extract --explain` can say why a field holds what it holds. A rule's name is
 * its family, then what it noticed: «sides/agent-marker».
 */
export function because(rule: string, score = 1): RuleUse {
  return { rule, score };
}
