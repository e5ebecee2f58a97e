import { POST_BY_CODE } from '../modules/units/post.catalogue';
import { MANAGERS_PER_WARD, STAFF_PER_WARD, staffing, WARD_BLUEPRINT } from './ward-blueprint';
import { Body } from '../modules/units/unit.enums';

const sum = (m: Map<string, Array<[string, number]>>) => [...m.values()].flat().reduce((s, [, n]) => s + n, 0);

describe('the ward blueprint', () => {
  it('staffs a ward as An Biên’s resolution states its parts: 130 people, 30 leaders/managers', () => {
    expect(STAFF_PER_WARD).toBe(130);
    expect(MANAGERS_PER_WARD).toBe(30);
    const byBody = new Map<Body, { cadres: number; managers: number }>();
    for (const unit of WARD_BLUEPRINT) {
      for (const [code, n] of unit.staff) {
        const b = byBody.get(unit.body!) ?? { cadres: 0, managers: 0 };
        b.cadres += n;
        if (POST_BY_CODE.get(code)!.isManagement) b.managers += n;
        byBody.set(unit.body!, b);
      }
    }
    expect(Object.fromEntries(byBody)).toEqual({
      [Body.PARTY_OFFICE]: { cadres: 20, managers: 11 },
      [Body.FATHERLAND_FRONT]: { cadres: 16, managers: 5 },
      [Body.GOVERNMENT]: { cadres: 94, managers: 14 },
    });
  });

  it('scales specialists to any ward size exactly, keeping every leader post', () => {
    for (const total of [30, 31, 129, 130, 131, 500, 1234]) expect(sum(staffing(total))).toBe(total);
    const big = staffing(500);
    expect(big.get('BTV')).toEqual([
      ['PARTY_SECRETARY', 1],
      ['STANDING_DEPUTY_SECRETARY', 1],
    ]);
  });

  it('lists every parent before its children', () => {
    const seen = new Set<string>();
    for (const u of WARD_BLUEPRINT) {
      if (u.parent) expect(seen.has(u.parent)).toBe(true);
      seen.add(u.key);
    }
  });
});
