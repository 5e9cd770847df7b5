import { writeTransaction } from '../../src/db/write-transaction';
import { createTestDatabase, TestDatabase } from '../support/database';

describe('writeTransaction', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.drop());

  it('runs the work again when Postgres broke a deadlock, keeping only the successful run', async () => {
    let runs = 0;
    const result = await writeTransaction(database.db, async (m) => {
      runs++;
      await m.query(`INSERT INTO party (code, name) VALUES ('AA', 'Attempt ${runs}')`);
      if (runs === 1) throw Object.assign(new Error('deadlock detected'), { code: '40P01' });
      return 'done';
    });
    expect([result, runs]).toEqual(['done', 2]);
    expect(await database.db.query(`SELECT name FROM party WHERE code = 'AA'`)).toEqual([{ name: 'Attempt 2' }]);
  });

  it('breaks a real deadlock between two writers', async () => {
    await database.db.query(`INSERT INTO party (code, name) VALUES ('BB', 'b'), ('CC', 'c')`);
    let release!: () => void;
    const bothLocked = new Promise<void>((r) => (release = r));
    let locked = 0;
    const writer = (first: string, second: string) =>
      writeTransaction(database.db, async (m) => {
        await m.query(`UPDATE party SET name = name || '+' WHERE code = $1`, [first]);
        if (++locked === 2) release();
        await bothLocked;
        await m.query(`UPDATE party SET name = name || '+' WHERE code = $1`, [second]);
      });
    await Promise.all([writer('BB', 'CC'), writer('CC', 'BB')]);
    const rows = await database.db.query(`SELECT name FROM party WHERE code IN ('BB', 'CC') ORDER BY code`);
    expect(rows).toEqual([{ name: 'b++' }, { name: 'c++' }]);
  });

  it('does not retry other failures', async () => {
    let runs = 0;
    await expect(writeTransaction(database.db, async () => {
      runs++;
      throw Object.assign(new Error('unique'), { code: '23505' });
    })).rejects.toThrow('unique');
    expect(runs).toBe(1);
  });
});
