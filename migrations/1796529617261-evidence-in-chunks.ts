import type { MigrationInterface, QueryRunner } from 'typeorm';

export class EvidenceInChunks1796529617261 implements MigrationInterface {
  name = 'EvidenceInChunks1796529617261';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "evidence_chunk" ("file_id" uuid NOT NULL, "seq" integer NOT NULL, "data" bytea NOT NULL, CONSTRAINT "PK_56afc560e5a06137b2948fa5b31" PRIMARY KEY ("file_id", "seq"))`);
    // Files already stored keep their bytes, as one piece each (the app reads pieces in order).
    await queryRunner.query(`INSERT INTO "evidence_chunk" ("file_id", "seq", "data") SELECT "id", 0, "data" FROM "evidence_file"`);
    await queryRunner.query(`ALTER TABLE "evidence_file" DROP COLUMN "data"`);
    await queryRunner.query(`ALTER TABLE "evidence_chunk" ADD CONSTRAINT "FK_20f14b7344e56ac8a437aec4b9e" FOREIGN KEY ("file_id") REFERENCES "evidence_file"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "evidence_chunk" DROP CONSTRAINT "FK_20f14b7344e56ac8a437aec4b9e"`);
    await queryRunner.query(`ALTER TABLE "evidence_file" ADD "data" bytea`);
    await queryRunner.query(
      `UPDATE "evidence_file" f SET "data" = (SELECT string_agg(c."data", ''::bytea ORDER BY c."seq") FROM "evidence_chunk" c WHERE c."file_id" = f."id")`,
    );
    await queryRunner.query(`UPDATE "evidence_file" SET "data" = ''::bytea WHERE "data" IS NULL`);
    await queryRunner.query(`ALTER TABLE "evidence_file" ALTER COLUMN "data" SET NOT NULL`);
    await queryRunner.query(`DROP TABLE "evidence_chunk"`);
  }
}
