export { EvaluationsModule } from './evaluations.module';
export * from './evaluation-rules';
