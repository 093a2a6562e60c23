import type { EvaluationResult, Explanation, IndicatorScore } from '@jixiao/core';

const OUTCOME: Record<IndicatorScore['outcome'], string> = {
  scored: '',
  'not-judgeable': '无法判定',
  'not-applicable': '不适用',
  manual: '人工判定',
};

function explain(x: Explanation, indent: string): string[] {
  const lines = [`${indent}规则：${x.summary}`];
  if (x.formula) lines.push(`${indent}算式 ${x.formula}`);
  // Each step of the framework's formula: every decision taken, then the arithmetic with its figures.
  for (const step of x.steps ?? []) {
    lines.push(`${indent}  · ${step.formula}：${step.shown} → ${step.result}`);
  }
  const inputs = Object.entries(x.inputs);
  if (inputs.length) lines.push(`${indent}输入 ${inputs.map(([k, v]) => `${k}=${v}`).join('，')}`);
  lines.push(`${indent}出处 ${x.citation}`);
  return lines;
}

function computedText(s: IndicatorScore): string {
  if (s.outcome === 'scored') return s.computed ?? '—';
  if (s.allowedRange)
    return `${OUTCOME[s.outcome]}，允许 ${s.allowedRange[0]}–${s.allowedRange[1]}${s.tier ? `（${s.tier}）` : ''}`;
  return OUTCOME[s.outcome];
}

/** `jixiao score`: the score tree, 一级 → 二级 → 三级, each figure with the rule that made it. */
export function renderScoreTree(r: EvaluationResult): string {
  const { evaluation: e, score } = r;
  const out: string[] = [];
  out.push(`${e.title}${e.projectName && !e.title.includes(e.projectName) ? ` — ${e.projectName}` : ''}`);
  out.push(`评分框架 ${score.frameworkName}（${score.frameworkId} v${score.frameworkVersion}）`);
  const be = score.budgetExecution;
  if (be) {
    out.push(
      `预算执行  分值 ${be.weight ?? '—'} · 自评 ${be.stated ?? '—'} · 重算 ${be.outcome === 'scored' ? be.computed : OUTCOME[be.outcome]} · 执行率 ${be.rateUsed ?? '—'}%`,
    );
    out.push(...explain(be.explanation, '    '));
  }
  const byId = new Map(score.indicators.map((s) => [s.indicatorId, s]));
  const level1s = [...new Set(e.indicators.map((i) => i.level1))];
  for (const l1 of level1s) {
    const cat = score.categories.find((c) => c.level1 === l1);
    out.push(
      `${l1}  分值 ${cat?.weight ?? '—'}${cat?.expectedWeight ? `（框架 ${cat.expectedWeight}）` : ''} · 自评 ${cat?.stated ?? '—'} · 重算 ${cat?.computed ?? '—'}`,
    );
    const members = e.indicators.filter((i) => i.level1 === l1);
    for (const l2 of [...new Set(members.map((i) => i.level2))]) {
      if (l2) out.push(`  ${l2}`);
      for (const i of members.filter((m) => m.level2 === l2)) {
        const s = byId.get(i.id);
        const target = [
          i.direction === 'qualitative' ? '' : (i.direction ?? ''),
          i.target?.raw ?? '',
          i.unit ?? '',
        ]
          .join(' ')
          .trim();
        out.push(
          `    ${i.name}  目标 ${target || '—'} · 完成 ${i.actual?.raw || '（空）'} · 分值 ${i.weight?.raw || '—'} · 自评 ${i.statedScore?.raw || '—'} · 重算 ${s ? computedText(s) : '—'}`,
        );
        if (s) out.push(...explain(s.explanation, '        '));
      }
    }
  }
  for (const cap of score.caps) out.push(`封顶 ${cap.max}（原 ${cap.before}）：${cap.explanation.summary}`);
  out.push(
    `合计  分值 ${score.weightTotal} · 自评 ${score.statedTotal ?? '—'} · 重算 ${score.computedTotal ?? '无法重算'}${score.totalIncomplete ? '（含无法判定的指标）' : ''} · 等级 ${score.computedGrade ?? '—'}`,
  );
  out.push(...explain(score.explanation, '    '));
  return out.join('\n');
}
