import { Stack, Token } from 'aws-cdk-lib/core';
import { partitionOf } from './partition-defaults';
import { federatedIssuer, ProviderUrls } from '../../analysis/policy/principal';

// When the account is not known at synth, its ARN field still has 12 digits.
const PLACEHOLDER_ACCOUNT = '123456789012';

/** A trust policy as IAM will store it, and the partition assumed to write it where the stack's is unknown. */
export interface DeployedPolicy {
  readonly document: any;
  /** Set when a provider ARN was written in a partition assumed because the stack's is not known at synth. */
  readonly assumedPartition?: string;
  /** With `assumedPartition`: the same policy written in the shortest partition, `aws`. */
  readonly shortestDocument?: any;
}

// The longest partition name: where the stack's is unknown, the size check must not count short.
const LONGEST_PARTITION = 'aws-us-gov';

/**
 * A resolved trust policy as IAM will store it: each GitHub provider principal that is a CloudFormation expression
 * (`Fn::Join`, `Ref`, `Fn::GetAtt` at synth) written out as its ARN, so that the size check counts what IAM counts.
 * A principal written as a literal ARN is stored as written and kept. Where the partition is unknown, the longest
 * (`aws-us-gov`) is assumed, so the check errs on the safe side, and the result says so.
 */
export function deployedForm(policy: any, stack: Stack, providerUrls: ProviderUrls = {}): DeployedPolicy {
  const known = partitionOf(stack);
  const account = Token.isUnresolved(stack.account) ? PLACEHOLDER_ACCOUNT : stack.account;
  if (known !== undefined) return { document: written(policy, known, account, providerUrls).document };
  const longest = written(policy, LONGEST_PARTITION, account, providerUrls);
  if (!longest.rewritten) return { document: longest.document };
  return {
    document: longest.document,
    assumedPartition: LONGEST_PARTITION,
    shortestDocument: written(policy, 'aws', account, providerUrls).document,
  };
}

/**
 * The policy with its provider principals written as ARNs. Only what changes is copied (the statement, its principal):
 * the rest is shared with the input, which nothing here or in the validator modifies.
 */
function written(policy: any, partition: string, account: string, providerUrls: ProviderUrls): { document: any; rewritten: boolean } {
  if (policy === null || typeof policy !== 'object' || policy.Statement === undefined) return { document: policy ?? null, rewritten: false };
  let rewritten = false;
  const writeStatement = (statement: any) => {
    const principal = statement?.Principal;
    if (principal === null || typeof principal !== 'object' || principal.Federated === undefined) return statement;
    let changed = false;
    const write = (federated: unknown) => {
      if (typeof federated === 'string') return federated;
      const issuer = federatedIssuer(federated, providerUrls);
      if (!issuer) return federated;
      changed = true;
      return issuer.providerArn(partition, account);
    };
    const federated = Array.isArray(principal.Federated) ? principal.Federated.map(write) : write(principal.Federated);
    if (!changed) return statement;
    rewritten = true;
    return { ...statement, Principal: { ...principal, Federated: federated } };
  };
  const statements = Array.isArray(policy.Statement) ? policy.Statement.map(writeStatement) : writeStatement(policy.Statement);
  return { document: rewritten ? { ...policy, Statement: statements } : policy, rewritten };
}
