/**
 * Which Allow statement came closest to admitting a token: the one a diagnosis explains (explain, check).
 */
import { StatementEvaluation } from './types';

/** The Allow statement with the fewest failed parts; an applying one when there is one. */
export function closestAllow(statements: readonly StatementEvaluation[]): StatementEvaluation | undefined {
  let best: StatementEvaluation | undefined;
  let bestScore = Infinity;
  for (const statement of statements) {
    if (statement.effect !== 'Allow') continue;
    // A wrong principal or action outweighs any number of conditions: fixing them changes what the statement is for.
    const score = (statement.principalMatched ? 0 : 1000) + (statement.actionMatched ? 0 : 100)
      + statement.conditions.filter((c) => !c.matched).length;
    if (score < bestScore) {
      best = statement;
      bestScore = score;
    }
  }
  return best;
}
