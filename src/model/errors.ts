/**
 * Input errors that name the field, the value and what would be accepted, so that bad input never surfaces later
 * as a TypeError or a deploy-time AccessDenied.
 */

/** Renders any value for an error message: strings quoted, everything else as JSON or its type. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === undefined) return 'undefined';
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  try {
    const json = JSON.stringify(value);
    return json.length > 120 ? `${json.slice(0, 117)}...` : json;
  } catch {
    return `a ${typeof value}`;
  }
}

/** Throws `Invalid <field> <value>: expected <expected>.` */
export function fail(field: string, value: unknown, expected: string): never {
  throw new Error(`Invalid ${field} ${describeValue(value)}: expected ${expected}.`);
}
