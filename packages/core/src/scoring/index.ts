export { scoreEvaluation, scoreWith, type ScoreOptions } from './score.ts';
export { gradeOf, gradesOf } from './grades.ts';
export { directionOf } from './indicator.ts';
export { reviewDeduction } from './review.ts';
export {
  compileFormula,
  runFormula,
  FormulaError,
  FUNCTIONS as FORMULA_FUNCTIONS,
  type Formula,
  type FormulaResult,
} from './formula/index.ts';
export { rowScoreTotal, statedTotalDifference, type RowScoreTotal } from './row-total.ts';
