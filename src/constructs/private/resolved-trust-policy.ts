import * as iam from 'aws-cdk-lib/aws-iam';
import { IResolvable, IResolveContext, Stack } from 'aws-cdk-lib/core';
import { renderedResource } from './rendered-resource';

/**
 * A role's trust policy exactly as the template will hold it, for the synth-time check: the resolved
 * `AssumeRolePolicyDocument`, with the escape hatches applied (`addPropertyOverride`, `addOverride`,
 * `addPropertyDeletionOverride` on the `AWS::IAM::Role`). An override is written into the template after the
 * document is rendered, so a check of the document alone would pass a role whose override widens `sub` to `repo:*`.
 */
export function synthesizedTrustPolicy(stack: Stack, role: iam.CfnRole): unknown {
  const document = resolveTrustPolicy(stack, role);
  if (!hasOverrides(role)) return document;
  const rendered = renderedResource(stack, role);
  // A resource that is not synthesized (shouldSynthesize() false) deploys nothing: judge its document as written.
  return rendered ? rendered.Properties?.AssumeRolePolicyDocument : document;
}

/**
 * Whether the resource has escape-hatch overrides. CfnResource keeps them in `rawOverrides` (not public); if that
 * ever changes shape, every role is treated as overridden, which costs a render, never a missed override.
 */
function hasOverrides(role: iam.CfnRole): boolean {
  const overrides = (role as unknown as { rawOverrides?: unknown }).rawOverrides;
  return overrides === null || typeof overrides !== 'object' || Object.keys(overrides).length > 0;
}

/**
 * A role's trust policy resolved once, for the synth-time check and for the template.
 *
 * The check must judge what is synthesized, so it resolves the role's `AssumeRolePolicyDocument`; the synthesis then
 * resolved the same `iam.PolicyDocument` again, walking its statements, principals and post-processing a second time
 * (about a tenth of a role's synth). The check leaves the resolution in the property instead, and the template gets
 * exactly what was judged. Should the document change after the check (a statement added by code that runs later,
 * or a second synth of a changed tree), the resolution is stale and the document is resolved anew.
 */
function resolveTrustPolicy(stack: Stack, role: iam.CfnRole): unknown {
  const current: unknown = role.assumeRolePolicyDocument;
  const source = current instanceof ResolvedTrustPolicy ? current.source : current;
  const resolved = stack.resolve(source);
  // Only an iam.PolicyDocument says when it changed (its statements freeze when resolved; only new ones can be
  // added). A plain object may be changed anywhere inside, so it is resolved again at synth as before.
  if (source instanceof iam.PolicyDocument) role.assumeRolePolicyDocument = new ResolvedTrustPolicy(source, resolved, stack);
  return resolved;
}

class ResolvedTrustPolicy implements IResolvable {
  public readonly creationStack: string[] = [];
  private readonly statementCount: number;

  constructor(public readonly source: iam.PolicyDocument, private readonly resolved: unknown, private readonly stack: Stack) {
    // Counted after resolving: merging statements (the minimizePolicies flag) happens then.
    this.statementCount = source.statementCount;
  }

  public resolve(context: IResolveContext): unknown {
    const current = this.source.statementCount === this.statementCount && Stack.of(context.scope) === this.stack;
    // A token's resolution is resolved further: the stale case resolves the document as if it had not been wrapped.
    return current ? this.resolved : this.source;
  }

  public toString(): string {
    return this.source.toString();
  }
}
