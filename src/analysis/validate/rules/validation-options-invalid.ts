import { describeValue } from '../../../model/errors';
import { FindingSeverity, TrustPolicyRule } from '../finding';
import { FindingDraft, PolicyContext, PolicyRule } from '../rule';

/**
 * Options the validator cannot use. The validator never throws, so a bad option is reported (and its default used)
 * instead of silently changing what is checked.
 */
const INFO: TrustPolicyRule = {
  ruleId: 'ValidationOptionsInvalid',
  severity: FindingSeverity.ERROR,
  title: 'An option given to the validator is not usable; its default was used',
  explanation: 'expectedAudience must be a non-empty string, sizeLimit a positive whole number, providerUrls an ' +
    'object of logical ID to issuer URL, templateMappings a template\'s Mappings object and roleAccount 12 digits. A wrong option would make ' +
    'the checks judge against the wrong audience or quota.',
  fix: 'Pass valid options, e.g. { expectedAudience: "sts.amazonaws.com", sizeLimit: 2048 }.',
};

export const VALIDATION_OPTIONS_INVALID: PolicyRule = {
  kind: 'policy',
  info: INFO,
  check(context: PolicyContext): FindingDraft[] {
    return invalidOptions(context.rawOptions);
  },
};

/** What is wrong with the validator's options as given (none when they are absent or valid). */
export function invalidOptions(raw: unknown): FindingDraft[] {
  if (raw === undefined || raw === null) return [];
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    return [{ message: `The validation options are ${describeValue(raw)}, not an object: the defaults were used.`, fix: INFO.fix }];
  }
  const options = raw as { [name: string]: unknown };
  const findings: FindingDraft[] = [];
  const bad = (name: string, expected: string) => findings.push({
    message: `The validation option ${name} is ${describeValue(options[name])}: expected ${expected}; the default was used.`,
    fix: INFO.fix,
  });
  if (options.expectedAudience !== undefined && (typeof options.expectedAudience !== 'string' || options.expectedAudience.trim() === '')) {
    bad('expectedAudience', 'a non-empty string such as "sts.amazonaws.com"');
  }
  if (options.sizeLimit !== undefined && !(Number.isSafeInteger(options.sizeLimit) && (options.sizeLimit as number) > 0)) {
    bad('sizeLimit', 'a positive whole number of characters such as 2048');
  }
  const urls = options.providerUrls;
  if (urls !== undefined && (urls === null || typeof urls !== 'object' || Array.isArray(urls)
    || Object.values(urls).some((url) => typeof url !== 'string'))) {
    bad('providerUrls', 'an object of logical ID to issuer URL, e.g. { GitHubProvider: "https://token.actions.githubusercontent.com" }');
  }
  const mappings = options.templateMappings;
  if (mappings !== undefined && (mappings === null || typeof mappings !== 'object' || Array.isArray(mappings))) {
    bad('templateMappings', 'the Mappings object of a template, e.g. { Stages: { prod: { Sub: "repo:acme/web:environment:production" } } }');
  }
  const account = options.roleAccount;
  if (account !== undefined && !(typeof account === 'string' && /^\d{12}$/.test(account))) {
    bad('roleAccount', 'the 12-digit ID of the role\'s account, e.g. "123456789012"');
  }
  return findings;
}
