import type { Explanation } from '@jixiao/core';
import { formulaLines } from './formula-steps.ts';

/** 算式 and its steps under a computed score (the tooltips of the score tree). */
export function FormulaSteps({ explanation }: { explanation: Pick<Explanation, 'formula' | 'steps'> }) {
  const { formula, steps } = formulaLines(explanation);
  if (!formula) return null;
  return (
    <div data-testid="formula-steps">
      <div>算式：{formula}</div>
      {steps.length > 0 && (
        <ol style={{ margin: '2px 0 0', paddingInlineStart: 18, opacity: 0.9 }}>
          {steps.map((s, k) => (
            <li key={k}>{s}</li>
          ))}
        </ol>
      )}
    </div>
  );
}
