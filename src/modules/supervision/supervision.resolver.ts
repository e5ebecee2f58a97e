import type { GraphQLResolveInfo } from 'graphql';
import { Args, Ctx, FieldResolver, Info, Resolver, Root } from 'type-graphql';
import { forbidden, withReason } from '../../common/errors';
import type { RequestContext } from '../../graphql/context';
import { Cadre } from '../cadres/cadre.entity';
import { Commendation } from '../commendations/commendation.entity';
import { DisciplineCase } from '../discipline/discipline-case.entity';
import { Finding } from '../inspections/finding.entity';
import { Inspection } from '../inspections/inspection.entity';
import { FULL_READERS } from '../inspections/inspections.service';
import { Report } from '../reports/report.entity';
import { Unit } from '../units/unit.entity';
import { SupervisionRecordArgs, UnitSupervisionRecordArgs } from './supervision.inputs';
import { linksAsked, type RecordRow, SupervisionEntryType, type SupervisionRecordService } from './supervision-record.query';
import { SupervisionRecordConnection, SupervisionRecordEntry } from './supervision.types';

export function assertRecordReader(ctx: RequestContext, cadreId: string | null): void {
  const account = ctx.account;
  if (!account || !FULL_READERS.includes(account.role))
    throw withReason(forbidden('Chỉ Ủy ban Kiểm tra và Ban Thường vụ được xem hồ sơ giám sát'), 'RECORD_READERS_ONLY');
  if (cadreId && account.cadreId === cadreId)
    throw withReason(forbidden('Cán bộ không được xem hồ sơ giám sát của chính mình'), 'OWN_RECORD');
}

const RECORD_PAGING =
  ' Paged: `first` entries (default 20) after the cursor `after`, in one SQL statement for every record of the request asking for the same page, whatever the number of entries; the same statement brings the linked items asked for (report, inspection, finding and its inspection, disciplineCase, commendation).';

@Resolver(() => Cadre)
export class CadreRecordResolver {
  constructor(private readonly records: SupervisionRecordService) {}

  @FieldResolver(() => SupervisionRecordConnection, {
    nullable: true,
    description:
      'The cadre’s supervision record, newest first: reports naming them, inspections of them, findings concerning them, discipline cases and commendations. Inspection and Standing Committees only (FORBIDDEN otherwise, and for the cadre themself).' +
      RECORD_PAGING,
  })
  supervisionRecord(
    @Root() cadre: Cadre,
    @Args() args: SupervisionRecordArgs,
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    assertRecordReader(ctx, cadre.id);
    return this.records.forCadre(ctx, cadre.id, args, linksAsked(info));
  }
}

@Resolver(() => Unit)
export class UnitRecordResolver {
  constructor(private readonly records: SupervisionRecordService) {}

  @FieldResolver(() => SupervisionRecordConnection, {
    nullable: true,
    description:
      'The unit’s supervision record, newest first: reports naming it, inspections of it, findings concerning it, discipline cases of the Party organisation and commendations; by default for the units below it too (`includeDescendants`). Entries about the cadres of these units are in each cadre’s own record. Inspection and Standing Committees only (FORBIDDEN otherwise).' +
      RECORD_PAGING,
  })
  supervisionRecord(
    @Root() unit: Unit,
    @Args() args: UnitSupervisionRecordArgs,
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    assertRecordReader(ctx, null);
    return this.records.forUnit(ctx, unit, args, linksAsked(info));
  }
}

@Resolver(() => SupervisionRecordEntry)
export class SupervisionRecordEntryResolver {
  @FieldResolver(() => Report, { nullable: true, description: 'The report (type REPORT).' })
  report(@Root() e: RecordRow, @Ctx() ctx: RequestContext) {
    return e.type === SupervisionEntryType.REPORT ? ctx.loaders.reportById.load(e.id) : null;
  }

  @FieldResolver(() => Inspection, { nullable: true, description: 'The inspection (type INSPECTION).' })
  inspection(@Root() e: RecordRow, @Ctx() ctx: RequestContext) {
    return e.type === SupervisionEntryType.INSPECTION ? ctx.loaders.inspectionById.load(e.id) : null;
  }

  @FieldResolver(() => Finding, { nullable: true, description: 'The finding (type FINDING).' })
  finding(@Root() e: RecordRow, @Ctx() ctx: RequestContext) {
    return e.type === SupervisionEntryType.FINDING ? ctx.loaders.findingById.load(e.id) : null;
  }

  @FieldResolver(() => DisciplineCase, { nullable: true, description: 'The case (type DISCIPLINE_CASE).' })
  disciplineCase(@Root() e: RecordRow, @Ctx() ctx: RequestContext) {
    return e.type === SupervisionEntryType.DISCIPLINE_CASE ? ctx.loaders.disciplineCaseById.load(e.id) : null;
  }

  @FieldResolver(() => Commendation, { nullable: true, description: 'The commendation (type COMMENDATION).' })
  commendation(@Root() e: RecordRow, @Ctx() ctx: RequestContext) {
    return e.type === SupervisionEntryType.COMMENDATION ? ctx.loaders.commendationById.load(e.id) : null;
  }
}
