import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Anonymous denunciations kept as information (Luật Tố cáo Art. 25) leave the acceptance stage
 * for their own state, without a deadline: they are not cases, so never overdue. Those closed
 * before are filed. Acceptance days are filled from the recorded acceptance instants, so
 * deadlines keep counting from the same day.
 */
export class InformationKeptWithoutDeadline1796542530892 implements MigrationInterface {
  name = 'InformationKeptWithoutDeadline1796542530892';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `UPDATE report SET status = 'INFORMATION', due_at = NULL
        WHERE treated_as_information AND status IN ('RECEIVED', 'CLASSIFIED')`,
    );
    await queryRunner.query(
      `UPDATE report SET status = 'INFORMATION_FILED', due_at = NULL WHERE treated_as_information AND status = 'CLOSED'`,
    );
    await queryRunner.query(
      `UPDATE report SET accepted_on = (accepted_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date WHERE accepted_at IS NOT NULL AND accepted_on IS NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`UPDATE report SET status = 'CLASSIFIED' WHERE status = 'INFORMATION'`);
    await queryRunner.query(`UPDATE report SET status = 'CLOSED' WHERE status IN ('INFORMATION_USED', 'INFORMATION_FILED')`);
  }
}
