import { Unit } from '../units/unit.entity';
import { Cadre } from '../cadres/cadre.entity';
import { Report } from './report.entity';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';

/** A cadre or unit a report concerns (người, đơn vị bị phản ánh / bị tố cáo). */
@Entity()
@Index('report_subject_report_idx', ['reportId'])
@Index('report_subject_cadre_idx', ['cadreId', 'reportId'])
@Index('report_subject_unit_idx', ['unitId', 'reportId'])
// A cadre's or unit's reports newest first, for the supervision record: a range on these, where
// the report's own received_at would mean sorting all of them (120 ms for 30,000, 0.3 ms here).
@Index('report_subject_cadre_received_idx', ['cadreId', 'receivedAt', 'reportId'])
@Index('report_subject_unit_received_idx', ['unitId', 'receivedAt', 'reportId'])
export class ReportSubject {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id!: string;

  @Column({ type: 'uuid' })
  reportId!: string;

  @ManyToOne(() => Report, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'report_id' })
  report?: Relation<Report>;

  @Column({ type: 'uuid', nullable: true })
  cadreId!: string | null;

  @ManyToOne(() => Cadre, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'cadre_id' })
  cadre?: Relation<Cadre> | null;

  @Column({ type: 'uuid', nullable: true })
  unitId!: string | null;

  @ManyToOne(() => Unit, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id' })
  unit?: Relation<Unit> | null;

  /**
   * The report's received_at, copied by the database (the report_subject_received_at triggers):
   * filled on insert from the report and kept when the report's receipt is moved, so no writer
   * can leave it out or get it wrong.
   */
  @Column({ type: 'timestamptz', insert: false, update: false })
  receivedAt!: Date;
}
