// The public (jsii) API. Only what is exported here is translated to Python, Java, .NET and Go; internal modules
// are imported by path.

// model: GitHub's side, pure TypeScript
export { GitHubIssuer, GitHubIssuerKind } from './model/issuer';
export { GitHubRepository, GitHubRepositoryOptions } from './model/repository';
export { SubjectClaim, SubjectKind, SubjectFormat } from './model/subject-claim';
export { SubjectTemplate } from './model/subject-template';
