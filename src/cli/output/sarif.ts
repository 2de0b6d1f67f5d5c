/**
 * The SARIF 2.1.0 document both `audit` and `check` write: one run of this tool, its rule catalogue and results.
 *
 * @see https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html
 */
import { TOOL_NAME, TOOL_URL, toolVersion } from '../version';

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

/** One rule of the catalogue, as `tool.driver.rules` lists it. */
export interface SarifRule {
  readonly id: string;
  readonly title: string;
  readonly explanation: string;
  readonly help?: string;
  readonly level: 'error' | 'warning' | 'note';
}

/** The SARIF document as JSON text, ending with a newline. */
export function sarifDocument(rules: readonly SarifRule[], results: readonly object[]): string {
  const document = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: TOOL_NAME,
          version: toolVersion(),
          informationUri: TOOL_URL,
          rules: rules.map((rule) => ({
            id: rule.id,
            name: rule.id,
            shortDescription: { text: rule.title },
            fullDescription: { text: rule.explanation },
            ...(rule.help !== undefined ? { help: { text: rule.help } } : {}),
            defaultConfiguration: { level: rule.level },
          })),
        },
      },
      results,
    }],
  };
  return JSON.stringify(document, null, 2) + '\n';
}
