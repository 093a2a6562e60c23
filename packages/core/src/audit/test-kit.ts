// Builders for audit tests: small synthetic evaluations and the ScoreResult a framework would give them.
import { newEvaluation } from '../model/build.ts';
import type {
  BudgetLine,
  Evaluation,
  EvaluationDocument,
  Indicator,
  NarrativeStatement,
} from '../model/evaluation.ts';
import type { IndicatorScore, ScoreResult } from '../model/result.ts';
import { parseStated } from '../numbers/parse.ts';
import type { AuditContext } from './context.ts';

export const s = (raw: string, line?: number) => parseStated(raw, line ? { file: 't.txt', line } : undefined);

export function indicator(
  init: Partial<Omit<Indicator, 'target' | 'actual' | 'weight' | 'statedScore'>> & {
    name: string;
    target?: string;
    actual?: string;
    weight?: string;
    score?: string;
    line?: number;
  },
): Indicator {
  const { target, actual, weight, score, line, ...rest } = init;
  return {
    id: init.id ?? init.name,
    level1: init.level1 ?? '产出指标',
    level2: init.level2 ?? '数量指标',
    direction: init.direction ?? '≥',
    ...rest,
    target: s(target ?? ''),
    actual: s(actual ?? ''),
    weight: s(weight ?? ''),
    statedScore: s(score ?? ''),
    source: { file: 't.txt', line: line ?? 1 },
  };
}

export function line(
  init: Partial<BudgetLine> & { id: string; label: string },
  values: Record<string, string> = {},
): BudgetLine {
  const out: BudgetLine = { role: 'other', ...init, source: { file: 't.txt', line: 1 } };
  for (const [k, v] of Object.entries(values)) (out as unknown as Record<string, unknown>)[k] = s(v);
  return out;
}

export function evaluation(init: Partial<Evaluation> = {}): Evaluation {
  return newEvaluation({ id: 'e1', title: '测试自评表', kind: 'project', ...init });
}

export function statement(
  subject: string,
  raw: string,
  text: string,
  init: Partial<NarrativeStatement> = {},
): NarrativeStatement {
  return { subject, qualifiers: [], value: s(raw), text, source: { file: 't.txt', line: 10 }, ...init };
}

export function score(
  init: Partial<ScoreResult> = {},
  indicators: Array<Partial<IndicatorScore> & { indicatorId: string }> = [],
): ScoreResult {
  return {
    frameworkId: 'test',
    frameworkVersion: '1',
    frameworkName: '测试框架',
    frameworkChosenBy: 'named',
    maxTotal: '100',
    indicators: indicators.map((i) => ({
      outcome: 'scored',
      computed: null,
      weight: null,
      effectiveWeight: null,
      stated: null,
      met: null,
      explanation: { rule: 'test.rule', summary: '测试规则', inputs: {}, citation: '测试' },
      ...i,
    })),
    categories: [],
    weightTotal: '100',
    computedTotal: null,
    totalIncomplete: true,
    caps: [],
    computedGrade: null,
    gradeOfStatedTotal: null,
    statedTotal: null,
    statedGrade: null,
    grades: [
      { label: '优', min: '90', aliases: ['优秀'] },
      { label: '良', min: '80', aliases: ['良好'] },
      { label: '中', min: '60', aliases: ['合格'] },
      { label: '差', min: '0', aliases: ['不合格'] },
    ],
    explanation: { rule: 'test.total', summary: '', inputs: {}, citation: '测试' },
    ...init,
  };
}

export function ctx(
  e: Evaluation,
  sc: ScoreResult = score(),
  statements: NarrativeStatement[] = [],
): AuditContext {
  const document: EvaluationDocument = { file: 't.txt', evaluations: [e], statements, issues: [] };
  return { evaluation: e, score: sc, document };
}
