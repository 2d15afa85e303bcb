/** A model's unit and title as the draft report names it: "Chi bộ thôn A (mô hình «Nuôi ong»)". */
const withModel = (unitName: string, modelTitle: string | null) => `${unitName}${modelTitle ? ` (mô hình «${modelTitle}»)` : ''}`;

/**
 * The draft báo cáo sơ kết / tổng kết (DOCX, reports/docx-review-report.ts): its headings,
 * sentences around the figures, placeholders for the author, the signature block and the
 * appendix table. The figures arrive formatted (formatCount, formatRate); only the words are here.
 */
export const viDocx = {
  /** The document's title property: "Báo cáo sơ kết 6 tháng đầu năm 2026". */
  title: (subtitle: string) => `Báo cáo ${subtitle}`,
  kind: 'BÁO CÁO',
  rule: '-----',
  party: 'ĐẢNG CỘNG SẢN VIỆT NAM',
  /** Where the author writes what the figures cannot say. */
  placeholder: '[Nội dung do đồng chí soạn thảo bổ sung]',
  signerPlaceholder: '[Họ và tên]',
  sections: {
    results: 'I. KẾT QUẢ ĐẠT ĐƯỢC',
    limitations: 'II. HẠN CHẾ, NGUYÊN NHÂN',
    directions: 'III. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI',
    goals: '1. Mục tiêu',
    tasks: '2. Nhiệm vụ, giải pháp trọng tâm',
    proposals: 'IV. ĐỀ XUẤT, KIẾN NGHỊ',
  },
  noProposals: 'Không có đề xuất, kiến nghị nào được nêu trong kỳ.',
  results: {
    models: '1. Xây dựng và triển khai mô hình',
    /** One lĩnh vực's count, listed after the total: "lĩnh vực kinh tế 12 mô hình". */
    field: (field: string, count: string) => `lĩnh vực ${field.toLowerCase()} ${count} mô hình`,
    modelCount: (issuer: string, models: string, byField: string) =>
      `Toàn ${issuer} hiện có ${models} mô hình học tập và làm theo Bác đang thực hiện${byField ? `, trong đó: ${byField}` : ''}.`,
    activities: (o: { range: string; activities: string; participants: string; answers: string }) =>
      `Trong kỳ (${o.range}), các mô hình đã tổ chức ${o.activities} hoạt động với ${o.participants} lượt người tham gia (${o.answers} lượt báo cáo mô hình).`,
    meetingsAndReporting: '2. Sinh hoạt chi bộ và chế độ báo cáo',
    meetings: (o: { held: string; present: string; total: string; rate: string }) =>
      `Các chi bộ tổ chức ${o.held} cuộc sinh hoạt; ${o.present}/${o.total} lượt đảng viên tham dự, đạt tỷ lệ ${o.rate}.`,
    submission: (o: { submitted: string; expected: string; rate: string; onTime: string; late: string; notSent: string }) =>
      `Chế độ báo cáo hằng tháng: ${o.submitted}/${o.expected} lượt báo cáo đã gửi (đạt ${o.rate}), trong đó ${o.onTime} đúng hạn, ${o.late} trễ hạn; ${o.notSent} lượt chưa gửi.`,
    examples: '3. Gương điển hình, cách làm hay',
    /** A good deed whose report named the person: "Nguyễn Văn A (Chi bộ thôn B): …". */
    personExample: (person: string, unitName: string, text: string) => `${person} (${unitName}): ${text}`,
    noExamples: 'Chưa có gương điển hình nào được báo cáo trong kỳ.',
  },
  limitations: {
    difficulties: '1. Hạn chế, khó khăn',
    noDifficulties: 'Các đơn vị không nêu khó khăn, vướng mắc trong kỳ.',
    inactive: (count: string) => `Có ${count} mô hình không có hoạt động trong hai tháng liền gần đây, có biểu hiện hình thức, cần được kiểm tra, chấn chỉnh.`,
    causes: '2. Nguyên nhân',
  },
  /** What a unit raised (or a model's result), with where it came from. */
  sourced: (unitName: string, modelTitle: string | null, text: string) => `${withModel(unitName, modelTitle)}: ${text}`,
  recipients: {
    title: 'Nơi nhận:',
    superior: (name: string) => `- ${name} (để báo cáo),`,
    archive: '- Lưu văn phòng.',
  },
  appendix: {
    title: (range: string) => `PHỤ LỤC: KẾT QUẢ THỰC HIỆN MÔ HÌNH THEO ĐƠN VỊ (${range})`,
    cut: (shown: string, total: string) => `Phụ lục liệt kê ${shown}/${total} mô hình; danh sách đầy đủ trong bảng tính (lệnh /xuat xlsx).`,
    columns: {
      index: 'STT',
      unit: 'Đơn vị',
      model: 'Mô hình',
      field: 'Lĩnh vực',
      months: 'Số tháng báo cáo',
      activities: 'Hoạt động',
      participants: 'Lượt tham gia',
    },
    none: 'Không có mô hình nào trong phạm vi báo cáo.',
  },
};
