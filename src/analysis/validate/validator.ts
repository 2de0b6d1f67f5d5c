/**
 * The trust-policy validator: reads a policy with the shared reader and runs every rule of the catalogue over it. The
 * one policy most deploy roles have is recognized first and answered as the rules would answer it (plain-policy.ts).
 *
 * Pure: no aws-cdk-lib import (DESIGN.md).
 */
import { FindingSeverity, TrustPolicyFinding, TrustPolicyRule, TrustPolicyValidationOptions } from './finding';
import { gitHubStatements, GitHubStatement, allowsWebIdentity, isAllow, variantGitHubStatements } from './github-statement';
import { resolveOptions } from './options';
import { plainPolicyFindings, readPlainPolicyText } from './plain-policy';
import { FindingDraft, PolicyContext, PolicyRule, ResolvedOptions, RuleDefinition, StatementRule } from './rule';
import { RULES } from './rules';
import { describeChoices, MAX_VARIANTS, policyChoices, PolicyChoices, PolicyVariant, TemplateChoice } from '../policy/conditional';
import { parsePolicy, ParsedPolicy } from '../policy/document';

/**
 * Checks IAM role trust policies that trust GitHub Actions' OIDC provider against the rules listed in RULES.md: that
 * they admit one repository, the intended runs of it, the expected audience, and nothing else.
 *
 * @see https://docs.github.com/en/actions/reference/security/oidc
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp_oidc.html
 */
export class TrustPolicyValidator {
  /**
   * Checks a trust policy and returns what is wrong with it, most fundamental first: policy-level findings, then per
   * statement in the catalogue's order. Statements that do not trust a GitHub OIDC provider yield no findings.
   *
   * Never throws: a policy that cannot be read yields a `PolicyUnreadable` finding.
   *
   * @param policyDocument the trust policy: an object, JSON text, or URL-encoded JSON text (as the IAM API returns it);
   * CloudFormation intrinsics in ARNs and values are understood where they can be
   * @param options what to check against
   */
  public static validate(policyDocument: any, options?: TrustPolicyValidationOptions): TrustPolicyFinding[] {
    try {
      return validateWithShortcut(policyDocument, options);
    } catch (err) {
      // A bug in a rule must not crash a synth or an audit, nor pass silently.
      return [unexpectedFailure(err)];
    }
  }

  /** The rule catalogue: every rule's ID, severity, title, explanation and fix (the content of RULES.md). */
  public static rules(): TrustPolicyRule[] {
    return RULES.map((rule) => ({ ...rule.info }));
  }

  private constructor() {}
}

/**
 * The rules' findings, without recognizing the plain policy first: what plain-policy.ts must agree with (its property
 * test compares the two). Internal.
 */
export function validateByRules(policyDocument: unknown, options?: unknown): TrustPolicyFinding[] {
  try {
    return validatePolicy(policyDocument, options);
  } catch (err) {
    return [unexpectedFailure(err)];
  }
}

/**
 * A policy as a caller has read it already, with the same provider URLs and template mappings as the options it
 * validates with: parsed, its GitHub statements (`gitHubStatements`) and its CloudFormation choices (`policyChoices`;
 * undefined when it makes none). The audit reads a policy so, to list what it trusts.
 */
export interface PolicyReading {
  readonly parsed: ParsedPolicy;
  readonly statements: GitHubStatement[];
  readonly choices: PolicyChoices | undefined;
}

/**
 * `TrustPolicyValidator.validate` of a policy the caller has read already (`PolicyReading`): the rules judge that
 * reading instead of a second one. The caller has tried the plain reading itself (`readPlainPolicy`, or
 * `readPlainPolicyText` for text), to list what the policy trusts from it: the rules are not asked to try it again.
 * Internal.
 */
export function validateParsedPolicy(input: unknown, reading: PolicyReading, options?: TrustPolicyValidationOptions): TrustPolicyFinding[] {
  try {
    return validatePolicy(input, options, reading);
  } catch (err) {
    return [unexpectedFailure(err)];
  }
}

/**
 * The findings of a policy, through the plain-policy shortcut where it answers (plain-policy.ts says why), else by the
 * rules. Text is read once, for both.
 */
function validateWithShortcut(input: unknown, rawOptions: unknown): TrustPolicyFinding[] {
  if (typeof input !== 'string') return plainShortcut(input, undefined, rawOptions) ?? validatePolicy(input, rawOptions);
  let parsed: ParsedPolicy;
  try {
    parsed = parsePolicy(input, { providerUrls: resolveOptions(rawOptions).providerUrls });
  } catch {
    // validatePolicy reports what the reader could not read.
    return validatePolicy(input, rawOptions);
  }
  return plainShortcut(input, parsed, rawOptions) ?? validatePolicy(input, rawOptions, { parsed });
}

/**
 * What plain-policy.ts answers for a policy: for an object, itself; for text, what it parses to when no key is written
 * twice in it (which only the text shows, and a rule reports). Undefined when the rules must judge it.
 */
function plainShortcut(input: unknown, parsed: ParsedPolicy | undefined, rawOptions: unknown): TrustPolicyFinding[] | undefined {
  if (typeof input !== 'string') return plainPolicyFindings(input, rawOptions);
  return parsed && readPlainPolicyText(parsed, rawOptions)?.findings;
}

/**
 * Judges a policy: `reading`, when given, is how it was read already; `judgeConditions` false judges it as written,
 * its choices made (a variant), or for its duplicate keys alone.
 */
function validatePolicy(input: unknown, rawOptions: unknown, reading?: Partial<PolicyReading>, judgeConditions = true): TrustPolicyFinding[] {
  const options = resolveOptions(rawOptions);
  let policy: ParsedPolicy;
  try {
    policy = reading?.parsed ?? parsePolicy(input, { providerUrls: options.providerUrls });
  } catch (err) {
    policy = { statements: [], problems: [`the policy reader failed: ${errorText(err)}`] };
  }
  // A template's choices (Fn::If, Fn::Select, Fn::FindInMap) decide what is deployed: judge every way.
  if (judgeConditions) {
    const choices = reading && 'choices' in reading ? reading.choices : policyChoices(policy, input, options.mappings);
    if (choices) return conditionalFindings(input, policy, rawOptions, options, choices);
  }
  const context: PolicyContext = {
    input, policy, gitHubStatements: reading?.parsed && reading.statements ? reading.statements : gitHubStatements(policy), options, rawOptions,
  };
  const findings: TrustPolicyFinding[] = [];
  // A rule that fails (in its check, or with what it returns) becomes a finding itself, instead of its findings.
  for (let r = 0; r < POLICY_RULES.length; r++) {
    const rule = POLICY_RULES[r];
    let drafts: FindingDraft[];
    try {
      drafts = rule.check(context);
      if (Array.isArray(drafts) && drafts.length === 0) continue;
      addStamped(findings, rule, drafts);
    } catch (err) {
      findings.push(ruleFailure(rule, err));
    }
  }
  const judged = context.gitHubStatements;
  for (let s = 0; s < judged.length; s++) {
    const github = judged[s];
    const rules = rulesInScope(github);
    for (let r = 0; r < rules.length; r++) {
      const rule = rules[r];
      let drafts: FindingDraft[];
      try {
        drafts = rule.check(github, options);
        if (Array.isArray(drafts) && drafts.length === 0) continue;
        addStamped(findings, rule, drafts);
      } catch (err) {
        findings.push(ruleFailure(rule, err, github.index));
      }
    }
  }
  return findings;
}

/**
 * The findings of a policy with CloudFormation choices (`Fn::If`, `Fn::Select`, with the template's mappings
 * `Fn::FindInMap`) in it: each
 * variant (policy/conditional.ts) is judged as a policy of its own, a finding of several variants is said once, and
 * one that holds only for some says for which. Duplicate keys are found in the text as written.
 */
function conditionalFindings(input: unknown, policy: ParsedPolicy, rawOptions: unknown, options: ResolvedOptions,
  choices: PolicyChoices): TrustPolicyFinding[] {
  const variants = choices.variants;
  if (!variants) return [tooManyConditions(choices.names)];
  const found = new Map<string, { finding: TrustPolicyFinding; ways: PolicyVariant[] }>();
  const add = (finding: TrustPolicyFinding, variant: PolicyVariant) => {
    const key = JSON.stringify([finding.ruleId, finding.severity, finding.statementIndex, finding.conditionKey, finding.value, finding.message]);
    const seen = found.get(key);
    if (seen) seen.ways.push(variant);
    else found.set(key, { finding, ways: [variant] });
  };
  for (const variant of variants) {
    // Each variant has its choices made (the parameters given at deploy stay unknown): judged without choosing again.
    for (const finding of validatePolicy(variant.document, rawOptions, undefined, false)) add(finding, variant);
  }
  const findings = [...found.values()].map(({ finding, ways }) => ways.length === variants.length ? finding
    : { ...finding, message: `${finding.message.replace(/\.$/, '')} (when ${whenItHolds(ways, variants)}).` });
  if (policy.sourceText !== undefined) {
    // Parsing keeps the last of two equal keys: only the text shows the first. A duplicate matters in a statement
    // that trusts GitHub in some variant.
    const trusting = new Map<number, GitHubStatement>();
    for (const statements of variantGitHubStatements(variants, options.providerUrls)) {
      for (const github of statements) if (!trusting.has(github.index)) trusting.set(github.index, github);
    }
    const duplicates = validatePolicy(input, rawOptions, { parsed: policy, statements: [...trusting.values()] }, false)
      .filter((finding) => finding.ruleId === 'DuplicateJsonKey');
    findings.unshift(...duplicates);
  }
  return findings;
}

function tooManyConditions(names: string[]): TrustPolicyFinding {
  return {
    ruleId: 'PolicyUnreadable',
    severity: FindingSeverity.ERROR,
    message: `The trust policy makes ${names.length} CloudFormation choices (${names.join(', ')}): too many ways to deploy ` +
      `it to judge each (at most ${MAX_VARIANTS} variants, e.g. six conditions).`,
    fix: 'Write the trust policy with fewer Fn::If and Fn::Select choices (one role per variant), or judge the deployed ' +
      'role in an export of the account (aws iam get-account-authorization-details), where the choices are made.',
  };
}

// The catalogue split by kind once, in its order: the validator runs every policy rule, then every statement rule per
// statement.
const POLICY_RULES = RULES.filter((rule): rule is PolicyRule => rule.kind === 'policy');
const STATEMENT_RULES = RULES.filter((rule): rule is StatementRule => rule.kind === 'statement');

// The statement rules that apply to each kind of statement, in the catalogue's order: every rule applies to any
// statement; `allow` ones to an Allow; `allow-web-identity` ones to an Allow of sts:AssumeRoleWithWebIdentity.
const RULES_FOR_ANY = STATEMENT_RULES.filter((rule) => rule.scope === 'any');
const RULES_FOR_ALLOW = STATEMENT_RULES.filter((rule) => rule.scope === 'any' || rule.scope === 'allow');
const RULES_FOR_WEB_IDENTITY = STATEMENT_RULES;

function rulesInScope(github: GitHubStatement): readonly StatementRule[] {
  if (!isAllow(github)) return RULES_FOR_ANY;
  return allowsWebIdentity(github) ? RULES_FOR_WEB_IDENTITY : RULES_FOR_ALLOW;
}

/**
 * Adds the findings of a rule's drafts. Anything but an array goes through `map`, which throws for what a rule
 * should never return (the caller turns that into the rule's failure, and adds none of its findings).
 */
function addStamped(findings: TrustPolicyFinding[], rule: RuleDefinition, drafts: FindingDraft[]): void {
  const stamped = drafts.map((draft) => stamp(rule, draft));
  for (let i = 0; i < stamped.length; i++) findings.push(stamped[i]);
}

/**
 * The finding of a draft: the rule's ID and severity, then the draft's keys whose value is not undefined (so that
 * findings compare and serialize cleanly), in the draft's order.
 */
function stamp(rule: RuleDefinition, draft: FindingDraft): TrustPolicyFinding {
  const finding: { [key: string]: unknown } = { ruleId: rule.info.ruleId, severity: rule.info.severity };
  for (const key of Object.keys(draft)) {
    const value = (draft as { [key: string]: unknown })[key];
    if (value === undefined) continue;
    // As a spread would: assigning `__proto__` would set the prototype instead.
    if (key === '__proto__') Object.defineProperty(finding, key, { value, enumerable: true, writable: true, configurable: true });
    else finding[key] = value;
  }
  return finding as unknown as TrustPolicyFinding;
}

/**
 * For which ways a finding holds, as a message says it: the choices its ways share, when those choices pick out
 * exactly its ways (a finding of `IsProd` true whatever the parameters is "when IsProd is true"); else its first way
 * and how many others.
 */
function whenItHolds(ways: readonly PolicyVariant[], variants: readonly PolicyVariant[]): string {
  const makes = (variant: PolicyVariant, choice: TemplateChoice) => variant.choices.some((other) => other.label === choice.label
    && other.value === choice.value);
  const shared = ways[0].choices.filter((choice) => ways.every((way) => makes(way, choice)));
  const picked = variants.filter((variant) => shared.every((choice) => makes(variant, choice)));
  if (shared.length > 0 && picked.length === ways.length) return describeChoices(shared);
  const others = ways.length - 1;
  return `${describeChoices(ways[0].choices)}${others > 0 ? `, or ${others} other way${others > 1 ? 's' : ''} of deploying it` : ''}`;
}

/** A rule that fails becomes a finding itself. */
function ruleFailure(rule: RuleDefinition, err: unknown, statementIndex?: number): TrustPolicyFinding {
  return {
    ...unexpectedFailure(err),
    message: `Rule ${rule.info.ruleId} could not check ${statementIndex === undefined ? 'the policy' : `statement ${statementIndex}`}: ` +
      `${errorText(err)}. The policy has not been fully checked.`,
    statementIndex,
  };
}

function unexpectedFailure(err: unknown): TrustPolicyFinding {
  return {
    ruleId: 'PolicyUnreadable',
    severity: FindingSeverity.ERROR,
    message: `The trust policy could not be checked: ${errorText(err)}.`,
    fix: 'Pass the trust policy document as a JSON object or JSON text; report this message if the policy is valid.',
  };
}

function errorText(err: unknown): string {
  try {
    return err instanceof Error ? err.message : String(err);
  } catch {
    return 'an unknown error';
  }
}
