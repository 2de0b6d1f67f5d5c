/**
 * The roles GitHubDeployRole writes most are judged through the plain-policy shortcut
 * (src/analysis/validate/plain-policy.ts), whose answer is the rules' answer (its own property test): here, that the
 * construct's policies, as the synth-time check sees them, are of that shape, in every partition and account setting,
 * and that the synth says the same as the rules would.
 */
import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as plain from '../../src/analysis/validate/plain-policy';
import { validateByRules } from '../../src/analysis/validate/validator';
import { GitHubDeployRole } from '../../src/constructs/deploy-role';
import { GitHubRepository } from '../../src/model/repository';
import { SubjectClaim } from '../../src/model/subject-claim';

afterEach(() => jest.restoreAllMocks());

describe('the construct\'s own policies take the plain-policy shortcut', () => {
  test.each([
    ['no env', undefined],
    ['an account and region', { account: '123456789012', region: 'us-east-1' }],
    ['China', { account: '123456789012', region: 'cn-north-1' }],
    ['GovCloud', { account: '123456789012', region: 'us-gov-west-1' }],
  ])('%s: each role is answered by the shortcut, as the rules answer', (_name, env) => {
    const spy = jest.spyOn(plain, 'plainPolicyFindings');
    const app = new App();
    const stack = new Stack(app, 'Stack', { env });
    const named = GitHubRepository.of('acme', 'web');
    const pinned = GitHubRepository.of('acme', 'api', { ownerId: 1844662, repositoryId: 456789 });
    new GitHubDeployRole(stack, 'Environment', { repository: named, subjects: [SubjectClaim.environment('production')] });
    new GitHubDeployRole(stack, 'Branch', { repository: named, subjects: [SubjectClaim.branch('main'), SubjectClaim.tag('v1.2.3')] });
    new GitHubDeployRole(stack, 'Pinned', { repository: pinned, subjects: [SubjectClaim.environment('production')] });
    app.synth();

    expect(spy).toHaveBeenCalledTimes(3);
    for (const [index, [document, options]] of spy.mock.calls.entries()) {
      const answer = spy.mock.results[index].value;
      expect(answer).toBeDefined();
      expect(answer).toEqual(validateByRules(document, options));
    }
  });

  test('a name-only role still gets the RepositoryIdNotPinned note; a pinned one gets none', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack');
    new GitHubDeployRole(stack, 'Named', { repository: GitHubRepository.of('acme', 'web'), subjects: [SubjectClaim.environment('production')] });
    new GitHubDeployRole(stack, 'Pinned', {
      repository: GitHubRepository.of('acme', 'api', { ownerId: 1844662, repositoryId: 456789 }),
      subjects: [SubjectClaim.environment('production')],
    });
    const notes = Annotations.fromStack(stack).findInfo('*', Match.stringLikeRegexp('RepositoryIdNotPinned'));
    expect(notes.map((note) => note.entry.data)).toEqual([expect.stringContaining('"repo:acme/web:environment:production"')]);
    expect(Annotations.fromStack(stack).findError('*', Match.anyValue())).toEqual([]);
  });
});
