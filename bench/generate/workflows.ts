/**
 * Workflow files and roles for the `check` benchmark: one repository with many deploy workflows, each with two
 * triggers, a matrix of two environments and a configure-aws-credentials step naming its role by ARN; an IAM export
 * with one role per environment (more roles than jobs use, as in a shared account). Deterministic.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { accountId } from './names';

const REPOSITORY = 'acme/platform';

/** Writes `workflows` workflow files under `<dir>/.github/workflows` and an export of `roles` roles; returns the paths. */
export function writeCheckInputs(dir: string, workflows: number, roles: number): { workflowsDir: string; rolesFile: string; repository: string } {
  const account = accountId(0);
  const workflowsDir = path.join(dir, '.github', 'workflows');
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(workflowsDir, { recursive: true });
  for (let i = 0; i < workflows; i++) {
    const environments = [`env-${(2 * i) % roles}`, `env-${(2 * i + 1) % roles}`];
    fs.writeFileSync(path.join(workflowsDir, `deploy-${i}.yml`), [
      `name: deploy ${i}`,
      'on:',
      '  push:',
      `    branches: [main, 'release/**']`,
      '  workflow_dispatch:',
      'permissions:',
      '  id-token: write',
      '  contents: read',
      'jobs:',
      '  deploy:',
      '    runs-on: ubuntu-latest',
      '    strategy:',
      '      matrix:',
      `        env: [${environments.join(', ')}]`,
      '    environment: ${{ matrix.env }}',
      '    steps:',
      '      - uses: actions/checkout@v4',
      '      - uses: aws-actions/configure-aws-credentials@v4',
      '        with:',
      `          role-to-assume: arn:aws:iam::${account}:role/deploy-\${{ matrix.env }}`,
      '          aws-region: eu-west-1',
      '',
    ].join('\n'));
  }
  const roleList = Array.from({ length: roles }, (_, i) => ({
    RoleName: `deploy-env-${i}`,
    Arn: `arn:aws:iam::${account}:role/deploy-env-${i}`,
    AssumeRolePolicyDocument: {
      Version: '2012-10-17',
      Statement: [{
        Effect: 'Allow',
        Principal: { Federated: `arn:aws:iam::${account}:oidc-provider/token.actions.githubusercontent.com` },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: {
          StringEquals: {
            'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
            'token.actions.githubusercontent.com:sub': `repo:${REPOSITORY}:environment:env-${i}`,
          },
        },
      }],
    },
  }));
  const rolesFile = path.join(dir, 'roles.json');
  fs.writeFileSync(rolesFile, JSON.stringify({ RoleDetailList: roleList, UserDetailList: [], GroupDetailList: [], Policies: [] }, null, 2));
  return { workflowsDir, rolesFile, repository: REPOSITORY };
}
