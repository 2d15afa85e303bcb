/**
 * Every sentence a person reads, in Vietnamese, in one place: handlers and commands pick a
 * message from here instead of writing their own, so wording stays consistent and reviewable.
 */
import { fieldLabels, progressLabels } from './vi-labels.js';
import { viAdmin } from './vi-admin.js';
import { viDocx } from './vi-docx.js';
import { viQuestions } from './vi-questions.js';
import { viReview } from './vi-review.js';
import { viWeb } from './vi-web.js';

/** The scheduled jobs as the command line names them. */
const JOB_NAMES: Record<string, string> = {
  'period-open': 'mở kỳ báo cáo',
  reminder: 'nhắc hạn',
  escalation: 'báo đơn vị trễ hạn',
  'review-notice': 'nhắc hạn sơ kết/tổng kết',
  digest: 'tổng hợp tuần',
};

/** What each kind of import file is a list of. */
const IMPORT_KIND_NAMES = { units: 'đơn vị', people: 'nhân sự', models: 'mô hình' } as const;

export const vi = {
  /** The web console's pages, sign-in links and errors. */
  web: viWeb,
  /** A report's review: states, history, refusals, notices, the console's forms and /duyet. */
  review: viReview,
  /** The admin pages of the web console: units, people and roles, invitations, models, import, calendar, audit. */
  admin: viAdmin,
  /** Question sets: why one cannot be published, and the command line's words. */
  questions: viQuestions,
  import: {
    notUtf8: 'Tệp không phải văn bản UTF-8. Trong Excel, chọn "Lưu thành" → "CSV UTF-8 (phân tách bằng dấu phẩy)" rồi nhập lại.',
    emptyFile: 'Tệp không có dữ liệu.',
    unknownFileType: (name: string) => `Không đọc được "${name}": chỉ nhận tệp .csv hoặc .xlsx.`,
    unreadableWorkbook: 'Không mở được tệp Excel (.xlsx): tệp hỏng hoặc không phải định dạng .xlsx.',
    unknownSheet: (sheet: string) =>
      `Không nhận ra loại dữ liệu: cần cột "Tên đơn vị" (đơn vị), "Họ tên" (nhân sự) hoặc "Tên mô hình" (mô hình).${sheet ? ` (trang "${sheet}")` : ''}`,
    missingColumn: (column: string, kind: 'units' | 'people' | 'models') =>
      `Thiếu cột bắt buộc "${column}" của danh sách ${IMPORT_KIND_NAMES[kind]}.`,
    required: (column: string) => `Ô "${column}" không được để trống.`,
    tooLong: (column: string, max: number) => `Ô "${column}" dài quá ${max} ký tự.`,
    badCode: (value: string) =>
      `Mã đơn vị "${value}" không hợp lệ: chỉ gồm chữ không dấu, số và các ký tự . _ - (tối đa 64 ký tự), ví dụ KT.KONRAY.HKL.`,
    badChoice: (column: string, value: string, allowed: readonly string[]) =>
      `"${value}" không hợp lệ ở cột "${column}"; dùng một trong: ${allowed.join(', ')}.`,
    badPhone: (value: string) => `Số điện thoại "${value}" không hợp lệ (8–15 chữ số, ví dụ 0912345678).`,
    badDate: (value: string) => `Ngày "${value}" không hợp lệ; ghi theo dạng 25/11/2026.`,
    endedInFuture: (iso: string) => `Ngày thôi giữ vai trò ${iso.split('-').reverse().join('/')} chưa tới; chỉ ghi khi chức danh đã thôi (hoặc thôi từ hôm nay).`,
    duplicateCode: (code: string, firstRow: number) => `Mã đơn vị "${code}" bị trùng (đã có ở dòng ${firstRow}).`,
    duplicateModel: (title: string, firstRow: number) => `Mô hình "${title}" của đơn vị này bị trùng (đã có ở dòng ${firstRow}).`,
    phoneConflict: (phone: string, firstRow: number) =>
      `Số điện thoại ${phone} đã dùng cho người khác ở dòng ${firstRow}.`,
    unknownParent: (code: string) => `Đơn vị cấp trên "${code}" không có trong tệp cũng như trong dữ liệu hiện có.`,
    unknownUnit: (code: string) => `Mã đơn vị "${code}" không có trong tệp cũng như trong dữ liệu hiện có.`,
    cycle: (path: readonly string[]) => `Cây tổ chức bị vòng lặp: ${path.join(' → ')}.`,
    ownParent: 'Đơn vị không thể là cấp trên của chính nó.',
    failed: (count: number) => `Không nhập được: ${count} lỗi. Chưa có gì được ghi vào cơ sở dữ liệu.`,
    where: (issue: { sheet?: string; row?: number; column?: string }) =>
      [issue.sheet ? `trang "${issue.sheet}"` : '', issue.row ? `dòng ${issue.row}` : '', issue.column ? `cột "${issue.column}"` : '']
        .filter(Boolean)
        .join(', '),
    done: (s: { units: number; people: number; roles: number; models: number }) =>
      `Đã nhập: ${s.units} đơn vị, ${s.people} người (${s.roles} chức danh), ${s.models} mô hình.`,
    unchanged: (s: { units: number; people: number; roles: number; models: number }) =>
      `Không có gì thay đổi: ${s.units} đơn vị, ${s.people} người (${s.roles} chức danh), ${s.models} mô hình trong tệp đã có sẵn đúng như vậy.`,
    duplicateRows: (rows: readonly { sheet?: string; row: number; firstRow: number }[]) =>
      `Bỏ qua ${rows.length} dòng giống hệt một dòng trước đó: ${rows
        .slice(0, 10)
        .map((r) => `${r.sheet ? `trang "${r.sheet}" ` : ''}dòng ${r.row} (như dòng ${r.firstRow})`)
        .join(', ')}${rows.length > 10 ? ', ...' : ''}.`,
    importUnitsFirst:
      'Gợi ý: các mã đơn vị trên chưa có trong cơ sở dữ liệu. Nhập danh sách đơn vị trước (npm run cli -- import don-vi.csv), rồi mới nhập nhân sự và mô hình.',
  },
  invite: {
    notReportingKind: (unit: string, role: string) =>
      `${unit} là cấp ủy cấp trên, không trực tiếp báo cáo mô hình, nên không mời ${role} báo cáo tháng. Mời lãnh đạo (--role leader), hoặc thêm --force nếu chắc chắn.`,
    noActiveModels: (unit: string, role: string) =>
      `${unit} chưa có mô hình nào đang thực hiện, nên ${role} sẽ không có gì để báo cáo. Nhập mô hình trước (import), hoặc thêm --force nếu chắc chắn.`,
    created: (o: { unitName: string; role: string; code: string; expires: string }) =>
      `Mã mời cho ${o.role} ${o.unitName}: ${o.code} (dùng một lần, hết hạn ngày ${o.expires}).`,
    telegramLink: (link: string) => `Liên kết Telegram: ${link}`,
    telegramNoUsername: 'Chưa có tên bot Telegram: đặt TELEGRAM_BOT_USERNAME (tên bot, không có @) để in liên kết mời.',
    typeTheCode: 'Người được mời cũng có thể gõ mã này vào cuộc trò chuyện với bot (trên Zalo: quan tâm Official Account rồi gõ mã).',
  },
  checkin: {
    intro: (o: { person: string; unit: string; period: string; due: string }) =>
      `Chào đồng chí ${o.person}, ${o.unit}. Đã đến kỳ báo cáo tháng ${o.period} về các mô hình học tập và làm theo Bác (hạn ${o.due}). Bắt đầu nhé?`,
    buttons: {
      start: 'Bắt đầu',
      snooze: 'Nhắc lại sau',
      noActivity: 'Tháng này không có hoạt động',
      other: 'Khác',
      skip: 'Bỏ qua',
      back: '« Quay lại',
      done: 'Xong',
      submit: 'Gửi báo cáo',
      edit: 'Sửa',
      backToSummary: 'Về bản tóm tắt',
      yes: 'Có',
      no: 'Không',
    },
    snoozed: 'Vâng, tôi sẽ nhắc lại đồng chí sau. Khi sẵn sàng, gõ /baocao để bắt đầu.',
    typeANumber: 'Đồng chí gõ số, ví dụ: 4.',
    reprompt: {
      count: 'Xin lỗi, tôi chưa hiểu. Đồng chí gõ một số, ví dụ: 2 hoặc «hai».',
      negative: 'Số không thể âm. Đồng chí gõ lại, ví dụ: 2.',
      number: (unit: string) => `Xin lỗi, tôi chưa hiểu. Đồng chí gõ một số, ví dụ: 12 ${unit}.`,
      tooSmall: (min: number) => `Số này nhỏ hơn mức tối thiểu (${min}). Đồng chí kiểm tra lại giúp.`,
      tooLarge: (max: number) => `Số này lớn quá mức hợp lý (tối đa ${max}). Đồng chí kiểm tra lại giúp.`,
      attendance: 'Đồng chí ghi theo dạng số có mặt/tổng số đảng viên, ví dụ: 18/20.',
      presentAboveTotal: 'Số đảng viên dự không thể nhiều hơn tổng số. Đồng chí ghi lại, ví dụ: 18/20.',
      zeroTotal: 'Tổng số đảng viên phải lớn hơn 0. Ví dụ: 18/20.',
      yesNo: 'Đồng chí trả lời «Có» hoặc «Không».',
      choice: (labels: readonly string[]) => `Đồng chí chọn một trong: ${labels.join('; ')}.`,
      textEmpty: 'Đồng chí gõ nội dung ngắn gọn, hoặc bấm «Bỏ qua».',
      textTooLong: (max: number) => `Nội dung dài quá ${max} ký tự, đồng chí rút gọn giúp.`,
      required: 'Câu này cần trả lời để hoàn thành báo cáo.',
      photo: 'Đồng chí gửi ảnh, hoặc bấm «Xong» nếu không có ảnh.',
      unsupported: 'Tôi chỉ đọc được chữ, số và ảnh. Đồng chí trả lời bằng chữ giúp.',
      summary: 'Đồng chí bấm «Gửi báo cáo» để gửi, hoặc «Sửa» để chỉnh một câu trả lời.',
      pickEdit: 'Đồng chí chọn số thứ tự câu trả lời cần sửa.',
      intro: 'Đồng chí bấm «Bắt đầu» (hoặc gõ «bắt đầu») để báo cáo, «Nhắc lại sau» để hẹn lúc khác, hoặc gõ «tháng này không có hoạt động».',
      staleButton: 'Nút đó thuộc một tin nhắn trước. Đồng chí trả lời câu hỏi dưới đây.',
    },
    photoReceived: (count: number) => `Đã nhận ${count} ảnh. Gửi thêm, hoặc bấm «Xong».`,
    /** After the first photo of an album: the rest arrive one by one, so no count yet. */
    albumReceived: 'Đã nhận ảnh. Gửi thêm, hoặc bấm «Xong» khi đã gửi hết.',
    /** Before the next question, once «Xong» closes the photos. */
    photosSaved: (count: number) => `Đã lưu ${count} ảnh.`,
    paused: 'Đã tạm dừng. Các câu trả lời đã được lưu; gõ /baocao để tiếp tục đúng chỗ này.',
    help:
      'Trả lời từng câu bằng nút bấm hoặc gõ chữ (có dấu hay không dấu đều được). «Quay lại» để sửa câu trước, «Bỏ qua» với câu không bắt buộc, /huy để tạm dừng, /baocao để tiếp tục, /sua để sửa báo cáo đã gửi (trước hạn), /tiendo để xem tiến độ, /web để xem báo cáo và ảnh của chi bộ trên trang theo dõi.',
    noActivityNote: 'Tháng này không có hoạt động.',
    summaryTitle: (period: string, unit: string) => `Tóm tắt báo cáo tháng ${period} – ${unit}`,
    modelHeading: (index: number, title: string) => `Mô hình ${index}. «${title}»`,
    yes: 'Có',
    no: 'Không',
    none: 'Không có',
    skipped: '—',
    photos: (count: number) => `${count} ảnh`,
    attendance: (present: number, total: number, rate: string) => `${present}/${total} (${rate})`,
    pickEditTitle: 'Chọn câu trả lời cần sửa:',
    submitted: (period: string, due: string) =>
      `Đã gửi báo cáo tháng ${period}. Cảm ơn đồng chí! Nếu cần, đồng chí có thể sửa đến hết ngày ${due} bằng lệnh /sua.`,
    submittedLate: (period: string, due: string) =>
      `Đã gửi báo cáo tháng ${period} (sau hạn ${due}). Cảm ơn đồng chí! Báo cáo gửi sau hạn không sửa được qua bot; nếu cần điều chỉnh, đồng chí liên hệ cấp ủy cấp trên.`,
    sentByAnother: (o: { person: string; at: string; period: string }) =>
      `Báo cáo tháng ${o.period} của đơn vị đã được đồng chí ${o.person} gửi lúc ${o.at}, nên bản của đồng chí chưa được gửi. Nếu đồng chí vẫn muốn gửi bản của mình thành bản sửa mới (bản đã gửi vẫn được lưu), bấm «Gửi báo cáo»; bấm «Sửa» để xem lại, hoặc gõ /tiendo để xem bản đã gửi.`,
    roleEnded: (unit: string) =>
      `Đồng chí không còn được giao báo cáo cho ${unit}, nên báo cáo đang làm dở không tiếp tục được. Nếu có nhầm lẫn, đồng chí liên hệ cấp ủy.`,
    alreadySubmitted: 'Báo cáo tháng này đã gửi. Gõ /sua để sửa (trước hạn) hoặc /tiendo để xem tiến độ.',
    unitStopped: (unit: string, since: string) =>
      `${unit} đã ngừng hoạt động từ ngày ${since}, nên không cần báo cáo tháng này nữa. Nếu có nhầm lẫn, đồng chí liên hệ cấp ủy cấp trên.`,
  },
  onboarding: {
    /** `person` empty when we do not know the name (a Zalo follower): then no name, never "đồng chí Đồng chí". */
    welcome: (o: { person: string; role: string; unit: string }) =>
      `Chào mừng đồng chí${o.person ? ` ${o.person}` : ''}! Đồng chí đã được ghi nhận là ${o.role} của ${o.unit}. Gõ /baocao để báo cáo tháng, /trogiup để xem hướng dẫn.`,
    invalidCode: 'Mã mời không đúng. Đồng chí kiểm tra lại mã (12 ký tự, ví dụ ABCD-EFGH-JKMN) hoặc liên hệ cấp ủy để nhận mã mới.',
    usedCode: 'Mã mời này đã được dùng. Mỗi mã chỉ dùng một lần; đồng chí liên hệ cấp ủy để nhận mã mới.',
    alreadyYours: 'Đồng chí đã đăng ký bằng mã này rồi. Gõ /baocao để báo cáo.',
    tooManyAttempts: (minutes: number) =>
      `Đồng chí đã nhập mã mời chưa đúng nhiều lần. Để giữ an toàn, đồng chí vui lòng chờ ${minutes} phút rồi thử lại, hoặc liên hệ cấp ủy để được giúp đỡ.`,
    expiredCode: (date: string) => `Mã mời đã hết hạn ngày ${date}. Đồng chí liên hệ cấp ủy để nhận mã mới.`,
    revokedCode: 'Mã mời này đã được thu hồi, không dùng được nữa. Đồng chí liên hệ cấp ủy nếu cần mã mới.',
    notRegistered:
      'Chào đồng chí! Để bắt đầu, đồng chí bấm vào liên kết mời hoặc gõ mã mời (12 ký tự) mà cấp ủy đã gửi.',
    /** Where invitations are codes only (Zalo): no link to tap. */
    notRegisteredTypeCode:
      'Chào mừng đồng chí! Để bắt đầu, đồng chí gõ mã mời (12 ký tự, ví dụ ABCD-EFGH-JKMN) mà cấp ủy đã gửi vào cuộc trò chuyện này.',
  },
  menu: {
    help: 'Các lệnh: /baocao – báo cáo tháng; /sua – sửa báo cáo đã gửi (trước hạn); /tiendo – xem tiến độ; /huy – tạm dừng; /trogiup – hướng dẫn. Lãnh đạo: /tonghop – tổng hợp; /chuanop – đơn vị chưa gửi; /donvi <mã> – xem một đơn vị; /duyet – duyệt báo cáo của đơn vị trực thuộc. Lãnh đạo, bí thư, quản trị: /xuat – xuất số liệu (xlsx, csv, docx); /baocaosoket – dự thảo báo cáo sơ kết; /mohinh – bí thư đề xuất mô hình mới của chi bộ (lãnh đạo cấp trên xác nhận); /web – liên kết đăng nhập trang theo dõi (xem số liệu, báo cáo, ảnh trên máy tính hoặc điện thoại).',
    noUnit: 'Đồng chí chưa được giao báo cáo cho chi bộ nào. Nếu có nhầm lẫn, đồng chí liên hệ cấp ủy.',
    pickUnit: 'Đồng chí báo cáo cho đơn vị nào?',
    noOpenCheckin: 'Hiện không có báo cáo nào đang làm dở. Gõ /baocao để bắt đầu báo cáo tháng.',
    staleButton: 'Câu hỏi này đã được trả lời. Đồng chí xem câu hỏi mới nhất bên dưới.',
    /** An old button after the report was sent: nothing follows, so say where things stand. */
    staleAfterSubmit: (period: string) =>
      `Nút này thuộc báo cáo tháng ${period} đã gửi, nên không còn dùng được. Gõ /tiendo để xem báo cáo đã gửi, /sua để sửa (trước hạn).`,
    writePrivately: 'Bot không trả lời trong nhóm để giữ kín số liệu của đơn vị. Đồng chí nhắn riêng cho bot tại đây.',
    tooLateToEdit: (due: string) => `Đã quá hạn sửa báo cáo (${due}). Nếu cần điều chỉnh, đồng chí liên hệ cấp ủy cấp trên.`,
    nothingToEdit: 'Báo cáo tháng này chưa được gửi nên chưa có gì để sửa. Gõ /baocao để tiếp tục.',
    /** `at` is "14:05 ngày 22/11/2026"; `lateAfter` the due date when it was sent after it. */
    progressSubmitted: (unit: string, period: string, at: string, version: number, lateAfter?: string) =>
      `${unit}: báo cáo tháng ${period} đã gửi lúc ${at}${lateAfter ? ` (sau hạn ${lateAfter})` : ''}${version > 1 ? ` (đã sửa, bản ${version})` : ''}.`,
    /** A sent report opened again with /sua and not sent again: the sent version stands until then. */
    progressCorrecting: (due: string) =>
      `Đồng chí đang sửa báo cáo này, chưa gửi lại: bản đã gửi vẫn giữ nguyên cho đến khi đồng chí bấm «Gửi báo cáo». Gõ /baocao để tiếp tục sửa (trước ${due}).`,
    progressInProgress: (unit: string, period: string, due: string) =>
      `${unit}: báo cáo tháng ${period} đang làm dở, hạn ${due}. Gõ /baocao để tiếp tục.`,
    progressNotStarted: (unit: string, period: string, due: string) =>
      `${unit}: chưa báo cáo tháng ${period}, hạn ${due}. Gõ /baocao để bắt đầu.`,
  },
  /** The terminal try-out (console channel). */
  console: {
    welcome: (person: string, unit: string) =>
      `Trò chuyện thử trong terminal với vai ${person}, bí thư ${unit}.\n` +
      'Gõ câu trả lời, hoặc số thứ tự để bấm nút. /trogiup để xem hướng dẫn, /thoat để thoát.',
    /** Where the service's log lines go while the terminal is a chat. */
    logsAt: (path: string) => `(Nhật ký của dịch vụ ghi vào ${path}; ở đây chỉ hiện cảnh báo và lỗi.)`,
    filesAt: (path: string) => `(Tệp xuất từ /xuat, /baocaosoket được lưu vào ${path}.)`,
    starting: (logFile: string) => `Đang khởi động… (nhật ký của dịch vụ: ${logFile})`,
    noticeTitle: 'Thông báo',
    questionStillWaiting: '   (Câu hỏi ở trên vẫn chờ trả lời: gõ 1, 2… như trước; gõ t1, t2… để bấm nút của thông báo.)',
    fileSaved: (path: string, kb: number) => `Đã lưu tệp: ${path} (${kb} KB)`,
    /** A message the terminal try-out could not handle (the error goes to the log). */
    failed: '\n(Có lỗi khi xử lý tin nhắn; đã ghi nhật ký.)\n',
  },
  channel: {
    /** Under a question whose choices are numbered in the text (Zalo shows at most 5 buttons). */
    numbered: (lines: string[]) => `${lines.join('\n')}\nĐồng chí gõ số thứ tự để chọn.`,
    /** Under a question whose number answers are typed rather than tapped. */
    typeNumber: (examples: string[]) => `(Gõ số, ví dụ ${examples.slice(0, 3).join(', ')}.)`,
    /** A Zalo template reopens the conversation: the tap hint under its text. */
    templateHint: 'Đồng chí bấm nút bên dưới hoặc nhắn tin cho Official Account để tiếp tục.',
  },
  notices: {
    periodOpen: (o: { person: string; unit: string; period: string; due: string }) =>
      `Kính gửi đồng chí ${o.person}: đã mở kỳ báo cáo tháng ${o.period} của ${o.unit} về các mô hình học tập và làm theo Bác, hạn ${o.due}. Đồng chí trả lời ngay trên điện thoại, chỉ mất vài phút.`,
    reminder: (o: { person: string; unit: string; period: string; due: string; daysLeft: number; started: boolean }) =>
      `Kính gửi đồng chí ${o.person}: ${
        o.daysLeft <= 0 ? `hôm nay (${o.due}) là hạn cuối` : `còn ${o.daysLeft} ngày nữa là đến hạn (${o.due})`
      } báo cáo tháng ${o.period} của ${o.unit}. ${
        o.started ? 'Báo cáo đang làm dở; đồng chí bấm «Tiếp tục» để làm tiếp đúng chỗ đã dừng.' : 'Đơn vị chưa gửi báo cáo.'
      }`,
    lateUnits: (o: { person: string; period: string; due: string; total: number; shown: readonly { unit: string; started: boolean }[] }) =>
      [
        `Kính gửi đồng chí ${o.person}: đã quá hạn báo cáo tháng ${o.period} (${o.due}), còn ${o.total} đơn vị chưa gửi:`,
        ...o.shown.map((u) => `• ${u.unit}${u.started ? ' (đang làm dở)' : ''}`),
        ...(o.total > o.shown.length ? [`… và ${o.total - o.shown.length} đơn vị khác.`] : []),
        'Gõ /chuanop để xem danh sách mới nhất.',
      ].join('\n'),
    reviewNotice: (o: { person: string; unit: string; title: string; due: string; daysLeft: number; missing: readonly string[] }) =>
      `Kính gửi đồng chí ${o.person}: ${o.daysLeft <= 0 ? `hôm nay (${o.due}) là hạn ${o.title}` : `còn ${o.daysLeft} ngày nữa là đến hạn ${o.title} (${o.due})`}. ${
        o.missing.length > 0
          ? `${o.unit} còn thiếu báo cáo tháng ${o.missing.join(', ')}; đồng chí gõ /baocao để báo cáo tháng hiện tại, các tháng trước xin liên hệ cấp ủy.`
          : `${o.unit} đã gửi đủ báo cáo các tháng trong kỳ. Cảm ơn đồng chí!`
      }`,
    buttons: { reportNow: 'Báo cáo ngay', resume: 'Tiếp tục', snooze: 'Nhắc lại sau' },
    snoozedUntil: (time: string) => `Vâng, tôi sẽ nhắc lại đồng chí lúc ${time}. Khi sẵn sàng, gõ /baocao để bắt đầu.`,
    nothingToSnooze: 'Báo cáo tháng này đã gửi, không cần nhắc lại. Cảm ơn đồng chí!',
  },
  leader: {
    notLeader: 'Lệnh này dành cho đồng chí lãnh đạo cấp ủy. Để báo cáo của chi bộ, đồng chí gõ /baocao.',
    unsentTitle: (o: { unit: string; period: string; due: string; total: number }) =>
      `${o.unit}: ${o.total} đơn vị chưa gửi báo cáo tháng ${o.period} (hạn ${o.due}):`,
    unsentLine: (o: { name: string; started: boolean; secretaries: readonly string[] }) =>
      `• ${o.name}${o.started ? ' (đang làm dở)' : ''}${o.secretaries.length > 0 ? ` – bí thư ${o.secretaries.join(', ')}` : ''}`,
    allSent: (unit: string, period: string) => `${unit}: tất cả đơn vị đã gửi báo cáo tháng ${period}. Cảm ơn các đồng chí!`,
    more: (n: number) => `… và ${n} đơn vị khác.`,
    unitUsage: 'Gõ /donvi và mã đơn vị, ví dụ: /donvi KT.KONRAY.HKL',
    unitNotFound: (code: string) => `Không có đơn vị mã "${code}". Đồng chí kiểm tra lại mã.`,
    unitForbidden: (code: string) => `Đơn vị ${code} không thuộc phạm vi đồng chí phụ trách.`,
    unitTitle: (name: string, code: string) => `${name} (${code}) – các tháng gần đây:`,
    unitNoMonths: 'Chưa có kỳ báo cáo nào.',
    monthSubmitted: (o: { period: string; at: string; late: boolean }) => `Tháng ${o.period}: đã gửi ${o.at}${o.late ? ' (trễ hạn)' : ''}`,
    monthMissing: (o: { period: string; started: boolean; overdue: boolean }) =>
      `Tháng ${o.period}: ${o.overdue ? 'quá hạn, ' : ''}chưa gửi${o.started ? ' (đang làm dở)' : ''}`,
    noActivity: 'không có hoạt động',
    meetings: (n: string) => `${n} cuộc họp`,
    attendance: (present: string, total: string, rate: string) => `dự ${present}/${total} (${rate})`,
    activities: (n: string, people: string) => `${n} hoạt động, ${people} lượt người tham gia`,
  },
  digest: {
    title: (person: string, unit: string, period: string) => `Kính gửi đồng chí ${person}: tổng hợp tuần của ${unit}, báo cáo tháng ${period}.`,
    noReportingUnits: 'Chưa có đơn vị nào đăng ký mô hình để báo cáo.',
    submission: (o: { submitted: string; expected: string; rate: string; late: string; notSent: string }) =>
      `Đã gửi ${o.submitted}/${o.expected} đơn vị (${o.rate}); ${o.late} gửi trễ, ${o.notSent} chưa gửi.`,
    subunitLine: (o: { name: string; submitted: string; expected: string; rate: string }) => `• ${o.name}: ${o.submitted}/${o.expected} (${o.rate})`,
    ownUnit: (name: string) => `${name} (tự báo cáo)`,
    moreSubunits: (n: number) => `… và ${n} đơn vị trực thuộc khác.`,
    totalsTitle: (period: string) => `Kết quả tháng ${period} (so với tháng trước):`,
    meetings: (n: string, delta: string) => `• Sinh hoạt chi bộ: ${n} cuộc (${delta})`,
    activities: (n: string, delta: string, people: string, peopleDelta: string) =>
      `• Hoạt động của các mô hình: ${n} (${delta}), ${people} lượt người tham gia (${peopleDelta})`,
    attendance: (rate: string, present: string, total: string, before: string | null) =>
      `• Tỷ lệ đảng viên dự sinh hoạt: ${rate} (${present}/${total})${before ? `, tháng trước ${before}` : ''}`,
    inactiveTitle: (n: number) => `Cảnh báo «hình thức»: ${n} mô hình không có hoạt động 2 tháng liền:`,
    inactiveLine: (title: string, unit: string) => `• «${title}» – ${unit}`,
    raisedTitle: (n: number) => `Khó khăn, kiến nghị được nêu (${n}):`,
    raisedLine: (proposal: boolean, unit: string, text: string) => `• ${unit} ${proposal ? 'kiến nghị' : 'gặp khó khăn'}: ${text}`,
    more: (n: number) => `… và ${n} mục khác.`,
    deadlinesTitle: 'Hạn sắp tới:',
    deadlineLine: (title: string, due: string) => `• ${title}: hạn ${due}`,
    footer: 'Gõ /chuanop để xem đơn vị chưa gửi, /donvi <mã> để xem một đơn vị.',
    chartTitle: (period: string, unit: string) => `Tỷ lệ gửi báo cáo tháng ${period} – ${unit}`,
    chartSubtitle: (submitted: string, expected: string, rate: string) => `Đã gửi ${submitted}/${expected} đơn vị (${rate})`,
  },
  deadline: {
    kinds: { so_ket: 'sơ kết', tong_ket: 'tổng kết', chuyen_de: 'chuyên đề' } as Record<string, string>,
    listHeader: (org: string, noticeDays: readonly number[]) =>
      `Hạn sơ kết, tổng kết của ${org} (nhắc trước ${noticeDays.join(', ')} ngày, theo lịch của tổ chức):`,
    none: (org: string) => `${org} chưa đặt hạn sơ kết, tổng kết nào. Thêm: npm run cli -- deadline add --org <mã> --kind so-ket --due <yyyy-mm-dd> --from <yyyy-mm> --to <yyyy-mm>`,
    line: (d: { id: number; kind: string; title: string; due: string; from: string; to: string; past: boolean }) =>
      `  #${d.id}  ${d.kind}  «${d.title}»  hạn ${d.due}  các tháng ${d.from}–${d.to}${d.past ? '  (đã qua)' : ''}`,
    added: (d: { id: number; title: string; due: string }) => `Đã đặt hạn #${d.id} «${d.title}», hạn ${d.due}. Tin nhắc đi theo lịch của tổ chức.`,
    cancelled: (d: { id: number; title: string; notices: number }) =>
      `Đã hủy hạn #${d.id} «${d.title}»${d.notices > 0 ? `; ${d.notices} tin nhắc chưa gửi cũng được hủy` : ''}.`,
    problems: {
      'bad-kind': '--kind phải là so-ket, tong-ket hoặc chuyen-de.',
      'bad-due': '--due phải là một ngày có thật, dạng yyyy-mm-dd (ví dụ 2026-12-15).',
      'bad-month': '--from và --to phải là tháng dạng yyyy-mm (ví dụ 2026-01).',
      'range-backwards': 'Tháng --to phải từ tháng --from trở đi.',
      'due-in-past': 'Hạn đã qua: chọn một ngày từ hôm nay trở đi.',
      'due-before-range': 'Hạn không thể trước tháng đầu tiên được sơ kết.',
      'blank-title': '--title không được để trống.',
      'bad-notice-days': '--notice phải là các số ngày từ 1 đến 60, cách nhau bởi dấu phẩy (ví dụ 14,7,3,1).',
    } as Record<string, string>,
    action: (given: string | undefined) => (given ? `Không có thao tác «${given}» cho deadline; hiện có: list, add, cancel.` : 'Thiếu thao tác: deadline list|add|cancel.'),
    needsOrg: 'Thiếu --org <mã tổ chức> (mã đơn vị gốc, ví dụ KT).',
    needsId: 'Thiếu số hạn cần hủy: deadline cancel <số> (xem deadline list).',
  },
  roleChange: {
    checkinHandedOver: (unit: string) =>
      `Đồng chí không còn được giao báo cáo cho ${unit}. Báo cáo tháng đang làm dở được dừng lại; các câu đồng chí đã trả lời được giữ để người phụ trách tiếp theo làm tiếp. Cảm ơn đồng chí.`,
    continuing: (unit: string) => `Báo cáo tháng của ${unit} đã được trả lời một phần trước khi bàn giao; đồng chí làm tiếp từ câu còn dở.`,
    ended: (p: { person: string; role: string; unit: string; closed: number; cancelled: number }) =>
      `Đã thôi giao ${p.role} ${p.unit} cho đồng chí ${p.person}.` +
      (p.closed > 0 ? ` Báo cáo đang làm dở được dừng lại và giữ các câu đã trả lời cho người kế nhiệm.` : '') +
      (p.cancelled > 0 ? ` Đã hủy ${p.cancelled} tin nhắc chưa gửi.` : ''),
    notHeld: (p: { role: string; unit: string; phone?: string }) =>
      `${p.unit} hiện không có ${p.role}${p.phone ? ` với số điện thoại ${p.phone}` : ''} đang giữ chức danh.`,
    ambiguous: (p: { role: string; unit: string; holders: readonly { fullName: string; phone: string | null }[] }) =>
      `${p.unit} có ${p.holders.length} người đang là ${p.role}: ${p.holders.map((h) => `${h.fullName} (${h.phone ?? 'chưa có số điện thoại'})`).join(', ')}. Thêm --phone <số> để chọn người.`,
  },
  roles: {
    secretary: 'bí thư',
    deputy: 'phó bí thư',
    leader: 'lãnh đạo',
    admin: 'quản trị',
  },
  export: {
    /** The author an exported file names (XLSX and DOCX properties). */
    creator: 'Bot báo cáo mô hình học tập và làm theo Bác',
    /** The draft báo cáo sơ kết / tổng kết's words (DOCX). */
    docx: viDocx,
    sheets: {
      summary: 'Tổng hợp',
      units: 'Đơn vị',
      models: 'Mô hình',
      raised: 'Khó khăn, đề xuất',
      goodDeeds: 'Người tốt, việc tốt',
    },
    nothing: (from: string, to: string) => `Không có số liệu từ tháng ${from} đến tháng ${to}.`,
    status: { on_time: 'Đã gửi đúng hạn', late: 'Đã gửi trễ hạn', not_sent: 'Chưa gửi' } as Record<string, string>,
    raisedKind: { difficulty: 'Khó khăn, vướng mắc', proposal: 'Đề xuất, kiến nghị' } as Record<string, string>,
    fields: fieldLabels as Record<string, string>,
    progress: progressLabels as Record<string, string>,
    yes: 'Có',
    no: 'Không',
    caption: (o: { kind: string; unit: string; from: string; to: string }) => `${o.kind} – ${o.unit}, tháng ${o.from} đến tháng ${o.to}.`,
    kinds: { xlsx: 'Bảng tính số liệu', csv: 'Số liệu mô hình (CSV)', so_ket: 'Dự thảo báo cáo sơ kết', tong_ket: 'Dự thảo báo cáo tổng kết' } as Record<string, string>,
    forbidden: 'Đồng chí không có quyền xuất số liệu của đơn vị này. Bí thư chi bộ xuất được số liệu chi bộ mình; lãnh đạo xuất được đơn vị mình phụ trách và cấp dưới.',
    noRole: 'Chỉ bí thư chi bộ và lãnh đạo các cấp mới xuất được số liệu.',
    badRequest:
      'Cách dùng: /xuat [xlsx|csv|docx] [mã đơn vị] [từ tháng-đến tháng], ví dụ: /xuat xlsx 06/2026-11/2026. /baocaosoket [mã đơn vị] [từ tháng-đến tháng] tạo dự thảo báo cáo sơ kết (Word).',
    badRange: 'Khoảng tháng không hợp lệ: ghi theo dạng 06/2026-11/2026 (tối đa 24 tháng).',
    preparing: 'Đang gửi tệp, đồng chí chờ trong giây lát.',
    /** A file (or any reply the person waits for) that could not be sent in the end. */
    sendFailed: 'Xin lỗi đồng chí, tệp vừa yêu cầu không gửi được. Đồng chí gõ lại lệnh sau ít phút; nếu vẫn không được, đồng chí báo cho quản trị hệ thống.',
  },
  cli: {
    migrated: (applied: number, known: number) =>
      applied === 0
        ? `Cơ sở dữ liệu đã ở phiên bản mới nhất (${known} migration, không có gì mới).`
        : `Đã áp dụng ${applied} migration (tổng ${known}).`,
    seeded: (s: { units: number; people: number; models: number; reports: number }) =>
      `Đã nạp dữ liệu mẫu: ${s.units} đơn vị, ${s.people} người, ${s.models} mô hình, ${s.reports} báo cáo tháng.`,
    alreadySeeded: 'Dữ liệu mẫu đã có sẵn; không nạp lại.',
    roleAction: (given: string | undefined) => (given ? `Không có thao tác «${given}» cho role; hiện có: end.` : 'Thiếu thao tác: role end <mã-đơn-vị> --role <chức danh>.'),
    help: {
      usage: 'Cách dùng: npm run cli -- <lệnh> [tham số]',
      oneCommand: 'Chi tiết một lệnh: npm run cli -- <lệnh> --help',
      commands: 'Các lệnh:',
      config: 'Cấu hình qua biến môi trường (xem README): DATABASE_URL, DATA_DIR, TIMEZONE, TELEGRAM_BOT_USERNAME, ...',
    },
    /** Each command's usage line (after "npm run cli -- ") and what it does. */
    commands: {
      migrate: { usage: 'migrate', summary: 'Áp dụng migration cho cơ sở dữ liệu (chạy lại an toàn).' },
      'seed-demo': {
        usage: 'seed-demo',
        summary: 'Nạp dữ liệu mẫu (các trường hợp thật ở Kon Tum, An Giang, Lai Châu) với vài tháng báo cáo.',
      },
      import: {
        usage: 'import <tệp.csv|tệp.xlsx> [--dry-run]',
        summary: 'Nhập đơn vị, nhân sự, mô hình từ tệp CSV hoặc Excel (xem README). Lỗi ở bất kỳ dòng nào: không ghi gì. --dry-run: kiểm tra mà không ghi.',
      },
      invite: {
        usage: (roles: readonly string[]) => `invite <mã-đơn-vị> [--role ${roles.join('|')}] [--days 14] [--force]`,
        summary:
          'Tạo mã mời dùng một lần (mặc định cho bí thư, hết hạn sau 14 ngày) và in liên kết Telegram. Bí thư, phó bí thư: không mời cho tỉnh ủy, huyện ủy hay đơn vị chưa có mô hình đang chạy, trừ khi có --force.',
      },
      role: {
        usage: (roles: readonly string[]) => `role end <mã-đơn-vị> --role ${roles.join('|')} [--phone <số>]`,
        summary:
          'Thôi giao chức danh ở đơn vị (người có số điện thoại đó, hoặc người đang giữ): ngừng nhắc việc, dừng báo cáo đang làm dở (giữ câu trả lời cho người kế nhiệm), trang theo dõi không còn quyền đó.',
      },
      deadline: {
        usage:
          'deadline list --org <mã> | deadline add --org <mã> --kind so-ket|tong-ket|chuyen-de --due <yyyy-mm-dd> --from <yyyy-mm> --to <yyyy-mm> [--title <tên>] [--notice 14,7,3,1] | deadline cancel <số>',
        summary: 'Xem, đặt hoặc hủy hạn sơ kết, tổng kết, chuyên đề của một tổ chức (tin nhắc theo lịch của tổ chức).',
      },
      'web-link': {
        usage: 'web-link <mã-đơn-vị> --role admin|leader [--phone <số>] [--name <họ tên>]',
        summary: 'In liên kết đăng nhập trang theo dõi (dùng một lần, 10 phút) cho người giữ chức danh đó ở đơn vị; chưa có ai thì giao cho người mới (--name).',
      },
      tick: {
        usage: 'tick [--at <thời điểm ISO, ví dụ 2026-11-22T08:00:00+07:00>]',
        summary: 'Chạy mọi việc theo lịch đến hạn ở thời điểm đó (mở kỳ, nhắc hạn, báo trễ, sơ kết, tổng hợp tuần) rồi gửi qua các kênh đã cấu hình.',
      },
      export: {
        usage: (formats: readonly string[], sheets: readonly string[], csvLocales: readonly string[]) =>
          `export --unit <mã> --from 2026-06 [--to 2026-11] [--format ${formats.join('|')}] --out <tệp> [--sheet ${sheets.join('|')}] [--csv-locale ${csvLocales.join('|')}]`,
        summary: 'Xuất số liệu của đơn vị và cấp dưới: bảng tính XLSX (mặc định), CSV (một trang, mặc định mô hình) hoặc dự thảo báo cáo sơ kết DOCX.',
      },
    },
    usageLine: (usage: string) => `Cách dùng: npm run cli -- ${usage}`,
    seeHelp: (command: string) => `Xem hướng dẫn: npm run cli -- ${command} --help`,
    unknownCommand: (name: string) => `Không có lệnh "${name}". Xem các lệnh: npm run cli -- --help`,
    unknownOption: (option: string, command: string) => `Lệnh ${command} không có tùy chọn ${option}.`,
    missingValue: (option: string) => `Tùy chọn ${option} cần một giá trị.`,
    notAFlag: (option: string) => `Tùy chọn ${option} không nhận giá trị.`,
    extraArgument: (value: string) => `Thừa tham số "${value}".`,
    missingFile: 'Thiếu đường dẫn tệp cần nhập.',
    fileNotFound: (file: string, dir: string) => `Không tìm thấy tệp "${file}" (đường dẫn tính từ thư mục ${dir}).`,
    fileUnreadable: (file: string, reason: string) => `Không đọc được tệp "${file}": ${reason}`,
    dryRun: '(Chạy thử, chưa ghi gì) ',
    missingUnit: 'Thiếu mã đơn vị.',
    badRole: (roles: readonly string[]) => `--role phải là một trong: ${roles.join(', ')}.`,
    badDays: '--days phải là số ngày từ 1 đến 90.',
    badInstant: (value: string) => `--at "${value}" không phải thời điểm hợp lệ; ví dụ 2026-11-22T08:00:00+07:00.`,
    exportNeeds: 'Cần --unit <mã đơn vị> và --out <tệp>.',
    badFormat: (formats: readonly string[]) => `--format phải là một trong: ${formats.join(', ')}.`,
    badSheet: (sheets: readonly string[]) => `--sheet phải là một trong: ${sheets.join(', ')}.`,
    badCsvLocale: '--csv-locale phải là vi (dấu ; và dấu phẩy thập phân, mặc định) hoặc intl/en (dấu , và dấu chấm thập phân).',
    dataDirBusy: (o: { dataDir: string; pid: number; holder: string; since: string }) =>
      `Cơ sở dữ liệu nhúng trong ${o.dataDir} đang được tiến trình ${o.pid} (${o.holder}) dùng từ ${o.since}. ` +
      'Chỉ một tiến trình được mở dữ liệu này (mở cùng lúc sẽ làm hỏng dữ liệu), nên lệnh chưa chạy.',
    dataDirBusyWhat: (pid: number) =>
      `Dừng dịch vụ (Ctrl+C ở cửa sổ npm start, hoặc kill ${pid}) rồi chạy lại lệnh; muốn chạy lệnh khi dịch vụ đang chạy thì dùng PostgreSQL (DATABASE_URL).`,
    tickSlot: (s: { organisation: string; job: string; slot: string; queued: number }) =>
      `${s.organisation}: ${JOB_NAMES[s.job] ?? s.job} (${s.slot}): ${s.queued} tin mới.`,
    tickEmptySlot: (s: { organisation: string; job: string; slot: string }, why: string) =>
      `${s.organisation}: ${JOB_NAMES[s.job] ?? s.job} (${s.slot}): không có tin nào, vì ${why}.`,
    tickReasons: {
      'no-reporting-units': () => 'chưa đơn vị nào có mô hình đang thực hiện',
      'all-sent': () => 'mọi đơn vị đã gửi báo cáo',
      'nobody-joined': (o: { reason: string; pendingUnits?: number }) =>
        `${o.pendingUnits ?? 0} đơn vị cần nhận tin nhưng chưa bí thư, phó bí thư nào của các đơn vị đó nhận lời mời (npm run cli -- invite <mã-đơn-vị>)`,
      'no-leader-joined': () => 'chưa lãnh đạo nào nhận lời mời (npm run cli -- invite <mã-đơn-vị> --role leader)',
      'already-queued': () => 'tin của việc này đã được xếp hàng từ trước',
    } as Record<string, (o: { reason: string; pendingUnits?: number }) => string>,
    tickEarlier: (s: { organisation: string; job: string; slot: string; queued: number; at: string }) =>
      `${s.organisation}: ${JOB_NAMES[s.job] ?? s.job} (${s.slot}) đã chạy lúc ${s.at} (${s.queued} tin); không gửi lại.`,
    tickSnoozed: (n: number) => `Nhắc lại sau: ${n} tin mới.`,
    tickNothing: (at: string) => `Không có việc nào đến hạn lúc ${at}.`,
    tickNoOrganisation: 'Chưa có tổ chức nào trong cơ sở dữ liệu: nhập trước (npm run cli -- import <tệp>).',
    tickQuiet: (o: { organisations: string; fromHour: number; untilHour: number }) =>
      `${o.organisations}: đang giờ yên lặng (${String(o.fromHour).padStart(2, '0')}:00–${String(o.untilHour).padStart(2, '0')}:00), không gửi tin theo lịch.`,
    tickNext: (o: { organisations: string; job: string; period?: string; at: string }) =>
      `${o.organisations}: việc tiếp theo là ${JOB_NAMES[o.job] ?? o.job}${o.period ? ` tháng ${o.period}` : ''} lúc ${o.at}.`,
    tickSent: (n: number) => `Đã gửi ${n} tin.`,
    tickNoChannel: (queued: number) =>
      queued > 0
        ? `Chưa cấu hình kênh nào (TELEGRAM_BOT_TOKEN): ${queued} tin đã xếp hàng, dịch vụ sẽ gửi khi chạy.`
        : 'Chưa cấu hình kênh nào (TELEGRAM_BOT_TOKEN); lần này không có tin nào để gửi.',
    tickFailed: (f: { organisation: string; job: string; error: string }) => `Lỗi ở ${f.organisation}, ${JOB_NAMES[f.job] ?? f.job}: ${f.error}`,
    exported: (path: string, name: string) => `Đã ghi ${path} (${name}).`,
    failed: 'Lệnh không thành công:',
    notFound: (entity: string, key: string) =>
      `Không tìm thấy ${({ 'org unit': 'đơn vị có mã', organisation: 'tổ chức (đơn vị gốc) có mã', 'review deadline': 'hạn sơ kết số' } as Record<string, string>)[entity] ?? entity} "${key}".`,
  },
  photo: {
    /** The photo route's 404: unknown, out of scope and failed look the same. */
    notFound: 'Không tìm thấy ảnh.',
    /** On the placeholder tile while the photo is being fetched. */
    pending: 'Đang tải ảnh…',
    /** In a gallery, in place of a photo that could not be fetched for good (an expired Zalo link, a file that is not an image). */
    failed: 'Không tải được ảnh',
    failedWhy: 'Ảnh không lấy về được từ kênh nhắn tin (liên kết đã hết hạn hoặc tệp không phải ảnh).',
  },
} as const;
