import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddImportRuns1796148355745 implements MigrationInterface {
  name = 'AddImportRuns1796148355745';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "import_run" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "kind" text NOT NULL, "file_name" text NOT NULL, "format" text NOT NULL, "sha256" text NOT NULL, "size_bytes" integer NOT NULL, "account_id" uuid, "valid_only" boolean NOT NULL, "rows" integer NOT NULL, "created" integer NOT NULL, "updated" integer NOT NULL, "unchanged" integer NOT NULL, "skipped" integer NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_efe3e6d8cb9f51ca4e9cd1cf5d3" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "import_run_kind_sha256_idx" ON "import_run"  ("kind", "sha256") `);
    await queryRunner.query(`ALTER TABLE "import_run" ADD CONSTRAINT "FK_812ec95cb919cfc9119833c2234" FOREIGN KEY ("account_id") REFERENCES "account"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "import_run" DROP CONSTRAINT "FK_812ec95cb919cfc9119833c2234"`);
    await queryRunner.query(`DROP INDEX "public"."import_run_kind_sha256_idx"`);
    await queryRunner.query(`DROP TABLE "import_run"`);
  }
}
