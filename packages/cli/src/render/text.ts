import pc from 'picocolors';
import {
  describeSource,
  EVALUATION_KIND_NAMES,
  FINDING_CODE_NAMES,
  type DocumentAudit,
  type EvaluationResult,
  type Finding,
  type Severity,
} from '@jixiao/core';

const SEVERITY: Record<Severity, string> = { error: '错误', warning: '警告', info: '提示' };
const CHOSEN: Record<string, string> = { named: '指定', detected: '自动识别', default: '默认' };

function tag(severity: Severity, color: boolean): string {
  const label = `[${SEVERITY[severity]}]`;
  if (!color) return label;
  return severity === 'error' ? pc.red(label) : severity === 'warning' ? pc.yellow(label) : pc.dim(label);
}

function where(f: Finding): string {
  const { evaluation: _e, indicator, budgetLine, ...source } = f.location;
  const parts = [describeSource(source)];
  if (indicator) parts.push(`指标「${indicator}」`);
  if (budgetLine) parts.push(`「${budgetLine}」`);
  return parts.filter((p) => p !== '位置未知').join(' · ') || '位置未知';
}

function evidenceLine(f: Finding): string | null {
  const e = f.evidence;
  const bits: string[] = [];
  if (e.stated !== undefined) bits.push(`填报 ${e.stated}`);
  if (e.computed !== undefined) bits.push(`应为 ${e.computed}`);
  if (e.formula) bits.push(`算式 ${e.formula}`);
  if (typeof e.citation === 'string') bits.push(`依据 ${e.citation}`);
  return bits.length ? bits.join('；') : null;
}

export interface TextOptions {
  color: boolean;
  /** Lowest severity to list; counts always cover all. */
  minSeverity: Severity;
}

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export function renderEvaluation(
  r: EvaluationResult,
  index: number,
  total: number,
  opts: TextOptions,
): string {
  const { evaluation: e, score } = r;
  const lines: string[] = [];
  const head = [e.organization, e.year ? `${e.year} 年度` : null].filter(Boolean).join(' · ');
  lines.push(
    `评价 ${index}/${total} · ${EVALUATION_KIND_NAMES[e.kind]} · ${e.title}${head ? `（${head}）` : ''}`,
  );
  lines.push(
    `  评分框架：${score.frameworkName}（${score.frameworkId} v${score.frameworkVersion}，${CHOSEN[score.frameworkChosenBy] ?? ''}）`,
  );
  const computed =
    score.computedTotal === null
      ? '无法重算'
      : `${score.computedTotal}${score.totalIncomplete ? '（部分指标无法判定，仅为已判定部分之和）' : ''}`;
  lines.push(
    `  自评得分 ${e.statedTotal?.raw || '—'} · 重新计算 ${computed} · 满分 ${score.maxTotal} · 自评等级 ${e.statedGrade?.raw ?? '—'} · 应属等级 ${score.gradeOfStatedTotal ?? score.computedGrade ?? '—'}`,
  );
  if (e.indicators.length || e.summaryRows.length) {
    lines.push(
      `  指标 ${e.indicators.length} 个${e.summaryRows.length ? ` · 汇总项目 ${e.summaryRows.length} 个` : ''}`,
    );
  }
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of r.findings) counts[f.severity]++;
  lines.push(`  发现：错误 ${counts.error} · 警告 ${counts.warning} · 提示 ${counts.info}`);
  for (const f of r.findings) {
    if (RANK[f.severity] > RANK[opts.minSeverity]) continue;
    lines.push(`  ${tag(f.severity, opts.color)} ${FINDING_CODE_NAMES[f.code]} · ${where(f)}`);
    lines.push(`      ${f.message}`);
    const ev = evidenceLine(f);
    if (ev) lines.push(`      ${opts.color ? pc.dim(ev) : ev}`);
  }
  const hidden = r.findings.filter((f) => RANK[f.severity] > RANK[opts.minSeverity]).length;
  if (hidden) lines.push(`  （另有 ${hidden} 条提示未列出；加 --all 查看）`);
  return lines.join('\n');
}

export function renderDocument(audit: DocumentAudit, opts: TextOptions): string {
  const out: string[] = [];
  const bar = '═'.repeat(4);
  out.push(`${bar} ${audit.file} ${bar}`);
  // A reader's message names its own place (as the web's import preview shows it); adding the source again doubled it.
  for (const issue of audit.issues) {
    out.push(`  ${tag(issue.severity === 'error' ? 'error' : 'warning', opts.color)} 读取：${issue.message}`);
  }
  if (!audit.results.length) out.push('  未找到可评价的表格或自评内容。');
  audit.results.forEach((r, k) => out.push(renderEvaluation(r, k + 1, audit.results.length, opts)));
  return out.join('\n');
}
