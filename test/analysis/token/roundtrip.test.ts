/**
 * Simulated tokens against hand-built exact policies, for every repository, ref and environment: the policy for a
 * repository admits that repository's token and no other repository's, in the name-only and the immutable form.
 */
import fc from 'fast-check';
import { TrustPolicyEvaluator } from '../../../src/analysis/evaluate/evaluator';
import { GitHubToken } from '../../../src/analysis/token/token';
import { GitHubRepository } from '../../../src/model/repository';
import { SubjectFormat } from '../../../src/model/subject-claim';
import { githubPolicy } from '../validate/fixtures';

const GITHUB = 'token.actions.githubusercontent.com';

// GitHub owners: letters and digits in runs joined by single hyphens, at most 39 characters.
const owner = fc.array(fc.stringMatching(/^[A-Za-z0-9]{1,10}$/), { minLength: 1, maxLength: 4 })
  .map((runs) => runs.join('-')).filter((o) => o.length <= 39);
const name = fc.stringMatching(/^[A-Za-z0-9._-]{1,100}$/).filter((n) => n !== '.' && n !== '..');
const id = fc.integer({ min: 1, max: 2 ** 40 });
const segment = fc.stringMatching(/^[a-z0-9][a-z0-9_-]{0,11}$/);
const ref = fc.tuple(fc.constantFrom('refs/heads/', 'refs/tags/'), fc.array(segment, { minLength: 1, maxLength: 3 }))
  .map(([prefix, parts]) => `${prefix}${parts.join('/')}`);
const environment = fc.option(fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9 :_-]{0,20}[A-Za-z0-9]$/), { nil: undefined });

/** An exact policy, as a careful author writes it: the audience and the one subject, with StringEquals. */
function exactPolicy(sub: string): object {
  return githubPolicy({ StringEquals: { [`${GITHUB}:aud`]: 'sts.amazonaws.com', [`${GITHUB}:sub`]: sub } });
}

/** The subject the author writes by hand, from the names alone (not through the library's renderer). */
function handWrittenSub(repo: string, run: { ref: string; environment?: string }): string {
  const context = run.environment !== undefined ? `environment:${run.environment.split(':').join('%3A')}` : `ref:${run.ref}`;
  return `repo:${repo}:${context}`;
}

describe('simulated tokens against exact policies', () => {
  test('name-only: the repository\'s own token is allowed, another repository\'s is denied', () => {
    fc.assert(fc.property(owner, name, owner, name, ref, environment, (o, n, otherOwner, otherName, r, env) => {
      // GIVEN an exact policy for owner/name and the run
      fc.pre(`${o}/${n}` !== `${otherOwner}/${otherName}`);
      const policy = exactPolicy(handWrittenSub(`${o}/${n}`, { ref: r, environment: env }));

      // WHEN the run's token, and the same run in another repository, are evaluated
      const own = GitHubToken.simulate({ repository: GitHubRepository.of(o, n), ref: r, environment: env });
      const other = GitHubToken.simulate({ repository: GitHubRepository.of(otherOwner, otherName), ref: r, environment: env });

      // THEN only the repository's own token is allowed
      const ownResult = TrustPolicyEvaluator.evaluate(policy, own);
      expect(ownResult.summary).toBe('allowed by statement 0');
      expect(TrustPolicyEvaluator.evaluate(policy, other).allowed).toBe(false);
    }), { numRuns: 300 });
  });

  test('immutable: the repository\'s own token is allowed; another name or a recycled name with other IDs is denied', () => {
    fc.assert(fc.property(owner, name, id, id, fc.tuple(owner, name), fc.tuple(id, id), ref, environment,
      (o, n, ownerId, repositoryId, [otherOwner, otherName], [otherOwnerId, otherRepositoryId], r, env) => {
        // GIVEN an exact policy for owner@id/name@id
        fc.pre(`${o}/${n}` !== `${otherOwner}/${otherName}`);
        fc.pre(ownerId !== otherOwnerId || repositoryId !== otherRepositoryId);
        const policy = exactPolicy(handWrittenSub(`${o}@${ownerId}/${n}@${repositoryId}`, { ref: r, environment: env }));
        const simulate = (repository: GitHubRepository) =>
          GitHubToken.simulate({ repository, ref: r, environment: env, subjectFormat: SubjectFormat.IMMUTABLE });

        // WHEN tokens of the repository, of another name, and of the same name re-registered with other IDs are evaluated
        const own = simulate(GitHubRepository.of(o, n, { ownerId, repositoryId }));
        const otherName_ = simulate(GitHubRepository.of(otherOwner, otherName, { ownerId, repositoryId }));
        const recycled = simulate(GitHubRepository.of(o, n, { ownerId: otherOwnerId, repositoryId: otherRepositoryId }));

        // THEN only the repository's own token is allowed
        expect(TrustPolicyEvaluator.evaluate(policy, own).allowed).toBe(true);
        expect(TrustPolicyEvaluator.evaluate(policy, otherName_).allowed).toBe(false);
        expect(TrustPolicyEvaluator.evaluate(policy, recycled).allowed).toBe(false);
      }), { numRuns: 300 });
  });

  test('a name-only token is not admitted by the immutable policy of the same repository, nor the reverse', () => {
    fc.assert(fc.property(owner, name, id, id, ref, (o, n, ownerId, repositoryId, r) => {
      // GIVEN the two spellings of one repository's subject
      const repository = GitHubRepository.of(o, n, { ownerId, repositoryId });
      const nameOnly = GitHubToken.simulate({ repository, ref: r, subjectFormat: SubjectFormat.NAME_ONLY });
      const immutable = GitHubToken.simulate({ repository, ref: r, subjectFormat: SubjectFormat.IMMUTABLE });

      // THEN each exact policy admits its own spelling only: a migration needs both (SubjectFormat.BOTH)
      expect(TrustPolicyEvaluator.evaluate(exactPolicy(nameOnly.sub), immutable).allowed).toBe(false);
      expect(TrustPolicyEvaluator.evaluate(exactPolicy(immutable.sub), nameOnly).allowed).toBe(false);
      expect(TrustPolicyEvaluator.evaluate(exactPolicy(immutable.sub), immutable).allowed).toBe(true);
    }), { numRuns: 200 });
  });
});
