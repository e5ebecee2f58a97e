import 'reflect-metadata';
import { ReminderItemType, type StoredReminderItem } from './reminder-digest.entity';
import { digestMessage } from './reminder-mailer';
import { ReportKind, ReportStatus } from '../reports/report.enums';

const item = (over: Partial<StoredReminderItem>): StoredReminderItem => ({
  type: ReminderItemType.REPORT,
  id: '00000000-0000-4000-8000-000000000001',
  reportKind: ReportKind.DENUNCIATION,
  stage: ReportStatus.ACCEPTED,
  title: 'Tố cáo việc cấp giấy chứng nhận',
  dueAt: '2026-12-09T16:59:59.999Z',
  dueOn: '2026-12-09',
  overdue: false,
  pressReply: false,
  ...over,
});

describe('the e-mail of a reminder digest', () => {
  it('says in Vietnamese what is overdue and what falls due, with dates written the Vietnamese way', () => {
    const { subject, text } = digestMessage({
      day: '2026-12-08',
      dueBy: '2026-12-11',
      asChair: false,
      overdueCount: 1,
      dueSoonCount: 1,
      items: [
        item({ overdue: true, dueOn: '2026-12-07' }),
        item({ reportKind: ReportKind.FEEDBACK, pressReply: true, stage: ReportStatus.RECEIVED }),
      ],
    });
    expect(subject).toBe('Bản nhắc việc hằng ngày 08/12/2026: 1 việc quá hạn, 1 việc sắp đến hạn');
    expect(text).toContain(
      'Việc đã quá hạn:\n- [QUÁ HẠN] Đơn tố cáo “Tố cáo việc cấp giấy chứng nhận”, bước thụ lý; hạn 07/12/2026',
    );
    expect(text).toContain('Việc đến hạn đến hết ngày 11/12/2026:\n- Đơn phản ánh');
    expect(text).toContain('trả lời báo chí trong 30 ngày');
  });

  it('counts the lines beyond those listed, and names the chair’s view', () => {
    const { text } = digestMessage({
      day: '2026-12-08',
      dueBy: '2026-12-11',
      asChair: true,
      overdueCount: 0,
      dueSoonCount: 5,
      items: [
        item({}),
        item({ type: ReminderItemType.FOLLOW_UP, reportKind: null, stage: null, title: 'Kiến nghị sau kiểm tra “X”' }),
      ],
    });
    expect(text).toContain('Chủ nhiệm Ủy ban Kiểm tra');
    expect(text).toContain('- Kiến nghị sau kiểm tra “X”; hạn 09/12/2026');
    expect(text).toContain('Còn 3 việc khác');
  });
});
