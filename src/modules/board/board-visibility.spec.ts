import 'reflect-metadata';
import { Role } from '../../common/role.enum';
import { BoardEventType } from './board-event.types';
import { sees, type Viewer } from './board-visibility';
import { comparePositions } from '../../events/feed-position';
import type { FeedEvent } from '../../events/outbox-reader';

const event = (type: BoardEventType, unitPaths: string[] = [], extra: Partial<FeedEvent> = {}): FeedEvent => ({
  position: { tx: 1n, id: 1n },
  id: '1',
  type,
  occurredAt: new Date(),
  payload: {},
  unitIds: [],
  unitPaths,
  concernedCadreIds: [],
  ...extra,
});
const viewer = (role: Role, scopePath: string | null = null, cadreId: string | null = null): Viewer => ({
  accountId: 'a',
  role,
  scopePath,
  cadreId,
});

describe('who receives a board event', () => {
  it('gives the committees every event type but the personal reminder digest', () => {
    for (const type of Object.values(BoardEventType)) {
      if (type === BoardEventType.REMINDER_DIGEST_READY) continue;
      expect(sees(viewer(Role.INSPECTION_COMMITTEE), event(type))).toBe(true);
      expect(sees(viewer(Role.STANDING_COMMITTEE), event(type))).toBe(true);
    }
  });

  it('gives INTAKE_STAFF the report events only', () => {
    expect(sees(viewer(Role.INTAKE_STAFF), event(BoardEventType.REPORT_OVERDUE))).toBe(true);
    expect(sees(viewer(Role.INTAKE_STAFF), event(BoardEventType.PRESS_REPORT_RECORDED))).toBe(true);
    expect(sees(viewer(Role.INTAKE_STAFF), event(BoardEventType.FINDING_RECORDED))).toBe(false);
  });

  it('gives a UNIT_HEAD report events and concluded inspections in its subtree, nothing under way', () => {
    const head = viewer(Role.UNIT_HEAD, '/root/gov/');
    expect(sees(head, event(BoardEventType.REPORT_RECEIVED, ['/root/gov/office/']))).toBe(true);
    expect(sees(head, event(BoardEventType.REPORT_RECEIVED, ['/root/front/']))).toBe(false);
    expect(sees(head, event(BoardEventType.REPORT_RECEIVED, ['/root/']))).toBe(false);
    expect(sees(head, event(BoardEventType.REPORT_RECEIVED, []))).toBe(false);
    expect(sees(head, event(BoardEventType.INSPECTION_CONCLUDED, ['/root/gov/']))).toBe(true);
    expect(sees(head, event(BoardEventType.INSPECTION_OPENED, ['/root/gov/']))).toBe(false);
    expect(sees(head, event(BoardEventType.FINDING_RECORDED, ['/root/gov/']))).toBe(false);
    expect(sees(head, event(BoardEventType.DISCIPLINE_CASE_DECIDED, ['/root/gov/']))).toBe(false);
  });

  it('gives ADMIN, PARTY_BUILDING and VIEWER nothing', () => {
    for (const role of [Role.ADMIN, Role.PARTY_BUILDING, Role.VIEWER])
      expect(sees(viewer(role), event(BoardEventType.REPORT_RECEIVED))).toBe(false);
  });

  it('never tells a cadre of an item they are involved in, whatever the role and the kind of item', () => {
    const denunciation = event(BoardEventType.REPORT_RECEIVED, [], {
      payload: { kind: 'DENUNCIATION' },
      concernedCadreIds: ['c1'],
    });
    expect(sees(viewer(Role.INSPECTION_COMMITTEE, null, 'c1'), denunciation)).toBe(false);
    expect(sees(viewer(Role.INSPECTION_COMMITTEE, null, 'c2'), denunciation)).toBe(true);
    expect(sees(viewer(Role.INSPECTION_COMMITTEE, null, 'c1'), { ...denunciation, payload: { kind: 'COMPLAINT' } })).toBe(false);
    for (const type of [BoardEventType.INSPECTION_OPENED, BoardEventType.FINDING_RECORDED, BoardEventType.DISCIPLINE_CASE_OPENED])
      expect(sees(viewer(Role.STANDING_COMMITTEE, null, 'c1'), event(type, [], { concernedCadreIds: ['c1'] }))).toBe(false);
  });

  it('tells of a reminder digest its recipient alone, whatever the role', () => {
    const digest = event(BoardEventType.REMINDER_DIGEST_READY, [], { payload: { recipientAccountId: 'a' } });
    for (const role of [Role.INSPECTION_COMMITTEE, Role.STANDING_COMMITTEE, Role.INTAKE_STAFF, Role.UNIT_HEAD]) {
      expect(sees(viewer(role, '/root/'), digest)).toBe(true);
      expect(sees({ ...viewer(role, '/root/'), accountId: 'b' }, digest)).toBe(false);
    }
    expect(sees(viewer(Role.STANDING_COMMITTEE), event(BoardEventType.REMINDER_DIGEST_READY))).toBe(false);
  });

  it('orders feed positions by transaction, then id', () => {
    expect(comparePositions({ tx: 5n, id: 9n }, { tx: 6n, id: 1n })).toBeLessThan(0);
    expect(comparePositions({ tx: 6n, id: 2n }, { tx: 6n, id: 1n })).toBeGreaterThan(0);
    expect(comparePositions({ tx: 6n, id: 1n }, { tx: 6n, id: 1n })).toBe(0);
  });
});
