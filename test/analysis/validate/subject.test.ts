import * as fc from 'fast-check';
import { wildcardMatches } from '../../../src/analysis/evaluate/wildcard';
import { analyzeSubject } from '../../../src/analysis/validate/subject';

const asPattern = (value: string) => analyzeSubject(value, { pattern: true, ignoreCase: false });

describe('analyzeSubject', () => {
  test.each([
    ['repo:acme/web:ref:refs/heads/main', 'default', 'one', 'branch'],
    ['repo:acme/web:ref:refs/heads/release/*', 'default', 'one', 'branch'],
    ['repo:acme/web:ref:refs/heads/*', 'default', 'one', 'every-branch'],
    ['repo:acme/web:ref:*', 'default', 'one', 'every-branch'],
    ['repo:acme/web:ref:refs/tags/v*', 'default', 'one', 'tag'],
    ['repo:acme/web:ref:refs/tags/*', 'default', 'one', 'every-tag'],
    ['repo:acme/web:environment:production', 'default', 'one', 'environment'],
    ['repo:acme/web:environment:prod*', 'default', 'one', 'environment-pattern'],
    ['repo:acme/web:pull_request', 'default', 'one', 'pull-request'],
    ['repo:acme/web:*', 'default', 'one', 'any'],
    ['repo:acme@1/web@2:ref:refs/heads/main', 'default', 'one', 'branch'],
    ['repo:*', 'default', 'any-owner', 'any'],
    ['repo:*/*', 'default', 'any-owner', 'any'],
    ['*', 'custom', 'any-owner', 'any'],
    ['repo:acme/*', 'default', 'owner', 'any'],
    ['repo:acme/*:ref:refs/heads/main', 'default', 'owner', 'branch'],
    ['repo:acme/web*', 'default', 'several', 'any'],
    ['repo:acme@*/web@*', 'default', 'id-wildcard', 'any'],
    ['repo:acme@123/web@*', 'default', 'id-wildcard', 'any'],
    ['repo:acme/web:environment:prod:job_workflow_ref:acme/d/.github/workflows/d.yml@refs/heads/main', 'custom', 'one', 'environment'],
    ['repo:acme/web:job_workflow_ref:acme/d/.github/workflows/d.yml@refs/heads/main', 'custom', 'one', 'other'],
    ['repository_owner_id:1844662:repository_id:599293758:ref:refs/heads/main', 'custom', 'one', 'branch'],
    ['repository_owner_id:1844662:ref:refs/heads/main', 'custom', 'owner', 'branch'],
    ['workflow:deploy:environment:prod', 'custom', 'any-owner', 'environment'],
  ])('%s: %s template, repository %s, context %s', (value, template, scope, context) => {
    const analysis = asPattern(value);
    expect([analysis.template, analysis.repository.scope, analysis.context, analysis.shapeProblem])
      .toEqual([template, scope, context, undefined]);
  });

  test.each([
    ['acme/web:ref:refs/heads/main', /does not start with "repo:"/],
    ['repo:acme/web', /no context/],
    ['repo:acme/web:ref:main', /not a full ref.*"ref:refs\/heads\/main"/],
    ['repo:acme/web:branch:main', /"branch" is not a claim/],
    ['repo:acme/web/extra:ref:refs/heads/main', /is not "<owner>\/<name>"/],
    ['repo:acme/web:ref:main*', /matches no ref/],
    ['repo:acme/web:x*', /matches no context/],
    ['repository_id:abc:ref:refs/heads/main', /repository_id "abc" is not a numeric ID/],
  ])('%s is not a shape GitHub writes', (value, problem) => {
    expect(asPattern(value).shapeProblem).toMatch(problem);
  });

  test('under an exact operator "*" is a plain character: the repository part is malformed, not a wildcard', () => {
    const analysis = analyzeSubject('repo:acme/*', { pattern: false, ignoreCase: false });
    expect(analysis.repository.scope).toBe('unknown');
    expect(analysis.shapeProblem).toMatch(/"acme\/\*" is not "<owner>\/<name>"/);
  });

  test('IAM\'s escapes ${*} and ${?} are literal characters, not wildcards', () => {
    // a literal "*": not every branch, but the branch "a*", which git forbids, so the value matches nothing
    const literalStar = asPattern('repo:acme/web:ref:refs/heads/a${*}');
    expect([literalStar.context, literalStar.shapeProblem]).toEqual(['unknown', expect.stringContaining('is not a name git allows')]);
    expect(asPattern('repo:acme/web${?}:ref:refs/heads/main').repository.scope).toBe('unknown');
  });

  test('StringEqualsIgnoreCase reads claim names without case', () => {
    const analysis = analyzeSubject('REPO:Acme/Web:Environment:Prod', { pattern: false, ignoreCase: true });
    expect([analysis.repository.scope, analysis.context, analysis.shapeProblem]).toEqual(['one', 'environment', undefined]);
  });

  test('property: a pattern judged to admit one repository matches no subject of another repository', () => {
    // Small alphabets, so that patterns and subjects collide often.
    const part = (alphabet: string[]) => fc.array(fc.constantFrom(...alphabet), { minLength: 0, maxLength: 4 }).map((p) => p.join(''));
    const namePattern = part(['a', 'b', '-', '*', '?', '@1', '@2']);
    const contextPattern = fc.oneof(
      part(['ref:refs/heads/', 'ref:refs/tags/', 'ref:', 'environment:', 'pull_request', 'a', '/', '@', '*', '?', ':']),
      fc.constantFrom('*', 'ref:refs/heads/*', 'environment:*', 'pull_request'),
    );
    const pattern = fc.oneof(
      // Shaped like GitHub's subjects, with wildcards anywhere...
      { weight: 6, arbitrary: fc.tuple(namePattern, namePattern, contextPattern).map(([owner, repo, ctx]) => `repo:${owner}/${repo}:${ctx}`) },
      { weight: 1, arbitrary: fc.tuple(namePattern, namePattern).map(([owner, repo]) => `repo:${owner}/${repo}`) },
      // ...and free-form.
      {
        weight: 1,
        arbitrary: fc.array(fc.constantFrom('repo', ':', 'a', 'b', '/', '*', '?', '-', 'ref', ':refs/heads/', 'environment', 'pull_request', '@1'),
          { minLength: 1, maxLength: 9 }).map((pieces) => pieces.join('')),
      },
    );
    const name = fc.stringMatching(/^[ab][ab-]{0,2}$/).filter((n) => !n.endsWith('-') && !n.includes('--'));
    const context = fc.oneof(
      name.map((n) => `ref:refs/heads/${n}`),
      name.map((n) => `ref:refs/tags/${n}`),
      // Environment names may hold "/", "@" and an encoded ":".
      fc.stringMatching(/^[ab/@-]{1,4}$/).map((e) => `environment:${e}`),
      fc.constant('environment:a%3Ab'),
      fc.constant('pull_request'),
    );
    const subject = fc.tuple(name, name, context, fc.boolean()).map(([owner, repo, ctx, ids]) => ({
      repository: ids ? `${owner}@1/${repo}@2` : `${owner}/${repo}`,
      sub: `repo:${ids ? `${owner}@1/${repo}@2` : `${owner}/${repo}`}:${ctx}`,
    }));
    fc.assert(fc.property(pattern, fc.array(subject, { minLength: 1, maxLength: 20 }), (value, subjects) => {
      const analysis = asPattern(value);
      if (analysis.repository.scope !== 'one' || analysis.shapeProblem || analysis.repository.claim !== 'repo') return;
      for (const { repository, sub } of subjects) {
        if (wildcardMatches(value, sub)) expect([value, sub, repository]).toEqual([value, sub, analysis.repository.text]);
      }
    }), { numRuns: 5000 });
  });
});
