import type { MigrationInterface, QueryRunner } from 'typeorm';

export class OutboxDeliveryOrder1796147957797 implements MigrationInterface {
  name = 'OutboxDeliveryOrder1796147957797';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "outbox_event" ADD "tx_id" bigint NOT NULL DEFAULT outbox_tx_id()`);
    await queryRunner.query(`CREATE INDEX "outbox_event_delivery_idx" ON "outbox_event"  ("tx_id", "id") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."outbox_event_delivery_idx"`);
    await queryRunner.query(`ALTER TABLE "outbox_event" DROP COLUMN "tx_id"`);
  }
}
