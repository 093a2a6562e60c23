/**
 * 计分引擎版本: the version of core's scoring and audit rules. A stored result records it beside the
 * framework version that scored it; raising it marks every stored result as due for recomputation.
 * Raise it whenever a change in core alters a score, a grade or a finding.
 */
export const ENGINE_VERSION = '2026.12.4';
