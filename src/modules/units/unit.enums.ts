import { registerEnumType } from 'type-graphql';

/** The three bodies (cơ quan) of the ward's political system the resolution counts cadres in. */
export enum Body {
  PARTY_OFFICE = 'PARTY_OFFICE',
  FATHERLAND_FRONT = 'FATHERLAND_FRONT',
  GOVERNMENT = 'GOVERNMENT',
}

registerEnumType(Body, {
  name: 'Body',
  description: 'One of the three bodies of the ward (cơ quan) in which the resolution counts its cadres.',
  valuesConfig: {
    PARTY_OFFICE: { description: 'Cơ quan Đảng ủy phường: the Party bloc (offices, boards, Party cells).' },
    FATHERLAND_FRONT: { description: 'Cơ quan Mặt trận Tổ quốc Việt Nam phường and the mass organisations under it.' },
    GOVERNMENT: { description: 'Cơ quan chính quyền: People’s Council, People’s Committee and its offices.' },
  },
});

/** What kind of organisation a unit is. */
export enum UnitKind {
  PARTY_COMMITTEE = 'PARTY_COMMITTEE',
  STANDING_COMMITTEE = 'STANDING_COMMITTEE',
  BODY = 'BODY',
  OFFICE = 'OFFICE',
  PARTY_CELL = 'PARTY_CELL',
  SUBORDINATE_PARTY_COMMITTEE = 'SUBORDINATE_PARTY_COMMITTEE',
  RESIDENTIAL_PARTY_CELL = 'RESIDENTIAL_PARTY_CELL',
}

registerEnumType(UnitKind, {
  name: 'UnitKind',
  description: 'What kind of organisation a unit is (cơ quan, đơn vị, tổ chức Đảng).',
  valuesConfig: {
    PARTY_COMMITTEE: { description: 'The ward Party committee (Đảng ủy phường), root of the tree.' },
    STANDING_COMMITTEE: { description: 'The Standing Committee of the ward Party committee (Ban Thường vụ Đảng ủy).' },
    BODY: { description: 'One of the three bodies (cơ quan): Party office, Fatherland Front, government.' },
    OFFICE: { description: 'An office, board, department or organisation inside a body (văn phòng, ban, phòng, hội).' },
    PARTY_CELL: { description: 'A Party cell of an agency (chi bộ cơ quan).' },
    SUBORDINATE_PARTY_COMMITTEE: { description: 'A subordinate Party committee (đảng bộ trực thuộc).' },
    RESIDENTIAL_PARTY_CELL: { description: 'The Party cell of a residential group (chi bộ tổ dân phố).' },
  },
});
