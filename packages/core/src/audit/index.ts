export * from './audit.ts';
export type { AuditContext, Check } from './context.ts';
export { gradeOfLabel } from './checks/grade.ts';
export { findingKey } from './finding-key.ts';
export { auditInDocument, type DocumentContext, type FrameworkPin } from './in-document.ts';
export { AUDIT_RULE_NAMES, FINDING_CODE_NAMES, ruleName } from './rule-names.ts';
