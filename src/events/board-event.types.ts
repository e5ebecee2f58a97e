import { registerEnumType } from 'type-graphql';

/** Every kind of event the live board shows. Payloads carry ids and public fields only. */
export enum BoardEventType {
  REPORT_RECEIVED = 'REPORT_RECEIVED',
  REPORT_STATUS_CHANGED = 'REPORT_STATUS_CHANGED',
  REPORT_DUE_SOON = 'REPORT_DUE_SOON',
  REPORT_OVERDUE = 'REPORT_OVERDUE',
  PRESS_REPORT_RECORDED = 'PRESS_REPORT_RECORDED',
  INSPECTION_OPENED = 'INSPECTION_OPENED',
  FINDING_RECORDED = 'FINDING_RECORDED',
  INSPECTION_CONCLUDED = 'INSPECTION_CONCLUDED',
  DISCIPLINE_CASE_OPENED = 'DISCIPLINE_CASE_OPENED',
  DISCIPLINE_CASE_DECIDED = 'DISCIPLINE_CASE_DECIDED',
}

registerEnumType(BoardEventType, {
  name: 'BoardEventType',
  description: 'Kind of a live-board event.',
  valuesConfig: {
    REPORT_RECEIVED: { description: 'A report was received (tiếp nhận) from any source.' },
    REPORT_STATUS_CHANGED: { description: 'A report moved to another handling stage.' },
    REPORT_DUE_SOON: { description: 'A report’s current stage is due within the warning period.' },
    REPORT_OVERDUE: { description: 'A report’s current stage passed its legal due date.' },
    PRESS_REPORT_RECORDED: { description: 'Intake staff recorded a press article.' },
    INSPECTION_OPENED: { description: 'An inspection or supervision was decided.' },
    FINDING_RECORDED: { description: 'An inspection finding was recorded.' },
    INSPECTION_CONCLUDED: { description: 'An inspection was concluded.' },
    DISCIPLINE_CASE_OPENED: { description: 'A discipline case was opened.' },
    DISCIPLINE_CASE_DECIDED: { description: 'A discipline case was decided.' },
  },
});
