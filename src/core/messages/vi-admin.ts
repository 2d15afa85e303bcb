import { viAdminCalendar } from './vi-admin-calendar.js';
import { viAdminImport } from './vi-admin-import.js';
import { viAdminInvitations } from './vi-admin-invitations.js';
import { viAdminModels } from './vi-admin-models.js';
import { viAdminPeople } from './vi-admin-people.js';
import { viAdminUnits } from './vi-admin-units.js';
import { viAdminAudit } from './vi-admin-audit.js';
import { viAdminQuestions } from './vi-admin-questions.js';

/**
 * The admin pages' words (issue 17), part of the message catalogue (`vi.admin`): what every
 * admin page shares here, each area's own words in its file beside this one.
 */
export const viAdmin = {
  nav: 'Quản trị',
  home: {
    title: 'Quản trị',
    lead: (org: string) => `Thiết lập và vận hành ${org}: đơn vị, cán bộ và vai trò, mô hình, lời mời, lịch báo cáo, hạn sơ kết, bộ câu hỏi và nhật ký thay đổi.`,
    sections: {
      units: ['Đơn vị', 'Thêm, đổi tên, chuyển đơn vị cấp trên, ngừng hoạt động.'],
      people: ['Cán bộ và vai trò', 'Thêm cán bộ, giao vai trò, thôi giữ vai trò, chuyển giao.'],
      invitations: ['Lời mời', 'Mã mời, đường dẫn Telegram, mã QR để in; thu hồi lời mời.'],
      models: ['Mô hình', 'Đăng ký, sửa, tạm dừng, hoàn thành, dừng; xác nhận mô hình chi bộ đề xuất.'],
      import: ['Nhập từ tệp', 'Tải tệp Excel/CSV, xem trước thay đổi rồi mới ghi.'],
      calendar: ['Lịch báo cáo', 'Ngày mở kỳ, hạn nộp, nhắc, tổng hợp tuần, giờ yên lặng.'],
      deadlines: ['Hạn sơ kết, tổng kết', 'Sơ kết 6 tháng, tổng kết năm, chuyên đề; ngày nhắc.'],
      questions: ['Bộ câu hỏi báo cáo', 'Sửa câu hỏi bí thư trả lời mỗi tháng, thử như bí thư, áp dụng từ một tháng.'],
      audit: ['Nhật ký', 'Ai đã làm gì, khi nào; trước và sau mỗi thay đổi.'],
    },
  },
  forbiddenTitle: 'Chỉ dành cho quản trị',
  forbidden: 'Việc này chỉ quản trị của tổ chức làm được. Đồng chí cần thay đổi gì, xin báo quản trị.',
  versionConflict: 'Dữ liệu vừa được người khác thay đổi. Trang đã tải lại bản mới nhất; đồng chí xem lại rồi lưu lần nữa.',
  saved: 'Đã lưu.',
  formHasErrors: 'Chưa lưu được: xem các ô có ghi chú màu đỏ.',
  required: 'Chưa điền.',
  tooLong: (max: number) => `Dài quá ${max} ký tự.`,
  units: viAdminUnits,
  people: viAdminPeople,
  invitations: viAdminInvitations,
  models: viAdminModels,
  import: viAdminImport,
  calendar: viAdminCalendar,
  audit: viAdminAudit,
  questions: viAdminQuestions,
} as const;
