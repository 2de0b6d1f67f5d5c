/**
 * The roles GitHubDeployRole writes most are judged through the plain-policy shortcut
 * (src/analysis/validate/plain-policy.ts), whose answer is the rules' answer (its own property test): here, that the
 * construct's policies, as the synth-time check sees them, are of that shape, in every partition and account setting,
 * and that the synth says the same as the rules would.
 */
import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import fc from 'fast-check';
import * as plain from '../../src/analysis/validate/plain-policy';
import { validateByRules } from '../../src/analysis/validate/validator';
import { GitHubDeployRole } from '../../src/constructs/deploy-role';
import { GitHubIssuer } from '../../src/model/issuer';
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

  test.each([
    ['an enterprise on github.com', GitHubIssuer.enterprise('acme')],
    ['GHE.com', GitHubIssuer.gheCom('octocorp')],
    ['GitHub Enterprise Server, name-only subjects', GitHubIssuer.enterpriseServer('github.example.com')],
  ])('%s: the role is answered by the shortcut, as the rules answer', (_name, issuer) => {
    const spy = jest.spyOn(plain, 'plainPolicyFindings');
    const app = new App();
    const stack = new Stack(app, 'Stack');
    new GitHubDeployRole(stack, 'Role', { issuer, repository: GitHubRepository.of('acme', 'web'), subjects: [SubjectClaim.environment('production')] });
    app.synth();
    expect(spy).toHaveBeenCalledTimes(1);
    const [document, options] = spy.mock.calls[0];
    expect(spy.mock.results[0].value).toBeDefined();
    expect(spy.mock.results[0].value).toEqual(validateByRules(document, options));
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

  test('property: for any repository and subjects the construct accepts, the shortcut, where it answers, says what the rules say', () => {
    const name = (pattern: RegExp) => fc.stringMatching(pattern);
    const role = fc.record({
      owner: fc.oneof({ weight: 4, arbitrary: name(/^[A-Za-z0-9]{1,8}(-[A-Za-z0-9]{1,4})?$/) }, { weight: 1, arbitrary: name(/^[A-Za-z0-9-]{1,12}$/) }),
      repository: fc.oneof({ weight: 4, arbitrary: name(/^[A-Za-z0-9][A-Za-z0-9_-]{0,10}(\.[a-z]{1,4})?$/) }, { weight: 1, arbitrary: name(/^[A-Za-z0-9._-]{1,14}$/) }),
      ids: fc.option(fc.tuple(fc.integer({ min: 1, max: 2 ** 40 }), fc.integer({ min: 1, max: 2 ** 40 })), { nil: undefined }),
      // names mostly as teams write them, sometimes with what GitHub or git refuse or read as patterns
      subjects: fc.array(fc.oneof(
        { weight: 3, arbitrary: name(/^[A-Za-z0-9][A-Za-z0-9_-]{0,10}$/).map((env) => () => SubjectClaim.environment(env)) },
        { weight: 3, arbitrary: name(/^[A-Za-z0-9][A-Za-z0-9._-]{0,6}(\/[A-Za-z0-9][A-Za-z0-9_-]{0,6})?$/).map((branch) => () => SubjectClaim.branch(branch)) },
        { weight: 2, arbitrary: name(/^v[0-9]{1,2}(\.[0-9]{1,2}){0,2}$/).map((tag) => () => SubjectClaim.tag(tag)) },
        { weight: 2, arbitrary: name(/^[A-Za-z0-9 ._:%*?-]{1,12}$/).map((env) => () => SubjectClaim.environment(env)) },
        { weight: 2, arbitrary: name(/^[A-Za-z0-9._/*?-]{1,16}$/).map((branch) => () => SubjectClaim.branch(branch)) },
        { weight: 1, arbitrary: fc.constant(() => SubjectClaim.pullRequest()) },
      ), { minLength: 1, maxLength: 3 }),
    });
    let answered = 0;
    fc.assert(fc.property(fc.array(role, { minLength: 1, maxLength: 8 }), (roles) => {
      const spy = jest.spyOn(plain, 'plainPolicyFindings');
      const app = new App();
      const stack = new Stack(app, 'Stack');
      roles.forEach((spec, index) => {
        try {
          const repository = GitHubRepository.of(spec.owner, spec.repository,
            spec.ids ? { ownerId: spec.ids[0], repositoryId: spec.ids[1] } : undefined);
          new GitHubDeployRole(stack, `Role${index}`, { repository, subjects: spec.subjects.map((subject) => subject()) });
        } catch {
          // props the construct refuses (a name GitHub does not allow, a subject twice): not a policy to judge
        }
      });
      try {
        app.synth();
      } catch {
        // a role with an ERROR fails the synth, after every role was judged
      }
      spy.mock.calls.forEach(([document, options], index) => {
        const answer = spy.mock.results[index].value;
        if (answer === undefined) return;
        answered++;
        expect(answer).toEqual(validateByRules(document, options));
      });
      spy.mockRestore();
    }), { numRuns: 40 });
    // most roles the construct writes are of the shape
    expect(answered).toBeGreaterThan(20);
  });
});
