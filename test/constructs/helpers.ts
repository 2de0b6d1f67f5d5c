import { App, Stack, StackProps } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';

/** A fresh app and one stack, environment-agnostic unless `props.env` is given. */
export function newStack(props: StackProps = {}, id = 'Stack'): { app: App; stack: Stack } {
  const app = new App();
  const stack = new Stack(app, id, props);
  return { app, stack };
}

/** The resources of one type in a stack's template, by logical ID. */
export function resourcesOf(stack: Stack, type: string): { [logicalId: string]: any } {
  return Template.fromStack(stack).findResources(type);
}

/** The one trust policy of the one IAM role in a stack. */
export function onlyTrustPolicy(stack: Stack): any {
  const roles = Object.values(resourcesOf(stack, 'AWS::IAM::Role'));
  expect(roles).toHaveLength(1);
  return roles[0].Properties.AssumeRolePolicyDocument;
}

/** What CDK synthesizes for an OIDC provider ARN imported into an environment-agnostic stack. */
export function importedArnJoin(issuerHostAndPath: string): any {
  return {
    'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::', { Ref: 'AWS::AccountId' }, `:oidc-provider/${issuerHostAndPath}`]],
  };
}

export const GITHUB = 'token.actions.githubusercontent.com';
