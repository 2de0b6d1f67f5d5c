/**
 * The plain policy recognized without the rules (src/analysis/validate/plain-policy.ts) must say what the rules say,
 * on every policy it answers for. Policies are generated in its shape, with each part drawn from plain values and from
 * the edges of the shape (names GitHub refuses, wildcards, white space, `%3A`, other partitions, issuers, operators,
 * keys, extra elements) and with every option, so that any part it reads wrongly shows as a difference.
 */
import fc from 'fast-check';
import { document, G, options } from './plain-policy-shapes';
import { TrustPolicyEvaluator } from '../../../src/analysis/evaluate/evaluator';
import { compactSize } from '../../../src/analysis/validate/compact-size';
import { FindingSeverity } from '../../../src/analysis/validate/finding';
import { plainPolicyFindings, readPlainPolicy } from '../../../src/analysis/validate/plain-policy';
import { TrustPolicyValidator, validateByRules } from '../../../src/analysis/validate/validator';
import { attacker, pol } from '../properties/attack-policies';

describe('plainPolicyFindings: the plain policy recognized without the rules', () => {
  test('wherever it answers, it answers as the rules do (policies in the shape and at its edges, every option)', () => {
    let answered = 0;
    let runs = 0;
    fc.assert(fc.property(document, options, (policy, given) => {
      runs++;
      const plain = plainPolicyFindings(policy, given);
      if (plain === undefined) return;
      answered++;
      expect(plain).toEqual(validateByRules(policy, given));
    }), { numRuns: Number(process.env.PLAIN_RUNS ?? 8000) });
    // Not vacuous: a share of the generated policies are of the shape (about one in twenty).
    expect(answered).toBeGreaterThan(runs / 40);
  });

  test('the size it compares with the limit is the compact JSON\'s length, for every policy it answers for', () => {
    let answered = 0;
    fc.assert(fc.property(document, (policy) => {
      if (readPlainPolicy(policy, undefined) === undefined) return;
      answered++;
      expect(compactSize(policy).size).toBe(JSON.stringify(policy).length);
    }), { numRuns: 3000 });
    expect(answered).toBeGreaterThan(3000 / 40);
  });

  test('the policy as text (compact, indented, URL-encoded as IAM returns it) is judged as the rules judge that text', () => {
    let answered = 0;
    fc.assert(fc.property(document, options, fc.constantFrom('compact', 'indented', 'url-encoded', 'key twice'), (policy, given, form) => {
      const compact = JSON.stringify(policy);
      const text = form === 'compact' ? compact : form === 'indented' ? JSON.stringify(policy, null, 2)
        : form === 'url-encoded' ? encodeURIComponent(compact) : compact.replace('{"Statement":', '{"Version":"2008-10-17","Statement":');
      const byRules = validateByRules(text, given);
      const validated = TrustPolicyValidator.validate(text, given as any);
      expect(validated).toEqual(byRules);
      if (plainPolicyFindings(policy, given) !== undefined && form !== 'key twice') answered++;
    }), { numRuns: 3000 });
    expect(answered).toBeGreaterThan(3000 / 60);
  });

  test('it answers for the shapes GitHubDeployRole writes: name-only, immutable, both, pinned IDs, branches, tags', () => {
    const plain = (sub: unknown, arn = `arn:aws:iam::123456789012:oidc-provider/${G}`, pins = {}) => ({
      Statement: [{
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: { StringEquals: { [`${G}:aud`]: 'sts.amazonaws.com', [`${G}:sub`]: sub, ...pins } },
        Effect: 'Allow',
        Principal: { Federated: arn },
      }],
      Version: '2012-10-17',
    });
    const cases = [
      plain('repo:acme/web:environment:production'),
      plain('repo:acme@1844662/web@456789:ref:refs/heads/main'),
      plain(['repo:acme/web:ref:refs/tags/v1.2.3', 'repo:acme@1844662/web@456789:ref:refs/tags/v1.2.3']),
      plain('repo:acme/web:ref:refs/heads/release/2026.12', `arn:aws-us-gov:iam::123456789012:oidc-provider/${G}`),
      plain(['repo:acme/web:environment:production', 'repo:acme@1844662/web@456789:environment:production'], undefined,
        { [`${G}:repository_id`]: '456789', [`${G}:repository_owner_id`]: '1844662' }),
    ];
    for (const policy of cases) {
      const answer = plainPolicyFindings(policy, undefined);
      expect(answer).toBeDefined();
      expect(answer).toEqual(validateByRules(policy));
    }
    // WHEN the subjects are name-only THEN it says so, as RepositoryIdNotPinned does
    expect(plainPolicyFindings(cases[0], undefined)!.map((finding) => [finding.ruleId, finding.severity])).toEqual([
      ['RepositoryIdNotPinned', FindingSeverity.INFO],
    ]);
    expect(plainPolicyFindings(cases[1], undefined)).toEqual([]);
    // WHEN the repository's ID is pinned THEN a name-only subject beside it is no finding
    expect(plainPolicyFindings(cases[4], undefined)).toEqual([]);
  });

  test('one character changed anywhere in a policy of the shape (a key or a value): it answers as the rules do, or not at all', () => {
    const base = {
      Statement: [{
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: {
          StringEquals: {
            [`${G}:aud`]: 'sts.amazonaws.com',
            [`${G}:sub`]: ['repo:acme/web:environment:production', 'repo:acme@1844662/web@456789:ref:refs/heads/release/v1.2'],
            [`${G}:repository_id`]: '456789',
            [`${G}:repository_owner_id`]: '1844662',
          },
        },
        Effect: 'Allow',
        Principal: { Federated: `arn:aws:iam::123456789012:oidc-provider/${G}` },
      }],
      Version: '2012-10-17',
    };
    // Every text of the document, keys included, as a path to it.
    const texts: (string | number)[][] = [];
    const collect = (value: unknown, path: (string | number)[]) => {
      if (typeof value === 'string') {texts.push(path);} else if (Array.isArray(value)) {value.forEach((item, index) => collect(item, [...path, index]));} else if (value && typeof value === 'object') {
        for (const [key, item] of Object.entries(value)) {
          texts.push([...path, { key } as unknown as string]);
          collect(item, [...path, key]);
        }
      }
    };
    collect(base, []);
    const edit = (text: string, at: number, kind: number, char: string) => (kind === 0 ? text.slice(0, at) + char + text.slice(at)
      : kind === 1 ? text.slice(0, at) + text.slice(at + 1) : text.slice(0, at) + char + text.slice(at + 1));
    const changed = (path: (string | number)[], change: (text: string) => string) => {
      const copy = JSON.parse(JSON.stringify(base));
      let parent: any = copy;
      for (const step of path.slice(0, -1)) parent = parent[step as any];
      const last = path[path.length - 1] as any;
      if (typeof last === 'object') {
        const entries = Object.entries(parent).map(([key, value]) => [key === last.key ? change(key) : key, value]);
        for (const key of Object.keys(parent)) delete parent[key];
        Object.assign(parent, Object.fromEntries(entries));
      } else {
        parent[last] = change(parent[last]);
      }
      return copy;
    };
    let answered = 0;
    fc.assert(fc.property(fc.nat(texts.length - 1), fc.nat(200), fc.nat(2),
      fc.constantFrom('*', '?', ':', '/', '.', '@', ' ', '%', '$', '{', 'A', 'a', '0', '-', '_', '\u0000', 'é', '\n'), (which, at, kind, char) => {
        const policy = changed(texts[which], (text) => edit(text, at % (text.length + 1), kind, char));
        const answer = plainPolicyFindings(policy, undefined);
        if (answer === undefined) return;
        answered++;
        expect(answer).toEqual(validateByRules(policy));
      }), { numRuns: 4000 });
    expect(plainPolicyFindings(base, undefined)).toEqual([]);
    // some changes keep the shape (a letter for a letter): those it answers for, and they are compared
    expect(answered).toBeGreaterThan(40);
  });

  test('it leaves every attack policy to the rules, or answers as they do', () => {
    fc.assert(fc.property(pol, (policy) => {
      const plain = plainPolicyFindings(policy, undefined);
      if (plain !== undefined) expect(plain).toEqual(validateByRules(policy));
    }), { numRuns: 3000 });
  });

  test('a policy it answers for admits no other repository\'s token, from the issuer it trusts', () => {
    fc.assert(fc.property(document, attacker, (policy, token) => {
      if (plainPolicyFindings(policy, undefined) === undefined) return;
      const host = /oidc-provider\/(.+)$/.exec(policy.Statement[0].Principal.Federated)![1];
      expect(TrustPolicyEvaluator.evaluate(policy, { ...token, iss: `https://${host}` }).allowed).toBe(false);
    }), { numRuns: 3000 });
  });

  test('an object whose traps throw is left to the rules, which say what they cannot read', () => {
    const hostile = new Proxy({}, {
      getPrototypeOf: () => { throw new Error('trap'); },
      ownKeys: () => { throw new Error('trap'); },
    });
    expect(plainPolicyFindings(hostile, undefined)).toBeUndefined();
    expect(TrustPolicyValidator.validate(hostile)).toEqual(validateByRules(hostile));
    expect(TrustPolicyValidator.validate(hostile).map((finding) => finding.severity)).toContain(FindingSeverity.ERROR);
  });

  test('TrustPolicyValidator.validate answers with it, and with the rules otherwise', () => {
    const policy = {
      Statement: [{
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: { StringEquals: { [`${G}:aud`]: 'sts.amazonaws.com', [`${G}:sub`]: 'repo:acme/web:pull_request' } },
        Effect: 'Allow',
        Principal: { Federated: `arn:aws:iam::123456789012:oidc-provider/${G}` },
      }],
      Version: '2012-10-17',
    };
    // a pull request subject is not of the shape: the rules judge it
    expect(plainPolicyFindings(policy, undefined)).toBeUndefined();
    expect(TrustPolicyValidator.validate(policy).map((finding) => finding.ruleId)).toEqual(['PullRequestSubject', 'RepositoryIdNotPinned']);
  });
});
