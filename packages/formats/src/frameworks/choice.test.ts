// The framework each real corpus form is scored under, chosen from what the file itself prints, and
// the rows it scores to the points the form prints.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { scoreEvaluation, type FrameworkRegistry } from '@jixiao/core';
import { readDocumentBytes } from '../read-file.ts';
import { corpusDir } from '../testing/corpus.ts';
import { loadBuiltinRegistry } from './load.ts';

let reg: FrameworkRegistry;
beforeAll(async () => {
  reg = await loadBuiltinRegistry();
});

async function scored(file: string) {
  const doc = await readDocumentBytes(readFileSync(join(corpusDir, file)), file);
  const e = doc.evaluations[0]!;
  return { e, r: scoreEvaluation(e, reg, { related: doc.evaluations }) };
}

describe('the framework a corpus form is scored under, and why', () => {
  it('008 金寨县 2023: the 安徽 部门整体 form, from its header and its 10-point budget line; every visible row as printed', async () => {
    const { e, r } = await scored('008.txt');
    expect(r.frameworkId).toBe('anhui-department-2023');
    expect(r.explanation.inputs['评分框架识别依据']).toMatch(
      /^预算执行分值为 10 分、表头含「部门整体支出绩效自评表」/,
    );
    const printed = e.indicators.map((i) => i.statedScore?.value ?? null);
    expect(printed).toEqual(['10', '10', '10', '10', '5', '5', '5', '5']);
    expect(r.indicators.map((s) => (s.computed === null ? null : String(Number(s.computed))))).toEqual(
      printed,
    );
    // 时效: 9月前 done in 7月, 11月前 done in 10月 — on time, not 7 ÷ 9 and 10 ÷ 11 of the points.
    expect(r.indicators[6]!.explanation.summary).toContain(
      '截止时间「9月前」，完成于「7月」，至少提前 61 天',
    );
  });

  it('018 塘湖镇 2020: the 湖北 20/80 form, from 得分(20分*执行率) and the 20-point budget', async () => {
    const { r } = await scored('018.txt');
    expect(r.frameworkId).toBe('project-20-80-2020');
    expect(r.explanation.inputs['评分框架识别依据']).toContain('表中写明「20分×执行率」');
    expect(r.explanation.inputs['评分框架识别依据']).toContain('预算执行分值为 20 分');
  });

  it('038 隆阳区 2022 (上级转移支付项目): still the 20/80 form it prints, not the unscored 转移支付 form', async () => {
    const { r } = await scored('038.txt');
    expect(r.frameworkId).toBe('project-20-80-2020');
    expect(r.budgetExecution?.computed).toBe('2.15');
  });
});
