import { registerEnumType } from 'type-graphql';

export enum ReportKind {
  COMPLAINT = 'COMPLAINT',
  DENUNCIATION = 'DENUNCIATION',
  PETITION = 'PETITION',
  FEEDBACK = 'FEEDBACK',
}

export enum ReportSource {
  CITIZEN = 'CITIZEN',
  PRESS = 'PRESS',
  FATHERLAND_FRONT = 'FATHERLAND_FRONT',
  INTERNAL = 'INTERNAL',
  HIGHER_LEVEL = 'HIGHER_LEVEL',
}

export enum ReportChannel {
  WEB = 'WEB',
  RECEPTION = 'RECEPTION',
  PHONE = 'PHONE',
  MAIL = 'MAIL',
  EMAIL = 'EMAIL',
  PRESS_ARTICLE = 'PRESS_ARTICLE',
}

export enum ReportField {
  LAND = 'LAND',
  CONSTRUCTION = 'CONSTRUCTION',
  PUBLIC_FINANCE = 'PUBLIC_FINANCE',
  ADMINISTRATIVE_PROCEDURE = 'ADMINISTRATIVE_PROCEDURE',
  CADRE_ATTITUDE = 'CADRE_ATTITUDE',
  CORRUPTION = 'CORRUPTION',
  OTHER = 'OTHER',
}

/** Handling stages; the service enforces the transitions in `report-workflow.ts`. */
export enum ReportStatus {
  RECEIVED = 'RECEIVED',
  CLASSIFIED = 'CLASSIFIED',
  ACCEPTED = 'ACCEPTED',
  NOT_ACCEPTED = 'NOT_ACCEPTED',
  TRANSFERRED = 'TRANSFERRED',
  UNDER_VERIFICATION = 'UNDER_VERIFICATION',
  CONCLUDED = 'CONCLUDED',
  CLOSED = 'CLOSED',
  MERGED = 'MERGED',
  INFORMATION = 'INFORMATION',
  INFORMATION_USED = 'INFORMATION_USED',
  INFORMATION_FILED = 'INFORMATION_FILED',
}

export enum ReportOutcome {
  FOUNDED = 'FOUNDED',
  PARTLY_FOUNDED = 'PARTLY_FOUNDED',
  UNFOUNDED = 'UNFOUNDED',
}

export enum ReportComplexity {
  ORDINARY = 'ORDINARY',
  COMPLEX = 'COMPLEX',
  ESPECIALLY_COMPLEX = 'ESPECIALLY_COMPLEX',
}

registerEnumType(ReportKind, {
  name: 'ReportKind',
  description: 'What the report is, in law (loại đơn: khiếu nại, tố cáo, kiến nghị, phản ánh).',
  valuesConfig: {
    COMPLAINT: { description: 'Khiếu nại: a complaint against a decision or act (Luật Khiếu nại 2011).' },
    DENUNCIATION: {
      description: 'Tố cáo: a denunciation of a violation by a cadre (Luật Tố cáo 2018); the denouncer is protected.',
    },
    PETITION: { description: 'Kiến nghị: a petition or recommendation.' },
    FEEDBACK: { description: 'Phản ánh: feedback or a report of a problem.' },
  },
});
registerEnumType(ReportSource, {
  name: 'ReportSource',
  description: 'Who brought the report (nguồn đơn).',
  valuesConfig: {
    CITIZEN: { description: 'A citizen (công dân), with or without an account.' },
    PRESS: { description: 'A newspaper article (báo chí).' },
    FATHERLAND_FRONT: { description: 'The Fatherland Front committee (Ủy ban MTTQ), from its supervision.' },
    INTERNAL: { description: 'Nội bộ: raised inside the ward’s own bodies.' },
    HIGHER_LEVEL: { description: 'Transferred from a higher level (cấp trên chuyển đến).' },
  },
});
registerEnumType(ReportChannel, {
  name: 'ReportChannel',
  description: 'How the report arrived (hình thức tiếp nhận).',
  valuesConfig: {
    WEB: { description: 'Cổng trực tuyến: the public web form.' },
    RECEPTION: { description: 'A citizen-reception session (tiếp công dân).' },
    PHONE: { description: 'Điện thoại: by telephone.' },
    MAIL: { description: 'Đường bưu điện: by post.' },
    EMAIL: { description: 'Thư điện tử: by email.' },
    PRESS_ARTICLE: { description: 'Tin bài báo chí: a published press article.' },
  },
});
registerEnumType(ReportField, {
  name: 'ReportField',
  description: 'Area the report is about (lĩnh vực).',
  valuesConfig: {
    LAND: { description: 'Đất đai: land.' },
    CONSTRUCTION: { description: 'Xây dựng: construction and building order.' },
    PUBLIC_FINANCE: { description: 'Tài chính công: public finance and assets.' },
    ADMINISTRATIVE_PROCEDURE: { description: 'Thủ tục hành chính: administrative procedures.' },
    CADRE_ATTITUDE: { description: 'Thái độ cán bộ: a cadre’s attitude and conduct towards the people.' },
    CORRUPTION: { description: 'Tham nhũng, tiêu cực: corruption and abuse of office.' },
    OTHER: { description: 'Lĩnh vực khác: other.' },
  },
});
registerEnumType(ReportStatus, {
  name: 'ReportStatus',
  description: 'Handling stage of a report (bước giải quyết).',
  valuesConfig: {
    RECEIVED: { description: 'Tiếp nhận: received, not yet classified.' },
    CLASSIFIED: { description: 'Phân loại: classified, awaiting the decision to accept.' },
    ACCEPTED: { description: 'Thụ lý: accepted for handling.' },
    NOT_ACCEPTED: { description: 'Không thụ lý: not accepted (a reason is recorded).' },
    TRANSFERRED: { description: 'Chuyển đơn: forwarded to the competent body.' },
    UNDER_VERIFICATION: { description: 'Xác minh: under verification.' },
    CONCLUDED: { description: 'Kết luận: concluded with an outcome.' },
    CLOSED: { description: 'Đã trả lời, kết thúc: closed with a reply to the reporter.' },
    MERGED: {
      description:
        'Gộp: merged into another report as a duplicate; handled with it, and its reporter receives that report’s reply. A press report keeps its 30-day reply duty.',
    },
    INFORMATION: {
      description:
        'Thông tin: an anonymous or unidentifiable denunciation kept as information (Luật Tố cáo Art. 25): not handled as a denunciation, no acceptance deadline, never overdue.',
    },
    INFORMATION_USED: { description: 'Thông tin đã dùng: the information was used to plan an inspection.' },
    INFORMATION_FILED: { description: 'Thông tin đã lưu: the information was filed without further use.' },
  },
});
registerEnumType(ReportOutcome, {
  name: 'ReportOutcome',
  description: 'What verification found (kết quả xác minh).',
  valuesConfig: {
    FOUNDED: { description: 'Đúng: founded.' },
    PARTLY_FOUNDED: { description: 'Đúng một phần: partly founded.' },
    UNFOUNDED: { description: 'Sai: unfounded.' },
  },
});
registerEnumType(ReportComplexity, {
  name: 'ReportComplexity',
  description:
    'How complex the case is; the law allows longer or extended deadlines for complex cases (mức độ phức tạp của vụ việc).',
  valuesConfig: {
    ORDINARY: { description: 'Bình thường.' },
    COMPLEX: { description: 'Phức tạp.' },
    ESPECIALLY_COMPLEX: { description: 'Đặc biệt phức tạp.' },
  },
});
