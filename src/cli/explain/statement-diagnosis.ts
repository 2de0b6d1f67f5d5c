/**
 * The diagnosis of one statement: its principal and each condition that refused the token, with the change that would
 * admit the run and a warning when that change would admit more than this repository.
 */
import { ConditionEvaluation, StatementEvaluation } from '../../analysis/evaluate/types';
import { hasWildcard, wildcardMatches } from '../../analysis/evaluate/wildcard';
import { ParsedStatement } from '../../analysis/policy/document';
import { issuerOfMiswrittenPrincipal, miswrittenPrincipalKind, providerAccount } from '../../analysis/policy/principal';
import { GitHubIssuer } from '../../model/issuer';
import { parseSubject, repositoryName, repositoryOfSubject, SubjectParts } from '../subject-parts';
import { Cause, Finding, PolicyChange } from './diagnosis-types';

/** How to phrase the change that adds the token's value to a condition. */
interface ChangeOptions {
  /** Replace this policy value with the token's instead of adding it (a near miss, e.g. in case). */
  readonly replace?: string;
  readonly warning?: string;
  readonly alternative?: string;
}

const CASE_INSENSITIVE = /IgnoreCase/i;
// Claims that name the repository: dropping a condition on one of them lets other repositories in.
const REPOSITORY_SCOPING_CLAIMS = new Set(['sub', 'repository', 'repository_id', 'repository_owner', 'repository_owner_id', 'job_workflow_ref']);

/** Diagnoses the parts of one statement, knowing the token's claims and what the statement trusts. */
export class StatementContext {
  private readonly tokenIssuer?: GitHubIssuer;
  /** Repository names (lower case, no IDs) the statement trusts today, from its `sub` and `repository` values. */
  private readonly trustedNames: string[];

  constructor(
    private readonly statement: StatementEvaluation,
    private readonly parsed: ParsedStatement | undefined,
    private readonly claims: { readonly [claim: string]: string },
    private readonly roleAccount?: string,
  ) {
    this.tokenIssuer = claims.iss !== undefined ? GitHubIssuer.tryFromUrl(claims.iss) : undefined;
    const names = new Set<string>();
    for (const condition of statement.conditions) {
      if (isNegated(condition.operator)) continue;
      for (const value of condition.expected) {
        const repository = condition.claim === 'sub' ? repositoryOfSubject(value) : condition.claim === 'repository' ? value : undefined;
        const name = repository === undefined ? undefined : repositoryName(repository);
        if (name !== undefined) names.add(name);
      }
    }
    this.trustedNames = [...names];
  }

  private get index(): number {
    return this.statement.index;
  }

  public diagnosePrincipal(findings: Finding[], changes: PolicyChange[]): void {
    if (this.statement.principalMatched) return;
    const trusted = this.parsed?.issuer;
    const tokenIss = this.claims.iss ?? '(no iss claim)';
    if (trusted && this.parsed?.issuerSource === 'issuer-host' && (!this.tokenIssuer || this.tokenIssuer.sameAs(trusted))) {
      // `"Federated": "token.actions.githubusercontent.com"`: the issuer is right, the principal is not a provider ARN.
      // (A token of another issuer is an issuer mismatch, below: its change writes the ARN and renames the keys.)
      const written = this.principalText();
      const miswritten = (this.parsed?.federated ?? []).find((value) => issuerOfMiswrittenPrincipal(value, [trusted]) !== undefined);
      const kind = miswrittenPrincipalKind(typeof miswritten === 'string' ? miswritten : written);
      findings.push({
        cause: Cause.PROVIDER_NAMED_BY_HOST,
        statementIndex: this.index,
        text: `Statement ${this.index} names its Federated principal ${JSON.stringify(written)}, ${kind}, ` +
          'where the ARN of the account\'s OIDC provider belongs: STS matches a token to that provider by its ARN, so no run ' +
          'gets in (FederatedPrincipalNotArn).',
      });
      changes.push({
        statementIndex: this.index,
        text: `statement ${this.index}: set Principal.Federated to ${this.providerArnFor(trusted.conditionKeyPrefix)}`,
      });
      return;
    }
    const otherAccounts = trusted && this.roleAccount !== undefined && (!this.tokenIssuer || this.tokenIssuer.sameAs(trusted))
      ? this.providerAccounts().filter((account) => account !== this.roleAccount) : [];
    if (trusted && otherAccounts.length > 0) {
      // The right issuer, another account's provider: STS takes a token only through the role's own account's provider.
      findings.push({
        cause: Cause.PROVIDER_OF_OTHER_ACCOUNT,
        statementIndex: this.index,
        text: `Statement ${this.index} trusts the ${trusted.url} provider of account ${otherAccounts.join(', ')}, but the role is ` +
          `in account ${this.roleAccount}: STS accepts a token only through the OIDC provider of the role's own account.`,
      });
      changes.push({
        statementIndex: this.index,
        text: `statement ${this.index}: set Principal.Federated to ${this.providerArnFor(trusted.conditionKeyPrefix, this.roleAccount)} (account ` +
          `${this.roleAccount} needs an OIDC provider for ${trusted.url})`,
      });
      return;
    }
    if (!trusted) {
      findings.push({
        cause: Cause.NOT_GITHUB_PRINCIPAL,
        statementIndex: this.index,
        text: `Statement ${this.index} trusts ${this.principalText()}, which is not a GitHub Actions OIDC provider; ` +
          `the token was issued by ${tokenIss}.`,
      });
    } else {
      findings.push({
        cause: Cause.ISSUER_MISMATCH,
        statementIndex: this.index,
        text: `Statement ${this.index} trusts the OIDC provider of ${trusted.url}, but the token was issued by ${tokenIss}` +
          (this.tokenIssuer && this.tokenIssuer.kind !== trusted.kind ? ` (${describeIssuerKind(this.tokenIssuer)})` : '') +
          '. STS only accepts a token through the provider whose URL is its iss; the conditions on ' +
          `${trusted.conditionKeyPrefix}:... read no claim of this token.`,
      });
    }
    const prefix = this.tokenIssuer?.conditionKeyPrefix ?? tokenIss.replace(/^https:\/\//, '');
    changes.push({
      statementIndex: this.index,
      text: `statement ${this.index}: set Principal.Federated to ${this.providerArnFor(prefix)}` +
        (trusted ? ` and rename the condition keys from ${trusted.conditionKeyPrefix}:... to ${prefix}:...` : '') +
        ` (the account needs an OIDC provider for https://${prefix})`,
    });
  }

  /**
   * Whether the principal change already covers this condition: a key of the statement's own issuer, which the
   * request lacks only because the token comes from another issuer.
   */
  public renamedByPrincipalChange(condition: ConditionEvaluation): boolean {
    const trusted = this.parsed?.issuer;
    if (this.statement.principalMatched || !trusted || condition.actual !== undefined) return false;
    return condition.key.toLowerCase().startsWith(`${trusted.conditionKeyPrefix.toLowerCase()}:`)
      && !(this.tokenIssuer?.sameAs(trusted) ?? false);
  }

  public diagnoseCondition(condition: ConditionEvaluation, findings: Finding[], changes: PolicyChange[]): void {
    const where = `${condition.operator} ${condition.key}`;
    const expectedText = listText(condition.expected);
    const add = (cause: Cause, text: string, change?: ChangeOptions | false) => {
      findings.push({ cause, statementIndex: this.index, conditionKey: condition.key, text });
      if (change !== false) changes.push(this.addValueChange(condition, change ?? {}));
    };

    if (isNegated(condition.operator)) {
      add(Cause.EXCLUDED_VALUE,
        `${where} excludes ${JSON.stringify(condition.actual)}, the token's ${condition.claim ?? 'value'}: it is among ${expectedText}.`,
        false);
      changes.push({
        statementIndex: this.index,
        text: `statement ${this.index}: remove the values matching ${JSON.stringify(condition.actual)} from ${where}`,
      });
      return;
    }

    if (condition.actual === undefined) {
      this.diagnoseMissing(condition, findings, changes);
      return;
    }
    const actual = condition.actual;

    // Causes any claim can have, checked first because they are what a reader misses most easily.
    const caseTwin = condition.expected.find((value) => !CASE_INSENSITIVE.test(condition.operator)
      && (hasWildcard(value) && /Like/.test(condition.operator)
        ? wildcardMatches(value.toLowerCase(), actual.toLowerCase())
        : value.toLowerCase() === actual.toLowerCase()));
    if (caseTwin !== undefined) {
      add(Cause.CASE_MISMATCH,
        `${where}: the token's ${condition.claim ?? 'value'} ${JSON.stringify(actual)} and the policy's ${JSON.stringify(caseTwin)} differ only in case, ` +
        `and ${baseOperatorOf(condition.operator)} compares case-sensitively (GitHub writes names as they are spelled in GitHub).`,
        { replace: caseTwin });
      return;
    }
    const literalStar = /^(ForAnyValue:|ForAllValues:)?StringEquals/.test(condition.operator)
      ? condition.expected.find((value) => hasWildcard(value) && wildcardMatches(value, actual)) : undefined;
    if (literalStar !== undefined) {
      const wideRepository = condition.claim === 'sub' && /[*?]/.test(repositoryOfSubject(literalStar) ?? '*');
      add(Cause.STRING_EQUALS_WILDCARD,
        `${where} holds ${JSON.stringify(literalStar)}, but StringEquals compares "*" and "?" as literal characters, ` +
        `so that value never matches; under StringLike it would match ${JSON.stringify(actual)}.`,
        {
          alternative: `move ${JSON.stringify(literalStar)} to a StringLike condition on ${condition.key}`,
          ...(wideRepository ? {
            warning: `StringLike ${JSON.stringify(literalStar)} has a wildcard in the repository part: it would admit ` +
              'every repository it matches, not only this one. Prefer the exact value above.',
          } : {}),
        });
      return;
    }

    if (condition.claim === 'aud') {
      add(Cause.AUDIENCE_MISMATCH,
        `${where}: the token's aud is ${JSON.stringify(actual)} but the policy expects ${expectedText}. ` +
        'aws-actions/configure-aws-credentials asks for sts.amazonaws.com unless its `audience` input says otherwise, ' +
        'and the OIDC provider\'s client ID list must hold the audience too.',
        { alternative: `set \`audience: ${condition.expected[0] ?? 'sts.amazonaws.com'}\` in the configure-aws-credentials step instead` });
      return;
    }
    if (condition.claim === 'sub') {
      this.diagnoseSubject(condition, actual, add);
      return;
    }
    if (condition.claim === 'repository_id' || condition.claim === 'repository_owner_id') {
      const what = condition.claim === 'repository_id' ? 'repository' : 'owner';
      add(Cause.ID_MISMATCH,
        `${where}: the token's ${condition.claim} is ${actual}, the policy expects ${expectedText}. The ${what} with this ` +
        'name is not the one the role was made for: it was deleted and re-created, transferred, or the name now belongs to someone else.',
        { warning: `Only add ${actual} if you know the ${what} ${what === 'repository' ? this.claims.repository ?? '' : this.claims.repository_owner ?? ''} with this ID is yours.` });
      return;
    }
    if (condition.claim === 'repository') {
      add(Cause.OTHER_REPOSITORY, `${where}: the token comes from ${actual}; statement ${this.index} trusts ${expectedText}.`);
      return;
    }
    if (condition.claim === 'environment') {
      add(Cause.ENVIRONMENT_EXPECTED,
        `${where}: the job references the environment ${JSON.stringify(actual)}; the policy expects ${expectedText}.`,
        { alternative: `reference the expected environment in the job: \`environment: ${condition.expected[0] ?? ''}\`` });
      return;
    }
    add(Cause.VALUE_MISMATCH, `${where}: the token's ${condition.claim ?? 'value'} is ${JSON.stringify(actual)}; the policy expects ${expectedText}.`);
  }

  private diagnoseSubject(condition: ConditionEvaluation, actual: string,
    add: (cause: Cause, text: string, change?: ChangeOptions | false) => void): void {
    const where = `${condition.operator} ${condition.key}`;
    const token = parseSubject(actual);
    const expected = condition.expected.map((value) => ({ value, parts: parseSubject(value) }));
    const tokenName = token.repository === undefined ? undefined : repositoryName(token.repository);
    const sameName = expected.filter(({ parts }) => tokenName !== undefined && namesMatch(parts, tokenName));
    const expectedText = listText(condition.expected);

    if (token.customTemplate !== expected.every(({ parts }) => parts.customTemplate) && expected.length > 0) {
      const tokenShape = token.customTemplate ? 'a custom template' : 'the default repo:<owner>/<repo>:<context> form';
      const policyShape = token.customTemplate ? 'the default form' : 'a custom template';
      add(Cause.SUBJECT_TEMPLATE,
        `${where}: the token's sub ${JSON.stringify(actual)} follows ${tokenShape}, the policy's ${expectedText} ${policyShape}. ` +
        'The organization or repository customized its sub (include_claim_keys), or the role was written for another one; ' +
        'an organization template applies to a repository only once it sets use_default: false.');
      return;
    }
    if (sameName.length === 0) {
      add(Cause.OTHER_REPOSITORY,
        `${where}: the token comes from ${token.repository ?? 'an unnamed repository'} (sub ${JSON.stringify(actual)}); ` +
        `statement ${this.index} trusts ${expectedText}.`);
      return;
    }
    const sameForm = sameName.filter(({ parts }) => parts.immutable === token.immutable);
    if (sameForm.length === 0) {
      const example = sameName[0].value;
      add(token.immutable ? Cause.IMMUTABLE_SUBJECT : Cause.NAME_ONLY_SUBJECT, token.immutable
        ? `${where}: the token's sub ${JSON.stringify(actual)} names the repository in the immutable owner@id/repo@id form ` +
          `(repositories created or renamed after 15 July 2026, or opted in), the policy the name-only form ${JSON.stringify(example)}.`
        : `${where}: the policy expects the immutable form ${JSON.stringify(example)}, but the token's sub ${JSON.stringify(actual)} ` +
          'is name-only (the repository has not switched to immutable subjects; GitHub Enterprise Server never does).',
      { alternative: 'trust both forms while the repository migrates (SubjectFormat.BOTH in this library)' });
      return;
    }
    const tokenRepository = (token.repository ?? '').toLowerCase();
    const sameRepository = sameForm.filter(({ parts }) => {
      const written = (parts.repository ?? '').toLowerCase();
      return hasWildcard(written) ? wildcardMatches(written, tokenRepository) : written === tokenRepository;
    });
    if (sameRepository.length === 0) {
      add(Cause.ID_MISMATCH,
        `${where}: the token's sub names ${token.repository}, the policy ${listText(sameForm.map(({ parts }) => parts.repository ?? ''))}: ` +
        'the same name with other IDs. The repository was deleted and re-created, transferred, or the name now belongs to someone else.',
        { warning: `Only add ${JSON.stringify(actual)} if you know the repository with these IDs is yours.` });
      return;
    }
    const expectedKinds = new Set(sameRepository.map(({ parts }) => parts.kind));
    const repo = token.repository;
    if (token.kind === 'environment' && !expectedKinds.has('environment')) {
      add(Cause.ENVIRONMENT_SUBJECT,
        `The job references the environment ${JSON.stringify(decodeSubjectValue(token.environment ?? ''))}, so its token's sub is ` +
        `${JSON.stringify(actual)}, whatever the branch; the policy expects ${expectedText}. ` +
        'Jobs that reference an environment get environment:NAME as sub, whatever the branch or event.',
        { alternative: 'remove `environment:` from the job, if it should run without the environment\'s protection rules' });
      return;
    }
    if (token.kind !== 'environment' && expectedKinds.has('environment') && !expectedKinds.has(token.kind)) {
      const environments = sameRepository.filter(({ parts }) => parts.kind === 'environment').map(({ parts }) => decodeSubjectValue(parts.environment ?? ''));
      add(Cause.ENVIRONMENT_EXPECTED,
        `The policy trusts the environment ${listText(environments)} (sub ${expectedText}), but this job references no environment, ` +
        `so its sub is ${JSON.stringify(actual)}.`,
        {
          warning: `Adding ${JSON.stringify(actual)} lets the run in without the protection rules of environment ${listText(environments)} ` +
            '(required reviewers, branch policies).',
          alternative: `add \`environment: ${environments[0]}\` to the job instead (no policy change)`,
        });
      return;
    }
    if (token.kind === 'pull_request' && !expectedKinds.has('pull_request')) {
      add(Cause.PULL_REQUEST_SUBJECT,
        `This is a pull_request run, and pull_request runs without an environment get sub ${JSON.stringify(`repo:${repo}:pull_request`)}, ` +
        `not the branch's; the policy expects ${expectedText}.`,
        { warning: 'Trusting pull_request lets any pull request from a branch of the repository assume the role: give such a role read-only permissions.' });
      return;
    }
    if (token.kind !== 'pull_request' && expectedKinds.has('pull_request') && !expectedKinds.has(token.kind)) {
      add(Cause.PULL_REQUEST_EXPECTED,
        `The policy trusts only pull_request runs (${expectedText}); this run's sub is ${JSON.stringify(actual)}` +
        `${this.claims.event_name ? ` (event ${this.claims.event_name})` : ''}.`);
      return;
    }
    if (token.kind === 'environment') {
      add(Cause.ENVIRONMENT_EXPECTED,
        `${where}: the job references the environment ${JSON.stringify(decodeSubjectValue(token.environment ?? ''))}; the policy trusts ${expectedText}.`,
        { alternative: 'reference one of the trusted environments in the job' });
      return;
    }
    if (token.kind === 'ref') {
      add(Cause.OTHER_REF,
        `${where}: this run is on ${token.ref} (sub ${JSON.stringify(actual)}); the policy trusts ${expectedText}. ` +
        'Note that schedule, workflow_dispatch and similar events run on the default branch.');
      return;
    }
    add(Cause.VALUE_MISMATCH, `${where}: the token's sub is ${JSON.stringify(actual)}; the policy expects ${expectedText}.`);
  }

  private diagnoseMissing(condition: ConditionEvaluation, findings: Finding[], changes: PolicyChange[]): void {
    const where = `${condition.operator} ${condition.key}`;
    const keyIssuer = GitHubIssuer.tryFromUrl(condition.key.replace(/:[^:/]+$/, '').toLowerCase());
    let text: string;
    let change: PolicyChange;
    if (condition.claim === undefined && keyIssuer && this.tokenIssuer && !keyIssuer.sameAs(this.tokenIssuer)) {
      const claim = condition.key.slice(condition.key.lastIndexOf(':') + 1);
      text = `${where}: the key belongs to the issuer ${keyIssuer.url}, but the token was issued by ${this.tokenIssuer.url}, ` +
        'so the request has no value for it and the condition fails.';
      change = { statementIndex: this.index, text: `statement ${this.index}: rename the key ${condition.key} to ${this.tokenIssuer.conditionKey(claim)}` };
    } else if (condition.claim === undefined) {
      text = `${where}: the request has no value for ${condition.key}: it is not a claim of the token's issuer ` +
        `(${this.tokenIssuer?.url ?? this.claims.iss ?? 'unknown'}), so the condition fails.`;
      change = this.removeChange(condition);
    } else if (condition.claim === 'environment') {
      text = `${where}: the job references no environment, so the token has no environment claim (and its sub ends in ` +
        `ref:... or pull_request); the policy expects the environment ${listText(condition.expected)}.`;
      change = {
        ...this.removeChange(condition),
        alternative: `reference the environment in the job instead: \`environment: ${condition.expected[0] ?? ''}\``,
      };
    } else if (condition.claim === 'repository_id' || condition.claim === 'repository_owner_id') {
      // Every GitHub token carries the IDs: a token without them was simulated without IDs. Never advise to drop a
      // pin of the repository's immutable ID; advise to simulate the run with the IDs.
      findings.push({
        cause: Cause.MISSING_CLAIM,
        statementIndex: this.index,
        conditionKey: condition.key,
        text: `${where}: this token has no ${condition.claim} claim, but every GitHub Actions token carries one: the run was ` +
          'simulated without the repository\'s IDs (or these are not a GitHub token\'s claims). Keep the condition, which ' +
          'pins the repository\'s immutable ID; simulate with --owner-id and --repo-id (gh api repos/OWNER/NAME --jq ' +
          '\'.owner.id, .id\') to see whether the run passes.',
      });
      return;
    } else {
      text = `${where}: the token has no ${condition.claim} claim, so the condition fails` +
        `${condition.claim === 'sub' || condition.claim === 'aud' ? ' (every GitHub Actions token has one: are these the claims of a GitHub token?)' : ''}.`;
      change = this.removeChange(condition);
    }
    findings.push({ cause: Cause.MISSING_CLAIM, statementIndex: this.index, conditionKey: condition.key, text });
    changes.push(change);
  }

  /** Add the token's value to the condition (or replace a near miss), with a warning if it widens the role. */
  private addValueChange(condition: ConditionEvaluation, extra: ChangeOptions): PolicyChange {
    const actual = condition.actual ?? '';
    const values = extra.replace !== undefined
      ? condition.expected.map((value) => (value === extra.replace ? actual : value))
      : [...condition.expected, actual];
    const verb = extra.replace !== undefined
      ? `replace ${JSON.stringify(extra.replace)} with ${JSON.stringify(actual)} in`
      : `add ${JSON.stringify(actual)} to`;
    const warning = extra.warning ?? this.wideningWarning(condition, actual);
    return {
      statementIndex: this.index,
      text: `statement ${this.index}: ${verb} ${condition.operator} ${condition.key}`,
      snippet: JSON.stringify({ [condition.operator]: { [condition.key]: values.length === 1 ? values[0] : values } }),
      ...(warning ? { warning } : {}),
      ...(extra.alternative ? { alternative: extra.alternative } : {}),
    };
  }

  private removeChange(condition: ConditionEvaluation): PolicyChange {
    const scoping = condition.claim !== undefined && REPOSITORY_SCOPING_CLAIMS.has(condition.claim);
    return {
      statementIndex: this.index,
      text: `statement ${this.index}: remove the condition ${condition.operator} ${condition.key}`,
      ...(scoping ? {
        warning: `Without its ${condition.claim} condition the statement no longer names one repository: ` +
          'it would admit tokens of every repository its other conditions let through.',
      } : {}),
    };
  }

  /** A warning when adding `value` makes the statement trust a repository it does not trust today. */
  private wideningWarning(condition: ConditionEvaluation, value: string): string | undefined {
    const repository = condition.claim === 'sub' ? repositoryOfSubject(value) : condition.claim === 'repository' ? value : undefined;
    if (repository === undefined) return undefined;
    const name = repositoryName(repository);
    if (name === undefined || this.trustedNames.length === 0) return undefined;
    if (this.trustedNames.some((trusted) => trusted === name || (hasWildcard(trusted) && wildcardMatches(trusted, name)))) return undefined;
    return `This makes the role trust ${repository} as well as ${listText(this.trustedNames)}: prefer one role per repository.`;
  }

  private principalText(): string {
    const federated = this.parsed?.federated ?? [];
    if (federated.length > 0) return federated.map((value) => (typeof value === 'string' ? value : JSON.stringify(value))).join(', ');
    if (this.parsed?.otherPrincipals.length) return `${this.parsed.otherPrincipals.join(', ')} principals`;
    return 'no federated principal';
  }

  /** The accounts the statement's federated principals name literally (provider ARNs). */
  private providerAccounts(): string[] {
    const accounts = (this.parsed?.federated ?? []).map((value) => providerAccount(value)).filter((a): a is string => a !== undefined);
    return [...new Set(accounts)];
  }

  private providerArnFor(prefix: string, account?: string): string {
    // Keep the partition and account of the principal as written, when it is a plain ARN (the account: unless given).
    const written = (this.parsed?.federated ?? []).find((value): value is string => typeof value === 'string'
      && /^arn:[^:]*:iam::[^:]*:oidc-provider\//.test(value));
    if (written) {
      const arn = written.replace(/oidc-provider\/.*$/, `oidc-provider/${prefix}`);
      return account === undefined ? arn : arn.replace(/^(arn:[^:]*:iam::)[^:]*:/, `$1${account}:`);
    }
    return `arn:aws:iam::${account ?? '<ACCOUNT>'}:oidc-provider/${prefix}`;
  }
}

function namesMatch(parts: SubjectParts, tokenName: string): boolean {
  if (parts.repository === undefined) return false;
  const name = repositoryName(parts.repository);
  if (name === undefined) return false;
  return hasWildcard(name) ? wildcardMatches(name, tokenName) : name === tokenName;
}

function isNegated(operator: string): boolean {
  return /Not(Equals|Like)/.test(operator);
}

function baseOperatorOf(operator: string): string {
  return operator.replace(/^(ForAllValues|ForAnyValue):/, '').replace(/IfExists$/, '');
}

function describeIssuerKind(issuer: GitHubIssuer): string {
  switch (issuer.kind) {
    case 'ENTERPRISE_CLOUD': return 'an enterprise\'s unique issuer';
    case 'GHE_COM': return 'a GHE.com issuer';
    case 'ENTERPRISE_SERVER': return 'a GitHub Enterprise Server issuer';
    default: return 'github.com';
  }
}

/** `"a"` or `"a", "b"` */
function listText(values: readonly string[]): string {
  return values.length === 0 ? '(no values)' : values.map((value) => JSON.stringify(value)).join(', ');
}

/** GitHub writes `:` as `%3A` inside sub values. */
function decodeSubjectValue(value: string): string {
  return value.replace(/%3A/gi, ':');
}
