import { Account } from './src/modules/accounts/account.entity';
import { LoginThrottle } from './src/modules/accounts/login-throttle.entity';
import { CadreHistory } from './src/modules/cadres/cadre-history.entity';
import { Cadre } from './src/modules/cadres/cadre.entity';
import { Post } from './src/modules/units/post.entity';
import { Unit } from './src/modules/units/unit.entity';
import { OutboxEvent } from './src/modules/board/outbox-event.entity';
import { EvidenceChunk } from './src/modules/reports/evidence-chunk.entity';
import { EvidenceFile } from './src/modules/reports/evidence-file.entity';
import { IdentityAccess } from './src/modules/reports/identity-access.entity';
import { IdentityAccessRequest } from './src/modules/reports/identity-access-request.entity';
import { ReportExtension } from './src/modules/reports/report-extension.entity';
import { ReportSubject } from './src/modules/reports/report-subject.entity';
import { ReportTimelineEntry } from './src/modules/reports/report-timeline.entity';
import { Report } from './src/modules/reports/report.entity';
import { ReporterIdentity } from './src/modules/reports/reporter-identity.entity';
import { ReportDataKey } from './src/modules/reports/report-data-key.entity';
import { RetentionDestruction } from './src/modules/reports/retention-destruction.entity';
import { RateLimitBucket } from './src/db/rate-limit.entity';
import { Finding } from './src/modules/inspections/finding.entity';
import { FollowUpItem } from './src/modules/inspections/follow-up.entity';
import { Inspection } from './src/modules/inspections/inspection.entity';
import { Commendation } from './src/modules/commendations/commendation.entity';
import { DecisionCorrection } from './src/modules/corrections/decision-correction.entity';
import { InspectionPlan, PlanItem } from './src/modules/inspections/plan.entity';
import { DisciplineCase } from './src/modules/discipline/discipline-case.entity';
import { DisciplineNotification } from './src/modules/discipline/discipline-notification.entity';
import { DeadlineAlert, DeadlineWatchState } from './src/modules/board/deadline-alert.entity';
import { PeriodicReportDraft } from './src/modules/periodic-reports/periodic-report-draft.entity';
import { ReminderDigest } from './src/modules/reminders/reminder-digest.entity';
import { BoardPresence } from './src/modules/board/presence.entity';
import { BoardCount, BoardCountDelta } from './src/modules/board/board-count.entity';
import { ImportRun } from './src/modules/imports/import-run.entity';
import { RuleDataVersion } from './src/modules/rules/rule-data.entity';

import { PostStandard } from './src/modules/quality/standards-training/standard.entity';
import { TrainingAttendance, TrainingCourse, TrainingPlan } from './src/modules/quality/standards-training/training.entity';
import { Evaluation, RatingQuotaException, WorkPlan } from './src/modules/quality/evaluations/evaluation.entity';
import { AttitudeEvaluation, ProcedureCase, SatisfactionResult } from './src/modules/quality/satisfaction/satisfaction.entity';
import { ReceptionSchedule, ReceptionSession } from './src/modules/quality/reception/reception.entity';

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
  ReportDataKey,
  RetentionDestruction,
  IdentityAccess,
  IdentityAccessRequest,
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
  DecisionCorrection,
  DeadlineAlert,
  PeriodicReportDraft,
  ReminderDigest,
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
  RuleDataVersion,
];
