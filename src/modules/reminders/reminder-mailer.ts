import { createTransport, type Transporter } from 'nodemailer';
import { ReminderItemType, type StoredReminderItem } from './reminder-digest.entity';

/** A staff account's sign-in address: the only kind of address a reminder may go to. */
export interface StaffAddress {
  readonly accountId: string;
  readonly email: string;
}

/** What an e-mail of a digest says (no reporter identity: ids, redacted titles, stages, dates). */
export interface DigestMail {
  day: string;
  dueBy: string;
  asChair: boolean;
  overdueCount: number;
  dueSoonCount: number;
  items: StoredReminderItem[];
}

const KIND: Record<string, string> = {
  COMPLAINT: 'Đơn khiếu nại',
  DENUNCIATION: 'Đơn tố cáo',
  PETITION: 'Đơn kiến nghị',
  FEEDBACK: 'Đơn phản ánh',
};

const STAGE: Record<string, string> = {
  RECEIVED: 'tiếp nhận',
  CLASSIFIED: 'phân loại',
  ACCEPTED: 'thụ lý',
  UNDER_VERIFICATION: 'xác minh',
  CONCLUDED: 'kết luận',
};

/** YYYY-MM-DD → DD/MM/YYYY. */
const vnDay = (iso: string) => iso.split('-').reverse().join('/');

function line(item: StoredReminderItem): string {
  const what =
    item.type === ReminderItemType.REPORT
      ? `${KIND[item.reportKind ?? ''] ?? 'Đơn thư'} “${item.title}”${item.stage ? `, bước ${STAGE[item.stage] ?? item.stage}` : ''}${item.pressReply ? ', trả lời báo chí trong 30 ngày' : ''}`
      : item.title;
  return `- ${item.overdue ? '[QUÁ HẠN] ' : ''}${what}; hạn ${vnDay(item.dueOn)} (mã ${item.id})`;
}

/** The subject and plain-text body of a digest's e-mail, in Vietnamese. */
export function digestMessage(mail: DigestMail): { subject: string; text: string } {
  const counts = [
    mail.overdueCount ? `${mail.overdueCount} việc quá hạn` : '',
    mail.dueSoonCount ? `${mail.dueSoonCount} việc sắp đến hạn` : '',
  ].filter(Boolean);
  const subject = `Bản nhắc việc hằng ngày ${vnDay(mail.day)}: ${counts.join(', ') || 'không có việc đến hạn'}`;
  const overdue = mail.items.filter((i) => i.overdue);
  const soon = mail.items.filter((i) => !i.overdue);
  const more = mail.overdueCount + mail.dueSoonCount - mail.items.length;
  const text = [
    `Bản nhắc việc hằng ngày ${vnDay(mail.day)}${mail.asChair ? ' (Chủ nhiệm Ủy ban Kiểm tra: toàn bộ công việc của Ủy ban)' : ''}.`,
    '',
    ...(overdue.length ? ['Việc đã quá hạn:', ...overdue.map(line), ''] : []),
    ...(soon.length ? [`Việc đến hạn đến hết ngày ${vnDay(mail.dueBy)}:`, ...soon.map(line), ''] : []),
    ...(more > 0 ? [`Còn ${more} việc khác; xem đầy đủ trên hệ thống.`, ''] : []),
    'Thư này gửi tự động từ hệ thống Giám sát cho cán bộ có tài khoản; xin không trả lời thư này.',
  ].join('\n');
  return { subject, text };
}

/** Sends digests through the mail server of SMTP_URL (nodemailer). */
export class ReminderMailer {
  private readonly transport: Transporter;

  constructor(
    smtpUrl: string,
    private readonly from: string,
  ) {
    // Bounded waits: a run holds the digest's row lock while it sends.
    this.transport = createTransport({ url: smtpUrl, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 });
  }

  /** Hands the digest to the server for one staff address; rejects when the server refuses it. */
  async send(to: StaffAddress, mail: DigestMail): Promise<void> {
    const { subject, text } = digestMessage(mail);
    await this.transport.sendMail({ from: this.from, to: to.email, subject, text });
  }

  close(): void {
    this.transport.close();
  }
}
