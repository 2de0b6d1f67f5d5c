import { Stack, Token } from 'aws-cdk-lib';
import { federatedIssuer, ProviderUrls } from '../../analysis/policy/principal';

// When the account is not known at synth, its ARN field still has 12 digits.
const PLACEHOLDER_ACCOUNT = '123456789012';

/**
 * A resolved trust policy as IAM will store it: each GitHub provider principal (a CloudFormation `Fn::Join`, `Ref` or
 * `Fn::GetAtt` at synth) written out as its ARN, so that the size check counts what IAM counts. Where the partition
 * is unknown, the longest (`aws-us-gov`) is assumed, so the check errs on the safe side.
 */
export function deployedForm(policy: any, stack: Stack, providerUrls: ProviderUrls = {}): any {
  const partition = Token.isUnresolved(stack.partition) ? 'aws-us-gov' : stack.partition;
  const account = Token.isUnresolved(stack.account) ? PLACEHOLDER_ACCOUNT : stack.account;
  const copy = JSON.parse(JSON.stringify(policy ?? null));
  const statements = Array.isArray(copy?.Statement) ? copy.Statement : [copy?.Statement];
  for (const statement of statements) {
    const principal = statement?.Principal;
    if (principal === null || typeof principal !== 'object' || principal.Federated === undefined) continue;
    const write = (federated: unknown) => federatedIssuer(federated, providerUrls)?.providerArn(partition, account) ?? federated;
    principal.Federated = Array.isArray(principal.Federated) ? principal.Federated.map(write) : write(principal.Federated);
  }
  return copy;
}
