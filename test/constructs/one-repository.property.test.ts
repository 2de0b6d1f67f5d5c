import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as fc from 'fast-check';
import { GITHUB } from './helpers';
import { GitHubDeployRole } from '../../src/constructs/deploy-role';
import { GitHubRepository } from '../../src/model/repository';
import { SubjectClaim, SubjectFormat } from '../../src/model/subject-claim';

// GitHub's owner and repository name rules (src/model/repository.ts), branch names with wildcards, free-form
// environment names.
const ownerArb = fc.stringMatching(/^[A-Za-z0-9](?:[A-Za-z0-9]|-[A-Za-z0-9]){0,18}$/);
const nameArb = fc.stringMatching(/^[A-Za-z0-9_][A-Za-z0-9._-]{0,30}$/).filter((n) => n !== '.' && n !== '..');
const branchArb = fc.stringMatching(/^[a-z0-9*?][a-z0-9*?_-]{0,10}(?:\/[a-z0-9*?][a-z0-9*?_-]{0,10}){0,2}$/);
// eslint-disable-next-line no-control-regex
const envArb = fc.string({ minLength: 1, maxLength: 40 }).filter((s) => s.trim() === s && !/[\x00-\x1f\x7f*?]/.test(s));
const idsArb = fc.option(fc.record({ ownerId: fc.integer({ min: 1, max: 2 ** 40 }), repositoryId: fc.integer({ min: 1, max: 2 ** 40 }) }));
const subjectsArb = fc.array(fc.oneof(branchArb.map(SubjectClaim.branch), envArb.map(SubjectClaim.environment)), { minLength: 1, maxLength: 4 });

// Template.fromStack runs the synth-time validation, so every case also shows that the trust rules reject no policy
// the builders make (an ERROR finding would throw).
test('every sub value of a role names exactly its one repository (name-only or immutable form), and the rules accept it', () => {
  fc.assert(fc.property(ownerArb, nameArb, idsArb, subjectsArb, (owner, name, ids, subjects) => {
    // duplicates are refused at construction; the property is about what gets synthesized
    const unique = subjects.filter((s, i) => subjects.findIndex((t) => t.context === s.context) === i);
    const repository = GitHubRepository.of(owner, name, ids ?? {});
    const stack = new Stack(new App(), 'Stack');
    new GitHubDeployRole(stack, 'Role', {
      repository, subjects: unique, subjectFormat: ids ? SubjectFormat.BOTH : undefined, trustPolicySizeLimit: 8192,
    });
    const statement = Object.values(Template.fromStack(stack).findResources('AWS::IAM::Role'))[0]
      .Properties.AssumeRolePolicyDocument.Statement;
    expect(statement).toHaveLength(1);
    const condition = statement[0].Condition;
    const sub = condition.StringLike?.[`${GITHUB}:sub`] ?? condition.StringEquals[`${GITHUB}:sub`];
    const values: string[] = Array.isArray(sub) ? sub : [sub];
    const prefixes = [`repo:${owner}/${name}:`, ...(ids ? [`repo:${owner}@${ids.ownerId}/${name}@${ids.repositoryId}:`] : [])];
    expect(values).toHaveLength(unique.length * prefixes.length);
    for (const value of values) {
      expect(prefixes.some((prefix) => value.startsWith(prefix))).toBe(true);
      // the repository part holds no wildcard that could stretch to another repository
      expect(value.slice(0, value.indexOf(':', 5))).not.toMatch(/[*?]/);
    }
    expect(condition.StringEquals[`${GITHUB}:aud`]).toBe('sts.amazonaws.com');
  }), { numRuns: 60 });
});
