export * from './problem';
export * from './problem.filter';
export * from './validation';
export * from './loggable-error';
export * from './outage';
export * from './problem-schema';
export { PROBLEM_CODES, wordProblem } from './wording/problem-wording';
