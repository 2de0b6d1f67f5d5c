/**
 * The validator's options with their defaults applied: for the rules (validator.ts) and for the plain policy recognized
 * without them (plain-policy.ts).
 */
import { ResolvedOptions } from './rule';
import type { TemplateMappings } from '../policy/conditional';

/** The audience the validator expects when given none: the one aws-actions/configure-aws-credentials requests. */
const DEFAULT_EXPECTED_AUDIENCE = 'sts.amazonaws.com';
/** The trust-policy size the validator allows when given none: IAM's default `ACLSizePerRole` quota. */
const DEFAULT_SIZE_LIMIT = 2048;

const ACCOUNT_ID = /^\d{12}$/;

/** The validator's options as given, each unusable one replaced by its default (ValidationOptionsInvalid says which). */
export function resolveOptions(raw: unknown): ResolvedOptions {
  const options = raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? raw as { [name: string]: unknown } : {};
  const audience = options.expectedAudience;
  const size = options.sizeLimit;
  const urls = options.providerUrls;
  const mappings = options.templateMappings;
  const account = options.roleAccount;
  return {
    expectedAudience: typeof audience === 'string' && audience.trim() !== '' ? audience : DEFAULT_EXPECTED_AUDIENCE,
    sizeLimit: typeof size === 'number' && Number.isSafeInteger(size) && size > 0 ? size : DEFAULT_SIZE_LIMIT,
    providerUrls: urls !== null && typeof urls === 'object' && !Array.isArray(urls) ? textValues(urls) : {},
    mappings: mappings !== null && typeof mappings === 'object' && !Array.isArray(mappings) ? mappings as TemplateMappings : undefined,
    roleAccount: typeof account === 'string' && ACCOUNT_ID.test(account) ? account : undefined,
  };
}

/** The own enumerable keys of an object whose values are text, copied (what Object.fromEntries of its entries makes). */
function textValues(object: object): { [key: string]: string } {
  const result: { [key: string]: string } = {};
  for (const key of Object.keys(object)) {
    const value = (object as { [key: string]: unknown })[key];
    if (typeof value !== 'string') continue;
    // Assigning `__proto__` would set the prototype; Object.fromEntries defines the key, and so does this.
    if (key === '__proto__') Object.defineProperty(result, key, { value, enumerable: true, writable: true, configurable: true });
    else result[key] = value;
  }
  return result;
}
