import { Annotations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { TrustPolicyCheckResult } from './trust-validation';

/** Prefix of this library's annotation IDs (`Annotations.acknowledgeWarning` takes the full ID). */
export const ANNOTATION_PREFIX = 'cdk-github-deploy-roles';

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
    for (const warning of result.warnings) {
      this.once(`W ${warning.message}`, () =>
        Annotations.of(this.scope).addWarningV2(`${ANNOTATION_PREFIX}:${warning.ruleId}`, warning.message));
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
