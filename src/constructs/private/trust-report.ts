import { Annotations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { TrustPolicyCheckResult } from './trust-validation';

/**
 * Turns a trust-policy check into what `cdk synth` shows: warnings and info as annotations on the construct, errors
 * returned for `node.addValidation` (which fails the synth with the construct path). Shared by `GitHubDeployRole`
 * and `GitHubTrustChecks`, so a finding reads the same wherever the role came from.
 */
export class TrustReporter {
  // Validation runs on every synth of the app; annotate each message once.
  private readonly annotated = new Set<string>();

  constructor(private readonly scope: IConstruct) {}

  /** Annotates warnings and info, and returns the error messages. */
  public report(result: TrustPolicyCheckResult): string[] {
    // Plain warnings, not addWarningV2: its `[ack: ...]` hint points to Annotations.acknowledgeWarning, which records
    // no reason in the template and, for a warning added during validation as these are, only takes effect on a
    // parent scope. The way to accept a finding is TrustAcknowledgements, which the message names.
    for (const warning of result.warnings) {
      this.once(`W ${warning.message}`, () => Annotations.of(this.scope).addWarning(warning.message));
    }
    for (const info of result.infos) {
      this.once(`I ${info}`, () => Annotations.of(this.scope).addInfo(info));
    }
    return result.errors;
  }

  private once(key: string, annotate: () => void): void {
    if (this.annotated.has(key)) return;
    this.annotated.add(key);
    annotate();
  }
}
