import { ReportField, ReportKind } from '../modules/reports/report.enums';

/** One realistic case: a title and content that are what their kind and field say. */
export interface ReportCase {
  kind: ReportKind;
  field: ReportField;
  title: string;
  content: string;
}

const c = (kind: ReportKind, field: ReportField, title: string, content: string): ReportCase => ({ kind, field, title, content });
const { COMPLAINT, DENUNCIATION, PETITION, FEEDBACK } = ReportKind;
const { LAND, CONSTRUCTION, PUBLIC_FINANCE, ADMINISTRATIVE_PROCEDURE, CADRE_ATTITUDE, CORRUPTION, OTHER } = ReportField;

/**
 * The cases the demo ward and `npm run gen` draw reports from, one or more for every kind and
 * field, each as people write them. The kind follows what the writer asks (DOMAIN.md): a
 * complaint (khiếu nại) contests a decision or act that affects the writer; a denunciation (tố
 * cáo) points at someone's wrongdoing, a bribe asked for among them; a petition (kiến nghị)
 * proposes what should be done, such as publishing a quarter's contributions; feedback (phản ánh)
 * reports a problem seen.
 */
export const REPORT_CASES: readonly ReportCase[] = [
  c(
    COMPLAINT,
    LAND,
    'Khiếu nại quyết định thu hồi đất làm đường',
    'Tôi khiếu nại quyết định thu hồi đất của Ủy ban nhân dân phường vì mức bồi thường thấp hơn giá thị trường và chưa tính tài sản trên đất.',
  ),
  c(
    COMPLAINT,
    CONSTRUCTION,
    'Khiếu nại quyết định xử phạt vi phạm trật tự xây dựng',
    'Gia đình tôi khiếu nại quyết định xử phạt vì đã có giấy phép sửa chữa, phần mái che không vượt diện tích được phép.',
  ),
  c(
    COMPLAINT,
    PUBLIC_FINANCE,
    'Khiếu nại việc bị đưa ra khỏi danh sách nhận trợ cấp',
    'Gia đình tôi thuộc diện hộ cận nghèo nhưng bị đưa ra khỏi danh sách nhận trợ cấp năm 2025 mà không được thông báo lý do.',
  ),
  c(
    COMPLAINT,
    ADMINISTRATIVE_PROCEDURE,
    'Khiếu nại việc từ chối đăng ký hộ kinh doanh',
    'Hồ sơ đăng ký hộ kinh doanh của tôi đủ giấy tờ theo danh mục nhưng bị trả lại, không có văn bản nêu lý do từ chối.',
  ),
  c(
    COMPLAINT,
    CADRE_ATTITUDE,
    'Khiếu nại việc cán bộ giữ giấy tờ quá hạn',
    'Tôi khiếu nại việc cán bộ bộ phận một cửa giữ bản chính giấy tờ của tôi quá thời hạn mà không lập biên nhận.',
  ),
  c(
    COMPLAINT,
    CORRUPTION,
    'Khiếu nại việc thu khoản phí ngoài quy định',
    'Khi làm thủ tục chứng thực, tôi bị thu thêm một khoản "phí dịch vụ" không có trong biểu phí niêm yết; đề nghị hoàn trả.',
  ),
  c(
    COMPLAINT,
    OTHER,
    'Khiếu nại kết quả bình xét gia đình văn hóa',
    'Gia đình tôi bị loại khỏi danh sách gia đình văn hóa năm 2025 dù không vi phạm tiêu chí nào; đề nghị xem xét lại.',
  ),
  c(
    DENUNCIATION,
    LAND,
    'Tố cáo cán bộ địa chính nhận tiền để hợp thức hóa đất lấn chiếm',
    'Tôi tố cáo một cán bộ địa chính phường đã nhận tiền của hộ lấn chiếm đất công ở cuối hẻm để làm hồ sơ hợp thức hóa.',
  ),
  c(
    DENUNCIATION,
    CONSTRUCTION,
    'Tố cáo việc bao che công trình xây dựng trái phép',
    'Công trình bốn tầng xây không phép trong hẻm đã bị lập biên bản nhưng vẫn tiếp tục thi công; có dấu hiệu cán bộ quản lý trật tự xây dựng bao che.',
  ),
  c(
    DENUNCIATION,
    PUBLIC_FINANCE,
    'Tố cáo việc chi sai quỹ đóng góp của khu phố',
    'Tôi tố cáo người giữ quỹ khu phố đã dùng tiền đóng góp xây nhà văn hóa để chi việc riêng, chứng từ không khớp.',
  ),
  c(
    DENUNCIATION,
    ADMINISTRATIVE_PROCEDURE,
    'Tố cáo cán bộ cố ý gây khó khăn khi giải quyết hồ sơ',
    'Cán bộ tiếp nhận hồ sơ nhiều lần hẹn lại không có lý do và gợi ý nộp thêm tiền thì sẽ giải quyết nhanh.',
  ),
  c(
    DENUNCIATION,
    CADRE_ATTITUDE,
    'Tố cáo cán bộ đe dọa người gửi đơn',
    'Tôi tố cáo một cán bộ phường đã lớn tiếng đe dọa sẽ không giải quyết hồ sơ nếu gia đình tôi tiếp tục gửi đơn.',
  ),
  c(
    DENUNCIATION,
    CORRUPTION,
    'Yêu cầu tiền để làm nhanh hồ sơ',
    'Có người tự xưng là cán bộ phường yêu cầu nộp thêm tiền ngoài lệ phí để được giải quyết hồ sơ nhanh hơn.',
  ),
  c(
    DENUNCIATION,
    OTHER,
    'Tố cáo việc kê khai khống danh sách nhận hỗ trợ',
    'Tôi tố cáo việc đưa tên người không cư trú tại khu phố vào danh sách nhận hỗ trợ sau bão để chia nhau tiền.',
  ),
  c(
    PETITION,
    LAND,
    'Kiến nghị đo đạc lại ranh giới thửa đất',
    'Đề nghị phường tổ chức đo đạc lại ranh giới thửa đất vì hộ liền kề xây tường lấn sang khoảng nửa mét.',
  ),
  c(
    PETITION,
    CONSTRUCTION,
    'Kiến nghị sớm hoàn thành nâng cấp đường hẻm',
    'Công trình nâng cấp hẻm 15 thi công kéo dài quá hạn; đề nghị phường đôn đốc nhà thầu hoàn thành và hoàn trả mặt đường.',
  ),
  c(
    PETITION,
    PUBLIC_FINANCE,
    'Công khai các khoản đóng góp của khu phố',
    'Đề nghị công khai thu chi quỹ đóng góp xây dựng nhà văn hóa khu phố năm 2025.',
  ),
  c(
    PETITION,
    ADMINISTRATIVE_PROCEDURE,
    'Kiến nghị tiếp nhận hồ sơ vào sáng thứ Bảy',
    'Người đi làm khó nộp hồ sơ trong giờ hành chính; đề nghị bộ phận một cửa tiếp nhận thêm vào sáng thứ Bảy.',
  ),
  c(
    PETITION,
    CADRE_ATTITUDE,
    'Kiến nghị bố trí cán bộ hướng dẫn người cao tuổi',
    'Đề nghị bộ phận một cửa bố trí cán bộ hướng dẫn, hỗ trợ người cao tuổi điền tờ khai và nộp hồ sơ trực tuyến.',
  ),
  c(
    PETITION,
    CORRUPTION,
    'Kiến nghị niêm yết công khai phí, lệ phí',
    'Đề nghị niêm yết rõ mức phí, lệ phí từng thủ tục và số điện thoại đường dây nóng để người dân báo việc thu sai.',
  ),
  c(
    PETITION,
    OTHER,
    'Kiến nghị di dời điểm tập kết rác',
    'Điểm tập kết rác tạm ở đầu hẻm 9 gây mùi hôi; đề nghị phường di dời đến nơi phù hợp.',
  ),
  c(
    FEEDBACK,
    LAND,
    'Chậm cấp giấy chứng nhận quyền sử dụng đất',
    'Hồ sơ cấp giấy chứng nhận nộp tại bộ phận một cửa đã quá hạn nhưng chưa có kết quả, không được hướng dẫn bổ sung.',
  ),
  c(
    FEEDBACK,
    CONSTRUCTION,
    'Công trình xây dựng không phép trong hẻm',
    'Một công trình bốn tầng đang xây trong hẻm 7 khu phố 2, không treo biển giấy phép, vật liệu chiếm lối đi.',
  ),
  c(
    FEEDBACK,
    PUBLIC_FINANCE,
    'Kinh phí sửa chữa trụ sở khu phố chưa công khai',
    'Người dân thắc mắc về khoản kinh phí sửa chữa trụ sở khu phố không được công khai.',
  ),
  c(
    FEEDBACK,
    ADMINISTRATIVE_PROCEDURE,
    'Trả kết quả hồ sơ trễ hẹn',
    'Phiếu hẹn ghi trả kết quả trong ba ngày làm việc nhưng sau hai tuần vẫn chưa nhận được.',
  ),
  c(
    FEEDBACK,
    CADRE_ATTITUDE,
    'Thái độ tiếp dân chưa đúng mực',
    'Cán bộ tại bộ phận tiếp nhận hồ sơ nói năng thiếu tôn trọng, không hướng dẫn người dân cao tuổi.',
  ),
  c(
    FEEDBACK,
    CORRUPTION,
    'Thu phí trông giữ xe cao hơn mức niêm yết',
    'Điểm trông giữ xe trước chợ thu phí cao hơn mức niêm yết, có dấu hiệu được bao che.',
  ),
  c(
    FEEDBACK,
    OTHER,
    'Đèn chiếu sáng công cộng hư hỏng',
    'Đèn đường trong hẻm 12 khu phố 3 hỏng đã ba tuần, ban đêm rất tối và mất an toàn.',
  ),
];

/** The cases of one kind and field (never empty: the catalogue covers every pair). */
export function casesOf(kind: ReportKind, field: ReportField): readonly ReportCase[] {
  return REPORT_CASES.filter((r) => r.kind === kind && r.field === field);
}
