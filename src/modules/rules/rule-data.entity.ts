import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** The kinds of rule data kept in the database, each a document versioned as a whole. */
export enum RuleDataKind {
  DEADLINE_RULES = 'DEADLINE_RULES',
  HOLIDAY_CALENDAR = 'HOLIDAY_CALENDAR',
  DISCIPLINE_RULES = 'DISCIPLINE_RULES',
  RETENTION_RULES = 'RETENTION_RULES',
}
registerEnumType(RuleDataKind, {
  name: 'RuleDataKind',
  description: 'A kind of rule data (dữ liệu quy tắc) kept in the database and changed without a release.',
  valuesConfig: {
    DEADLINE_RULES: {
      description:
        'Thời hạn giải quyết: the dated deadline rule sets for reports (acceptance, resolution, press reply, transfer, extensions). A report keeps the set in force on the day it was received (`Report.ruleSetId`).',
    },
    HOLIDAY_CALENDAR: {
      description:
        'Lịch nghỉ lễ, Tết: public holidays, compensatory days off and make-up working days, per covered year. Always the newest version applies; a correction recomputes the due dates of open reports whose current stage spans a changed day.',
    },
    DISCIPLINE_RULES: {
      description:
        'Hình thức kỷ luật, thẩm quyền: the dated discipline rule sets (forms per subject type, deciding bodies, limitation periods, appeal window). A case keeps the set in force on its decision date (`DisciplineCase.ruleSetId`).',
    },
    RETENTION_RULES: {
      description:
        'Thời hạn lưu trữ: the dated retention rule sets, one period per report kind (its evidence follows it), with the legal basis and minimum where stated. A report follows the set in force on its closing date; once past it, the reporter’s identity and the evidence are destroyed on the committee’s confirmation.',
    },
  },
});

/**
 * One version of a kind of rule data: the whole document (shaped like the bundled file it was
 * seeded from), and the audit of the change that made it (who, when, why, what changed from what).
 * Versions are only ever added; version 1 of each kind is the bundled file, seeded on first start.
 */
@ObjectType({
  description:
    'One version of a kind of rule data, with the audit of the change that made it (phiên bản dữ liệu quy tắc). Version 1 is the bundled file, seeded on first start; each ADMIN change adds a version.',
})
@Entity()
export class RuleDataVersion {
  @Field(() => RuleDataKind, { description: 'The kind of rule data.' })
  @PrimaryColumn({ type: 'enum', enum: RuleDataKind, enumName: 'rule_data_kind' })
  kind!: RuleDataKind;

  @Field(() => Int, { description: 'The version, 1 for the bundled data, then one more for each change.' })
  @PrimaryColumn({ type: 'int' })
  version!: number;

  /** The whole document, shaped like the bundled file it was seeded from (a `data/` JSON file of its module). */
  @Column({ type: 'jsonb' })
  data!: Record<string, unknown>;

  @Field(() => String, {
    nullable: true,
    description:
      'Ngày hiệu lực (YYYY-MM-DD) of the rule set the change added; null for the seed and for calendar changes, which apply as soon as they are saved.',
  })
  @Column({ type: 'date', nullable: true })
  effectiveFrom!: string | null;

  @Field({ description: 'When the version was saved.' })
  @CreateDateColumn({ type: 'timestamptz' })
  changedAt!: Date;

  /** The ADMIN account that made the change; null for the seed. */
  @Column({ type: 'uuid', nullable: true })
  changedById!: string | null;

  @Field(() => String, { nullable: true, description: 'Email of the ADMIN account that made the change; null for the seed.' })
  @Column({ type: 'text', nullable: true })
  changedByEmail!: string | null;

  @Field({ description: 'Lý do: why the change was made (for the seed, which file it came from).' })
  @Column({ type: 'text' })
  reason!: string;

  @Field({ description: 'What changed, in one line (e.g. "thêm bộ quy tắc vn-2027-01", "sửa ngày 2026-09-02").' })
  @Column({ type: 'text' })
  summary!: string;

  /** `{ old, new }` of what changed (a rule set, calendar days), for the audit. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  change!: Record<string, unknown>;

  /** For a calendar change: the open reports whose due date it recomputed, with old and new due dates. */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  recomputed!: Array<{ reportId: string; from: string | null; to: string | null }>;

  @Field(() => Int, {
    description:
      'For a calendar change: how many open reports had their due date recomputed because their current stage spans a changed day (0 otherwise).',
  })
  get recomputedReports(): number {
    return this.recomputed?.length ?? 0;
  }

  @Field({
    description:
      'The whole document of this version as JSON text, shaped like the bundled file (deadline-rules.json, vn-holidays.json, discipline-rules.json).',
  })
  get document(): string {
    return JSON.stringify(this.data);
  }

  @Field({
    description:
      'What this version changed, as JSON text `{ "old": …, "new": … }` (a rule set added; calendar days before and after).',
  })
  get changeJson(): string {
    return JSON.stringify(this.change ?? {});
  }
}
