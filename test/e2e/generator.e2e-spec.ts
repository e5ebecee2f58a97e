import 'reflect-metadata';
import type { DataSource } from 'typeorm';
import { createDataSource } from '../../ormconfig';
import { generateData } from '../../src/demo/cadres.generator';
import { createTestDatabase, type TestDatabase } from '../support/database';

async function openDatabase(): Promise<{ db: TestDatabase; ds: DataSource }> {
  const db = await createTestDatabase();
  const ds = createDataSource({ url: db.ownerUrl, poolSize: 2 });
  await ds.initialize();
  return { db, ds };
}

const people = async (ds: DataSource) =>
  (await ds.query(
    `SELECT u.code, c.full_name, c.gender, c.date_of_birth::text AS dob, c.qualification, c.political_theory
       FROM cadre c JOIN unit u ON u.id = c.unit_id
      ORDER BY u.code, c.full_name, c.date_of_birth`,
  )) as unknown[];

describe('the data generator (npm run gen)', () => {
  const opened: Array<{ db: TestDatabase; ds: DataSource }> = [];
  afterAll(async () => {
    for (const o of opened) {
      await o.ds.destroy();
      await o.db.drop();
    }
  });

  it('fills a ward of An Biên’s shape, reports progress, and refuses to duplicate on a re-run', async () => {
    const o = await openDatabase();
    opened.push(o);
    const progress: Array<[number, number]> = [];
    const first = await generateData(o.ds, 'ward', { onProgress: (done, total) => progress.push([done, total]) });
    expect(first).toMatchObject({
      outcome: 'generated',
      wards: 1,
      cadres: 130,
      managers: 30,
      byBody: {
        PARTY_OFFICE: { cadres: 20, managers: 11 },
        FATHERLAND_FRONT: { cadres: 16, managers: 5 },
        GOVERNMENT: { cadres: 94, managers: 14 },
      },
    });
    expect(progress[0]).toEqual([0, 130]);
    expect(progress[progress.length - 1]).toEqual([130, 130]);
    const [{ n: residentialCells }] = await o.ds.query(
      `SELECT count(*)::int AS n FROM unit WHERE kind = 'RESIDENTIAL_PARTY_CELL'`,
    );
    expect(residentialCells).toBe(30);

    const again = await generateData(o.ds, 'province');
    expect(again.outcome).toBe('already-filled');
    expect(again.cadres).toBe(130);
    const [{ n }] = await o.ds.query(`SELECT count(*)::int AS n FROM cadre`);
    expect(n).toBe(130);
  });

  it('makes the same people from the same seed', async () => {
    const a = await openDatabase();
    const b = await openDatabase();
    opened.push(a, b);
    await generateData(a.ds, 'ward', { seed: 7 });
    await generateData(b.ds, 'ward', { seed: 7 });
    const [pa, pb] = await Promise.all([people(a.ds), people(b.ds)]);
    expect(pa).toHaveLength(130);
    expect(pb).toEqual(pa);
  });
});
