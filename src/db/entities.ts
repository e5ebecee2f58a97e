import { Account } from '../modules/accounts/account.entity';
import { LoginThrottle } from '../modules/accounts/login-throttle.entity';
import { CadreHistory } from '../modules/cadres/cadre-history.entity';
import { Cadre } from '../modules/cadres/cadre.entity';
import { Post } from '../modules/units/post.entity';
import { Unit } from '../modules/units/unit.entity';
import { OutboxEvent } from '../events/outbox-event.entity';
import { EvidenceChunk } from '../modules/reports/evidence-chunk.entity';
import { EvidenceFile } from '../modules/reports/evidence-file.entity';
import { IdentityAccess } from '../modules/reports/identity-access.entity';
import { ReportExtension } from '../modules/reports/report-extension.entity';
import { ReportSubject } from '../modules/reports/report-subject.entity';
import { ReportTimelineEntry } from '../modules/reports/report-timeline.entity';
import { Report } from '../modules/reports/report.entity';
import { ReporterIdentity } from '../modules/reports/reporter-identity.entity';
import { RateLimitBucket } from './rate-limit.entity';
import { Finding } from '../modules/inspections/finding.entity';
import { FollowUpItem } from '../modules/inspections/follow-up.entity';
import { Inspection } from '../modules/inspections/inspection.entity';
import { Commendation } from '../modules/commendations/commendation.entity';
import { InspectionPlan, PlanItem } from '../modules/inspections/plan.entity';
import { DisciplineCase } from '../modules/discipline/discipline-case.entity';
import { DisciplineNotification } from '../modules/discipline/discipline-notification.entity';
import { DeadlineAlert, DeadlineWatchState } from '../modules/board/deadline-alert.entity';
import { BoardPresence } from '../modules/board/presence.entity';
import { BoardCount, BoardCountDelta } from '../modules/board/board-count.entity';
import { ImportRun } from '../modules/imports/import-run.entity';

import { PostStandard } from '../modules/quality/standard.entity';
import { TrainingAttendance, TrainingCourse, TrainingPlan } from '../modules/quality/training.entity';
import { Evaluation, RatingQuotaException, WorkPlan } from '../modules/quality/evaluation.entity';
import { AttitudeEvaluation, ProcedureCase, SatisfactionResult } from '../modules/quality/satisfaction.entity';
import { ReceptionSchedule, ReceptionSession } from '../modules/quality/reception.entity';

/** Every entity of the app, for the one DataSource definition in ormconfig.ts. */
export const ENTITIES: Function[] = [
  Account,
  LoginThrottle,
  RateLimitBucket,
  Unit,
  Post,
  Cadre,
  CadreHistory,
  OutboxEvent,
  Report,
  ReportSubject,
  ReporterIdentity,
  IdentityAccess,
  ReportTimelineEntry,
  ReportExtension,
  EvidenceFile,
  EvidenceChunk,
  Inspection,
  InspectionPlan,
  PlanItem,
  Finding,
  FollowUpItem,
  DisciplineCase,
  DisciplineNotification,
  Commendation,
  DeadlineAlert,
  DeadlineWatchState,
  BoardPresence,
  BoardCount,
  BoardCountDelta,
  PostStandard,
  TrainingCourse,
  TrainingAttendance,
  TrainingPlan,
  WorkPlan,
  Evaluation,
  RatingQuotaException,
  ProcedureCase,
  SatisfactionResult,
  AttitudeEvaluation,
  ReceptionSchedule,
  ReceptionSession,
  ImportRun,
];
