export { EvaluationsModule } from './evaluations.module';
export { EvaluationsService } from './evaluations.service';
export { ProgrammeQuery } from './dto/evaluation-query.dto';
export { PublicEvaluationView } from './dto/views';
export * from './evaluation-rules';
