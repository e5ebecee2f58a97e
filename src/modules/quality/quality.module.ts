import type { RateLimiter } from '../../db/rate-limiter';
import { CadreEvaluationResolver, EvaluationsResolver, WorkPlanResolver } from './evaluations/evaluations.resolver';
import { EvaluationsService } from './evaluations/evaluations.service';
import { PlanningResolver } from './planning/planning.resolver';
import { PlanningService } from './planning/planning.service';
import type { QualityRuleSet } from './quality-rules';
import { ReceptionResolver, ReceptionSessionResolver } from './reception/reception.resolver';
import { ReceptionService } from './reception/reception.service';
import { AttitudeEvaluationResolver, SatisfactionResolver } from './satisfaction/satisfaction.resolver';
import { SatisfactionService } from './satisfaction/satisfaction.service';
import {
  CadreTrainingResolver,
  TrainingAttendanceResolver,
  TrainingCourseResolver,
  TrainingResolver,
} from './standards-training/training.resolver';
import { TrainingService } from './standards-training/training.service';
import { TargetsResolver } from './targets/targets.resolver';
import { TargetsService } from './targets/targets.service';

/**
 * The quality module's pieces for the composition root: one service per sub-domain (standards
 * and training, evaluations, satisfaction, reception, planning, targets) and the resolvers to
 * register, all on the same rule sets.
 */
export function createQualityModule(
  rules: readonly QualityRuleSet[],
  deps: { rateLimiter: RateLimiter; satisfactionSubmitsPerHour: number },
) {
  const services = {
    training: new TrainingService(rules),
    evaluations: new EvaluationsService(rules),
    satisfaction: new SatisfactionService(rules, deps.rateLimiter, { submitPerHour: deps.satisfactionSubmitsPerHour }),
    reception: new ReceptionService(),
    targets: new TargetsService(rules),
    planning: new PlanningService(rules),
  };
  const resolvers = [
    new TrainingResolver(services.training),
    new TrainingAttendanceResolver(),
    new TrainingCourseResolver(),
    new CadreTrainingResolver(services.training),
    new CadreEvaluationResolver(),
    new EvaluationsResolver(services.evaluations),
    new WorkPlanResolver(),
    new SatisfactionResolver(services.satisfaction),
    new AttitudeEvaluationResolver(),
    new ReceptionResolver(services.reception),
    new ReceptionSessionResolver(),
    new TargetsResolver(services.targets),
    new PlanningResolver(services.planning),
  ];
  return { services, resolvers };
}
