/**
 * A trust policy as it is shown to users: the object as written, or a URL-encoded string (as IAM returns it)
 * decoded and parsed; the raw text when it is not JSON.
 */
import { decodePolicyText } from '../../analysis/policy/document';

/** The policy as a JSON value for display; the decoded text when it is not JSON. */
export function policyForDisplay(policy: unknown): unknown {
  if (typeof policy !== 'string') return policy;
  const text = decodePolicyText(policy);
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** The policy as indented JSON, each line prefixed with `indent`. */
export function indentedPolicy(policy: unknown, indent: string): string {
  const value = policyForDisplay(policy);
  const text = value === undefined ? '(none)' : typeof value === 'string' ? value : JSON.stringify(value, null, 2);
  return text.split('\n').map((line) => indent + line).join('\n');
}
