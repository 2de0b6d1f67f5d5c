/**
 * Denied attempts grouped into bursts: configure-aws-credentials retries a failing call (about a dozen records per
 * job), so one failure is one group: the same principal (provider, aud, sub) and role, each attempt within
 * `BURST_GAP_MS` of the one before.
 *
 * Pure: no aws-cdk-lib import (DESIGN.md).
 */
import { WebIdentityAttempt } from './attempt';

/** Attempts further apart than this start a new burst (the action's retries span a few minutes at most). */
export const BURST_GAP_MS = 15 * 60 * 1000;

/** One burst of denied attempts by the same principal for the same role. */
export interface FailureBurst {
  readonly first: WebIdentityAttempt;
  readonly count: number;
  readonly firstTime?: string;
  readonly lastTime?: string;
  /** GitHub Actions run IDs seen in the burst, in order. */
  readonly runIds: string[];
  /** Distinct error codes with their messages, in order. */
  readonly errors: { readonly code: string; readonly message?: string }[];
}

/** The bursts of failed attempts, in time order (attempts without a time each start their own burst). */
export function failureBursts(attempts: readonly WebIdentityAttempt[]): FailureBurst[] {
  const failed = attempts.filter((attempt) => !attempt.succeeded)
    .map((attempt, index) => ({ attempt, index, at: attempt.time === undefined ? NaN : Date.parse(attempt.time) }))
    .sort((a, b) => (Number.isNaN(a.at) || Number.isNaN(b.at) ? a.index - b.index : a.at - b.at || a.index - b.index));
  const open = new Map<string, { burst: MutableBurst; lastAt: number }>();
  const bursts: MutableBurst[] = [];
  for (const { attempt, at } of failed) {
    const key = keyOf(attempt);
    const current = open.get(key);
    if (current && !Number.isNaN(at) && !Number.isNaN(current.lastAt) && at - current.lastAt <= BURST_GAP_MS) {
      add(current.burst, attempt);
      current.lastAt = at;
      continue;
    }
    const burst: MutableBurst = { first: attempt, count: 0, runIds: [], errors: [] };
    add(burst, attempt);
    bursts.push(burst);
    open.set(key, { burst, lastAt: at });
  }
  return bursts;
}

interface MutableBurst {
  first: WebIdentityAttempt;
  count: number;
  firstTime?: string;
  lastTime?: string;
  runIds: string[];
  errors: { code: string; message?: string }[];
}

function add(burst: MutableBurst, attempt: WebIdentityAttempt): void {
  burst.count += 1;
  if (attempt.time !== undefined) {
    burst.firstTime ??= attempt.time;
    burst.lastTime = attempt.time;
  }
  if (attempt.runId !== undefined && !burst.runIds.includes(attempt.runId)) burst.runIds.push(attempt.runId);
  const code = attempt.errorCode ?? 'unknown';
  if (!burst.errors.some((error) => error.code === code && error.message === attempt.errorMessage)) {
    burst.errors.push({ code, ...(attempt.errorMessage !== undefined ? { message: attempt.errorMessage } : {}) });
  }
}

function keyOf(attempt: WebIdentityAttempt): string {
  return JSON.stringify([attempt.issuerHostAndPath ?? attempt.provider ?? null, attempt.aud ?? null, attempt.sub ?? null,
    attempt.roleArn ?? null]);
}
