import { ApiProperty } from '@nestjs/swagger';

export class MoneyFiguresView {
  @ApiProperty({ description: 'The challenges’ budgets, fen.' }) budgetFen: number;
  @ApiProperty({ description: 'Granted at award, fen.' }) grantedFen: number;
  @ApiProperty({ description: 'Tranches paid, fen.' }) paidFen: number;
  @ApiProperty({
    description:
      'Returned to the budget, fen: the unpaid grant of projects stopped at a gate or terminated, and what merges gave back (the merged projects’ grants less the merged grant).',
  })
  releasedFen: number;
  @ApiProperty({ description: 'budget − granted + released, fen.' }) unspentFen: number;
}

export class ProjectCountsView {
  @ApiProperty() awarded: number;
  @ApiProperty({ description: 'In publicity or active.' }) running: number;
  @ApiProperty() completed: number;
  @ApiProperty({ description: 'Stopped at a stage gate.' }) eliminated: number;
  @ApiProperty() terminated: number;
}

export class MilestoneFiguresView {
  @ApiProperty() total: number;
  @ApiProperty() met: number;
  @ApiProperty() partiallyMet: number;
  @ApiProperty() notMet: number;
  @ApiProperty({ description: 'Scheduled, submitted or overdue.' }) open: number;
  @ApiProperty() cancelled: number;
  @ApiProperty({ description: 'Accepted reports submitted by the due date.' }) onTime: number;
  @ApiProperty({ description: 'Accepted after the due date, overdue, or not met after it.' }) late: number;
}

export class ObjectiveFigureView {
  @ApiProperty() metric: string;
  @ApiProperty() target: number;
  @ApiProperty() unit: string;
  @ApiProperty({ nullable: true, type: Number, description: 'The best value accepted reports gave (null: none).' })
  best: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'best ÷ target, 4 places.' }) reached: number | null;
  @ApiProperty() projectsReporting: number;
}

export class StoppedProjectView {
  @ApiProperty({ format: 'uuid' }) projectId: string;
  @ApiProperty() title: string;
  @ApiProperty() organizationName: string;
  @ApiProperty({ enum: ['eliminated', 'terminated'] }) status: 'eliminated' | 'terminated';
  @ApiProperty({ description: 'The last stage gate passed (0: none).' }) stageReached: number;
  @ApiProperty({ nullable: true, type: String }) reason: string | null;
}

export class ChallengeEvaluationView {
  @ApiProperty({ format: 'uuid' }) challengeId: string;
  @ApiProperty() title: string;
  @ApiProperty() industry: string;
  @ApiProperty({ enum: ['open_call', 'horse_race'] }) mechanism: string;
  @ApiProperty({ nullable: true, type: Number, description: 'Year published (Beijing time).' }) year: number | null;
  @ApiProperty({ type: MoneyFiguresView }) money: MoneyFiguresView;
  @ApiProperty({ type: ProjectCountsView }) projects: ProjectCountsView;
  @ApiProperty({ type: MilestoneFiguresView }) milestones: MilestoneFiguresView;
  @ApiProperty({ type: [ObjectiveFigureView] }) objectives: ObjectiveFigureView[];
  @ApiProperty({ type: [StoppedProjectView] }) stopped: StoppedProjectView[];
}

export class ProgrammeTotalsView {
  @ApiProperty() challenges: number;
  @ApiProperty({ type: MoneyFiguresView }) money: MoneyFiguresView;
  @ApiProperty({ type: ProjectCountsView }) projects: ProjectCountsView;
  @ApiProperty({ type: MilestoneFiguresView }) milestones: MilestoneFiguresView;
  @ApiProperty({ nullable: true, type: Number, description: 'On time ÷ (on time + late), 4 places.' })
  onTimeShare: number | null;
}

export class ProgrammeEvaluationView {
  @ApiProperty({ example: 'CNY' }) currency: 'CNY';
  @ApiProperty({ example: 'fen' }) unit: 'fen';
  @ApiProperty({ format: 'date-time' }) asOf: string;
  @ApiProperty({ type: ProgrammeTotalsView }) totals: ProgrammeTotalsView;
  @ApiProperty({ type: [ChallengeEvaluationView] }) challenges: ChallengeEvaluationView[];
}

export class PublicMoneyFiguresView {
  @ApiProperty({ description: 'Granted at award, fen.' }) grantedFen: number;
  @ApiProperty({ description: 'Tranches paid, fen.' }) paidFen: number;
  @ApiProperty({
    description:
      'Returned to the budget, fen: the unpaid grant of projects stopped at a gate or terminated, and what merges gave back (the merged projects’ grants less the merged grant).',
  })
  releasedFen: number;
}

export class PublicEvaluationView {
  @ApiProperty({ example: 'CNY' }) currency: 'CNY';
  @ApiProperty({ example: 'fen' }) unit: 'fen';
  @ApiProperty({ format: 'date-time' }) asOf: string;
  @ApiProperty({ description: 'Published challenges selected.' }) challenges: number;
  @ApiProperty({ type: PublicMoneyFiguresView }) money: PublicMoneyFiguresView;
  @ApiProperty({ type: ProjectCountsView }) projects: ProjectCountsView;
  @ApiProperty({ type: MilestoneFiguresView }) milestones: MilestoneFiguresView;
  @ApiProperty({ nullable: true, type: Number, description: 'On time ÷ (on time + late), 4 places.' })
  onTimeShare: number | null;
}
