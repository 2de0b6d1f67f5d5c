import * as iam from 'aws-cdk-lib/aws-iam';
import { ArnFormat, Stack } from 'aws-cdk-lib/core';

/**
 * The tag the CDK bootstrap template puts on its roles, and the roles `cdk deploy` assumes (aws-cdk
 * bootstrap-template.yaml: DeploymentActionRole `deploy`, FilePublishingRole `file-publishing`,
 * ImagePublishingRole `image-publishing`, LookupRole `lookup`). The CloudFormation execution role is not among
 * them: CloudFormation assumes it, not the caller.
 */
export const BOOTSTRAP_ROLE_TAG = 'aws-cdk:bootstrap-role';
export const BOOTSTRAP_ROLE_KINDS = ['deploy', 'file-publishing', 'image-publishing', 'lookup'];

/**
 * The statement that lets a role run `cdk deploy`: assume the CDK bootstrap roles of the given accounts and
 * nothing else. The ARN pattern `role/cdk-*` matches every qualifier's roles; the tag condition narrows it to the
 * four bootstrap roles, so another role whose name happens to start with `cdk-` is not assumable.
 *
 * `sts:TagSession` goes with `sts:AssumeRole` because the bootstrap roles allow it and CDK passes session tags when
 * a synthesizer sets them (`deployRoleAdditionalOptions: { Tags }`); it adds no role to what can be assumed.
 *
 * @param accounts account IDs (or tokens) whose bootstrap roles may be assumed
 */
export function cdkBootstrapStatement(stack: Stack, accounts: string[]): iam.PolicyStatement {
  return new iam.PolicyStatement({
    sid: 'AssumeCdkBootstrapRoles',
    actions: ['sts:AssumeRole', 'sts:TagSession'],
    resources: accounts.map((account) => stack.formatArn({
      service: 'iam',
      region: '',
      account,
      resource: 'role',
      resourceName: 'cdk-*',
      arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
    })),
    conditions: {
      StringEquals: { [`iam:ResourceTag/${BOOTSTRAP_ROLE_TAG}`]: BOOTSTRAP_ROLE_KINDS },
    },
  });
}
