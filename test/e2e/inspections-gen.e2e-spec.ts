import 'reflect-metadata';
import { createDataSource } from '../../ormconfig';
import { generateData } from '../../src/demo/cadres.generator';
import { generateInspectionWork } from '../../src/demo/inspections.generator';
import { createTestDatabase } from '../support/database';

describe('npm run gen: inspection work', () => {
  it('adds inspections in every stage, findings in every area and severity, discipline cases and one long record, once', async () => {
    const db = await createTestDatabase();
    const ds = createDataSource({ url: db.ownerUrl, poolSize: 2 });
    await ds.initialize();
    try {
      await generateData(ds, 'ward');
      const work = await ds.transaction((m) => generateInspectionWork(m, 'ward'));
      expect(work).toMatchObject({ inspections: 100, findings: 300, cases: 25 });
      const q = async (sql: string) => ((await ds.query(sql)) as Array<{ n: number }>)[0]!.n;
      expect(await q(`SELECT count(DISTINCT status)::int AS n FROM inspection`)).toBe(8);
      expect(await q(`SELECT count(DISTINCT area)::int AS n FROM finding`)).toBe(10);
      expect(await q(`SELECT count(DISTINCT severity)::int AS n FROM finding`)).toBe(4);
      expect(
        await q(`SELECT count(*)::int AS n FROM inspection WHERE subject_cadre_id = '${work.longRecordCadreId}'`),
      ).toBeGreaterThanOrEqual(20);
      expect(
        await q(
          `SELECT count(*)::int AS n FROM finding f JOIN inspection i ON i.id = f.inspection_id WHERE i.status IN ('PLANNED', 'DECIDED', 'CANCELLED')`,
        ),
      ).toBe(0);
      const again = await ds.transaction((m) => generateInspectionWork(m, 'ward'));
      expect(again).toEqual({ inspections: 0, findings: 0, cases: 0, longRecordCadreId: null });
    } finally {
      await ds.destroy();
      await db.drop();
    }
  });
});
