export { scoreEvaluation, scoreWith, type ScoreOptions } from './score.ts';
export { gradeOf, gradesOf } from './grades.ts';
export { directionOf } from './indicator.ts';
