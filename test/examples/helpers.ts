import { App, Aspects, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { AwsSolutionsChecks, NagSuppressions } from 'cdk-nag';
import { IConstruct } from 'constructs';
import { GitHubTrustAssertions } from '../../src';

/** Every stack of an example app, in construction order. */
export function stacksOf(app: App): Stack[] {
  return app.node.children.filter((child): child is Stack => child instanceof Stack);
}

/** One stack of an app by its construct ID. */
export function stackOf(app: App, id: string): Stack {
  const stack = app.node.tryFindChild(id);
  if (!(stack instanceof Stack)) throw new Error(`no stack ${id} in the app: ${stacksOf(app).map((s) => s.node.id).join(', ')}`);
  return stack;
}

/** Warnings and errors of every stack (info is how acknowledged trust choices are shown, and is not counted). */
export function warningsAndErrors(app: App): string[] {
  return stacksOf(app).flatMap((stack) => {
    const annotations = Annotations.fromStack(stack);
    return [...annotations.findError('*', Match.anyValue()), ...annotations.findWarning('*', Match.anyValue())]
      .map((message) => `${message.id}: ${String(message.entry.data)}`);
  });
}

/**
 * The two checks every example passes, as tests in the caller's `describe`: it synthesizes with no error and no
 * unacknowledged warning, and each stack's template matches its reviewed snapshot (named by stack).
 */
export function itSynthesizesAsReviewed(buildApp: () => App): void {
  test('synthesizes with no error and no unacknowledged warning', () => {
    // GIVEN the example app WHEN it is synthesized THEN nothing throws, and no annotation is a warning or an error
    const app = buildApp();
    expect(() => app.synth()).not.toThrow();
    expect(warningsAndErrors(app)).toEqual([]);
  });

  test('templates match the reviewed snapshots', () => {
    for (const stack of stacksOf(buildApp())) {
      expect(Template.fromStack(stack).toJSON()).toMatchSnapshot(stack.stackName);
    }
  });
}

/** `GitHubTrustAssertions` over a stack's synthesized template. */
export function trustOf(stack: Stack): GitHubTrustAssertions {
  return GitHubTrustAssertions.fromTemplate(Template.fromStack(stack).toJSON());
}

/** The logical ID of the one `AWS::IAM::Role` at or under a construct (e.g. a `GitHubDeployRole`). */
export function roleLogicalId(construct: IConstruct): string {
  const roles = construct.node.findAll().filter((c): c is iam.CfnRole => c instanceof iam.CfnRole);
  if (roles.length !== 1) throw new Error(`${construct.node.path} holds ${roles.length} roles, expected one`);
  return Stack.of(roles[0]).resolve(roles[0].logicalId);
}

/** The trust policy's conditions of the one role at or under a construct, as synthesized. */
export function trustConditionsOf(construct: IConstruct): any {
  const template = Template.fromStack(Stack.of(construct)).toJSON();
  const statements = template.Resources[roleLogicalId(construct)].Properties.AssumeRolePolicyDocument.Statement;
  expect(statements).toHaveLength(1);
  return statements[0].Condition;
}

/**
 * The one cdk-nag finding every `cdkDeployment: true` role has, and why it is accepted: the policy allows
 * `sts:AssumeRole` on `role/cdk-*` of the account, narrowed by the condition `iam:ResourceTag/aws-cdk:bootstrap-role`
 * to the four CDK bootstrap roles (deploy, file-publishing, image-publishing, lookup) of any qualifier. Naming the
 * roles instead would pin one qualifier and one region. This is the suppression a user of the library adds.
 */
export function suppressCdkBootstrapWildcard(scope: IConstruct): void {
  NagSuppressions.addResourceSuppressions(scope, [{
    id: 'AwsSolutions-IAM5',
    reason: 'cdkDeployment: sts:AssumeRole on role/cdk-* is narrowed by the aws-cdk:bootstrap-role tag condition to the CDK bootstrap roles',
    appliesTo: [{ regex: '/^Resource::arn:<AWS::Partition>:iam::(<AWS::AccountId>|\\d{12}):role\\/cdk-\\*$/g' }],
  }], true);
}

/**
 * The AwsSolutions findings (errors and warnings) left after the suppressions, as `<construct path> <rule>[<finding>]`,
 * e.g. `/Stack/Role/DefaultPolicy/Resource AwsSolutions-IAM5[Action::s3:Abort*]`.
 */
export function awsSolutionsFindings(app: App): string[] {
  Aspects.of(app).add(new AwsSolutionsChecks());
  app.synth();
  return stacksOf(app).flatMap((stack) => {
    const annotations = Annotations.fromStack(stack);
    return [
      ...annotations.findError('*', Match.stringLikeRegexp('AwsSolutions-.*')),
      ...annotations.findWarning('*', Match.stringLikeRegexp('AwsSolutions-.*')),
    ].map((finding) => `${finding.id} ${/^AwsSolutions-[A-Za-z0-9]+(\[[^\]]*\])?/.exec(String(finding.entry.data))?.[0]}`);
  });
}
