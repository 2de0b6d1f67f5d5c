/**
 * Would IAM let a GitHub Actions token assume a role with this trust policy, and why. Reads the policy with the
 * shared reader (`parsePolicy`), judges every statement, and applies IAM's rule for one policy: an applicable Deny
 * wins, else an applicable Allow allows, else the request is denied by default.
 *
 * Pure TypeScript; never throws, whatever the policy, claims or options hold.
 */
import { ClaimValues } from './claims';
import { evaluateStatement, JudgedStatement, joinNames, StatementContext } from './statement';
import {
  EvaluationDecision, StatementEvaluation, TrustPolicyEvaluation, TrustPolicyEvaluationOptions, TrustPolicyVariantEvaluation,
} from './types';
import { GitHubIssuer } from '../../model/issuer';
import { describeChoices, MAX_VARIANTS, policyChoices, TemplateMappings } from '../policy/conditional';
import { ParsedPolicy, parsePolicy } from '../policy/document';
import { ProviderUrls } from '../policy/principal';

const DEFAULT_ACTION = 'sts:AssumeRoleWithWebIdentity';

/**
 * Evaluates a role trust policy for the claims of a GitHub Actions OIDC token, as IAM does for
 * `sts:AssumeRoleWithWebIdentity`.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
 */
export class TrustPolicyEvaluator {
  /**
   * Whether a token with these claims may assume a role with this trust policy, with every statement's and
   * condition's verdict and a one-line summary. Never throws: what cannot be read is listed in `problems`.
   *
   * @param policyDocument the trust policy: an object, JSON text, or URL-encoded JSON text as the IAM API returns it
   * @param claims the token's claims by name (`sub`, `aud`, `iss`, `repository`, ...), e.g. a decoded JWT payload
   *   or the result of `GitHubToken.simulate`
   * @param options the issuer, the action and the template's OIDC providers
   */
  public static evaluate(policyDocument: any, claims: { [claim: string]: string }, options?: TrustPolicyEvaluationOptions): TrustPolicyEvaluation {
    try {
      return evaluatePolicy(policyDocument, claims, options);
    } catch (err) {
      // Nothing above is expected to throw; should it, the caller still gets an answer rather than a crash.
      const reason = err instanceof Error ? err.message : String(err);
      return {
        allowed: false,
        decision: EvaluationDecision.IMPLICIT_DENY,
        statements: [],
        problems: [`the evaluation failed: ${reason}`],
        summary: `denied: the evaluation failed (${reason})`,
      };
    }
  }

  private constructor() {}
}

function evaluatePolicy(policyDocument: unknown, claimsInput: unknown, optionsInput: unknown): TrustPolicyEvaluation {
  const problems: string[] = [];
  const options = readOptions(optionsInput, problems);
  const claims = new ClaimValues(claimsInput, problems);
  const issuer = tokenIssuer(options.issuer, claims.get('iss'), problems);
  const policy = readPolicy(policyDocument, options.providerUrls);
  const context = { issuer, claims, action: options.action, providerUrls: options.providerUrls, roleAccount: options.roleAccount };

  // A template's choices (Fn::If, Fn::Select, Fn::FindInMap) make several policies; the token is judged by each,
  // since a test or a diagnosis that read only one could say "refused" of a deployment that admits it.
  const choices = policyChoices(policy, policyDocument, options.mappings);
  let variants: TrustPolicyVariantEvaluation[] | undefined;
  let outcome: Outcome;
  if (choices?.variants) {
    variants = choices.variants.map((variant) => {
      const read = parsePolicy(variant.document, { providerUrls: options.providerUrls });
      problems.push(...read.problems);
      return { choices: describeChoices(variant.choices), ...judgePolicy(read, context, problems) };
    });
    outcome = combineVariants(variants, choices.names);
  } else {
    problems.push(...policy.problems);
    if (choices) {
      problems.push(`the policy makes more CloudFormation choices (${choices.names.join(', ')}) than ${MAX_VARIANTS} deployments can list: `
        + 'it is evaluated as written, and what each deployment of the template admits is not known');
      variants = [];
    }
    outcome = judgePolicy(policy, context, problems);
  }

  // An RCP's Deny wins over the trust policy's Allow (AWS Organizations, "RCP effects on permissions").
  const rcpDenial = options.resourceControlPolicies === undefined ? undefined
    : resourceControlDenial(options.resourceControlPolicies, context, problems);
  if (rcpDenial !== undefined) {
    outcome = deniedByRcp(outcome, rcpDenial);
    variants = variants?.map((variant) => ({ choices: variant.choices, ...deniedByRcp(variant, rcpDenial) }));
  }
  // Written out, not spread from the outcome: one evaluation is made per token of a check, and the object keeps one shape.
  const evaluation: { -readonly [K in keyof TrustPolicyEvaluation]: TrustPolicyEvaluation[K] } = {
    allowed: outcome.allowed,
    decision: outcome.decision,
    statements: outcome.statements,
    problems: [...new Set(problems)],
    summary: outcome.summary,
  };
  if (variants !== undefined) evaluation.variants = variants;
  return evaluation;
}

/** The verdict on one policy (or one variant of it), before resource control policies. */
interface Outcome {
  readonly allowed: boolean;
  readonly decision: EvaluationDecision;
  readonly statements: StatementEvaluation[];
  readonly summary: string;
}

function judgePolicy(policy: ParsedPolicy, context: StatementContext, problems: string[]): Outcome {
  const judged = policy.statements.map((statement) => evaluateStatement(statement, context, problems));
  const statements = judged.map((j) => j.evaluation);
  const decision = statements.some((s) => s.applies && s.effect === 'Deny') ? EvaluationDecision.EXPLICIT_DENY
    : statements.some((s) => s.applies && s.effect === 'Allow') ? EvaluationDecision.ALLOWED : EvaluationDecision.IMPLICIT_DENY;
  return { allowed: decision === EvaluationDecision.ALLOWED, decision, statements, summary: summarize(decision, judged, policy) };
}

function deniedByRcp(outcome: Outcome, denial: string): Outcome {
  const summary = outcome.allowed ? `denied explicitly by ${denial}, though the trust policy allows the token (${outcome.summary})`
    : `${outcome.summary}; also denied explicitly by ${denial}`;
  return { allowed: false, decision: EvaluationDecision.EXPLICIT_DENY, statements: outcome.statements, summary };
}

/** How many denying or admitting variants a summary names before it counts the rest. */
const VARIANTS_NAMED = 2;

/**
 * One verdict for a policy the template deploys in several ways: allowed when any way admits the token (a token that
 * one deployment lets in is not refused), with the statements of the first admitting variant (else of the first).
 */
function combineVariants(variants: readonly TrustPolicyVariantEvaluation[], names: readonly string[]): Outcome {
  const admitting = variants.filter((variant) => variant.allowed);
  const refusing = variants.filter((variant) => !variant.allowed);
  const shown = admitting[0] ?? variants[0];
  const whatever = `whatever the template's choices (${names.join(', ')})`;
  let summary: string;
  if (refusing.length === 0 || admitting.length === 0) {summary = `${shown.summary}, ${whatever}`;} else {
    const listed = (list: readonly TrustPolicyVariantEvaluation[], verdict: string) => {
      const parts = list.slice(0, VARIANTS_NAMED).map((variant) => `${verdict} when ${variant.choices} (${variant.summary.replace(/^(denied|allowed):?\s*/i, '')})`);
      if (list.length > VARIANTS_NAMED) parts.push(`${list.length - VARIANTS_NAMED} more ${verdict === 'allowed' ? 'admitting' : 'refusing'}`);
      return parts.join('; ');
    };
    summary = `${listed(admitting, 'allowed')}; ${listed(refusing, 'denied')}`;
  }
  return { allowed: shown.allowed, decision: shown.decision, statements: shown.statements, summary };
}

interface ReadOptions {
  readonly issuer?: GitHubIssuer;
  readonly action: string;
  readonly providerUrls?: ProviderUrls;
  readonly roleAccount?: string;
  readonly resourceControlPolicies?: unknown[];
  readonly mappings?: TemplateMappings;
}

/** Which Deny statement of the resource control policies applies to the token, named; undefined when none does. */
function resourceControlDenial(policies: readonly unknown[], context: StatementContext, problems: string[]): string | undefined {
  for (const [index, document] of policies.entries()) {
    const policy = readPolicy(document, undefined);
    for (const problem of policy.problems) problems.push(`resource control policy ${index}: ${problem}`);
    for (const statement of policy.statements) {
      // RCPs allow only through RCPFullAWSAccess; their own statements are Denies, and only a Deny changes anything.
      if (statement.effect !== 'Deny') continue;
      const judged = evaluateStatement(statement, context, []);
      if (judged.evaluation.applies) return `resource control policy ${index} ${named(statement)}`;
    }
  }
  return undefined;
}

function readOptions(input: unknown, problems: string[]): ReadOptions {
  if (input === undefined || input === null) return { action: DEFAULT_ACTION };
  if (typeof input !== 'object' || Array.isArray(input)) {
    problems.push('the options are not an object: ignored');
    return { action: DEFAULT_ACTION };
  }
  const { issuer, action, providerUrls, roleAccount, resourceControlPolicies, templateMappings } = input as {
    issuer?: unknown; action?: unknown; providerUrls?: unknown; roleAccount?: unknown; resourceControlPolicies?: unknown; templateMappings?: unknown;
  };
  const result: {
    issuer?: GitHubIssuer;
    action: string;
    providerUrls?: ProviderUrls;
    roleAccount?: string;
    resourceControlPolicies?: unknown[];
    mappings?: TemplateMappings;
  } = { action: DEFAULT_ACTION };
  if (templateMappings !== null && typeof templateMappings === 'object' && !Array.isArray(templateMappings)) {
    result.mappings = templateMappings as TemplateMappings;
  } else if (templateMappings !== undefined) {
    problems.push('the templateMappings option is not a template\'s Mappings section (an object of maps): ignored');
  }
  if (Array.isArray(resourceControlPolicies)) result.resourceControlPolicies = resourceControlPolicies;
  else if (resourceControlPolicies !== undefined) problems.push('the resourceControlPolicies option is not a list of policy documents: ignored');
  if (typeof roleAccount === 'string' && /^\d{12}$/.test(roleAccount)) result.roleAccount = roleAccount;
  else if (roleAccount !== undefined) problems.push(`the roleAccount option ${JSON.stringify(roleAccount) ?? String(roleAccount)} is not a 12-digit account ID: ignored`);
  if (issuer instanceof GitHubIssuer) result.issuer = issuer;
  else if (issuer !== undefined) problems.push('the issuer option is not a GitHubIssuer: ignored');
  if (typeof action === 'string' && action.length > 0) result.action = action;
  else if (action !== undefined) problems.push(`the action option is not an action name: ${DEFAULT_ACTION} is evaluated`);
  if (providerUrls !== null && typeof providerUrls === 'object' && !Array.isArray(providerUrls)) {
    result.providerUrls = providerUrls as ProviderUrls;
  } else if (providerUrls !== undefined) {
    problems.push('the providerUrls option is not an object of logical IDs to issuer URLs: ignored');
  }
  return result;
}

// The issuer whose principal must be trusted and whose keys read the claims: the option, else `iss`, else github.com.
function tokenIssuer(option: GitHubIssuer | undefined, iss: readonly string[] | undefined, problems: string[]): GitHubIssuer | undefined {
  const fromToken = iss === undefined ? undefined : issuerOfUrl(iss[0]);
  if (iss !== undefined && !fromToken) {
    problems.push(`the token's iss ${JSON.stringify(iss[0])} is not a GitHub Actions issuer`);
  }
  if (option) {
    if (fromToken && !fromToken.sameAs(option)) {
      problems.push(`the token's iss ${fromToken.url} differs from the issuer option ${option.url}: the option is used`);
    }
    return option;
  }
  if (iss !== undefined) return fromToken;
  return GitHubIssuer.GITHUB_COM;
}

// Issuers are immutable values; tokens of one run of the analysis name very few.
const issuerCache = new Map<string, GitHubIssuer | null>();

function issuerOfUrl(url: string): GitHubIssuer | undefined {
  let issuer = issuerCache.get(url);
  if (issuer === undefined) {
    if (issuerCache.size >= 100) issuerCache.clear();
    issuer = GitHubIssuer.tryFromUrl(url) ?? null;
    issuerCache.set(url, issuer);
  }
  return issuer ?? undefined;
}

// JSON text is parsed once per distinct text (and provider map): audits and benchmarks evaluate the same policy
// for many tokens. Objects are not cached, since a caller may change them between calls.
const TEXT_CACHE_LIMIT = 1_000;
const textCache = new Map<string, ParsedPolicy>();

function readPolicy(document: unknown, providerUrls: ProviderUrls | undefined): ParsedPolicy {
  if (typeof document !== 'string') return parsePolicy(document, { providerUrls });
  const urlsKey = providerUrls ? safeJson(providerUrls) : '';
  if (urlsKey === undefined) return parsePolicy(document, { providerUrls });
  const key = `${urlsKey}\u0000${document}`;
  let parsed = textCache.get(key);
  if (!parsed) {
    if (textCache.size >= TEXT_CACHE_LIMIT) textCache.clear();
    parsed = parsePolicy(document, { providerUrls });
    textCache.set(key, parsed);
  }
  return parsed;
}

function safeJson(value: unknown): string | undefined {
  try {
    return JSON.stringify(value);
  } catch {
    return undefined;
  }
}

const MAX_REASONS = 3;

function named(statement: { readonly index: number; readonly sid?: string }): string {
  return `statement ${statement.index}${statement.sid ? ` (${JSON.stringify(statement.sid)})` : ''}`;
}

function summarize(decision: EvaluationDecision, judged: readonly JudgedStatement[], policy: ParsedPolicy): string {
  if (decision === EvaluationDecision.EXPLICIT_DENY) {
    const deny = judged.map((j) => j.evaluation).filter((s) => s.applies && s.effect === 'Deny');
    return `denied explicitly by ${joinNames(deny.map(named))}`;
  }
  if (decision === EvaluationDecision.ALLOWED) {
    const allow = judged.map((j) => j.evaluation).filter((s) => s.applies && s.effect === 'Allow');
    return `allowed by ${joinNames(allow.map(named))}`;
  }
  if (policy.statements.length === 0) {
    // The reader's messages may quote the policy text; keep the summary on one line.
    return `denied: the policy could not be read (${(policy.problems[0] ?? 'it has no statements').replace(/\s+/g, ' ')})`;
  }
  const allows = judged.filter((j) => j.evaluation.effect === 'Allow');
  if (allows.length === 0) return 'denied: no statement allows this token (the policy has no Allow statement)';
  const reasons = allows.slice(0, MAX_REASONS).map((j) => `${named(j.evaluation)}: ${j.whyNot ?? 'did not apply'}`);
  if (allows.length > MAX_REASONS) reasons.push(`${allows.length - MAX_REASONS} more`);
  return `denied: no statement allows this token (${reasons.join('; ')})`;
}
