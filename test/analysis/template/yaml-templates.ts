/** YAML templates for the tests of StackSet bodies: one GitHub deploy role, its `sub` value written in YAML. */

const GITHUB = 'token.actions.githubusercontent.com';

/**
 * A template of one role `Deploy` trusting github.com's provider (a `!Sub` ARN), `aud` pinned, `sub` as given: a
 * YAML value such as `"repo:acme/*"` or `!If [IsProd, "...", "repo:*"]`. `head` lines come first (e.g. `Conditions:`).
 */
export function yamlRoleTemplate(subValue: string, head: string[] = []): string {
  return [
    ...head,
    'Resources:',
    '  Deploy:',
    '    Type: AWS::IAM::Role',
    '    Properties:',
    '      AssumeRolePolicyDocument:',
    '        Statement:',
    '          - Effect: Allow',
    '            Action: sts:AssumeRoleWithWebIdentity',
    `            Principal: { Federated: !Sub "arn:\${AWS::Partition}:iam::\${AWS::AccountId}:oidc-provider/${GITHUB}" }`,
    '            Condition:',
    `              StringEquals: { "${GITHUB}:aud": sts.amazonaws.com }`,
    `              StringLike: { "${GITHUB}:sub": ${subValue} }`,
  ].join('\n');
}
