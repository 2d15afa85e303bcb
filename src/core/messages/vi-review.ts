import type { ReviewAction, ReviewRefusal, ReviewState } from '../review/report-review.js';

/** Who reviewed and when, for a refusal that names them ("đã được đồng chí … duyệt lúc …"). */
interface ReviewedBy {
  by: string | null;
  at: string | null;
}

const byWhom = (o: ReviewedBy) => `${o.by ? ` bởi đồng chí ${o.by}` : ''}${o.at ? ` lúc ${o.at}` : ''}`;

/** Why a step is refused, each naming who reviewed first where that is the reason. */
const refused: Record<ReviewRefusal | 'not-found', (o: ReviewedBy) => string> = {
  'not-reviewer': () =>
    'Đồng chí không phải lãnh đạo cấp ủy cấp trên trực tiếp của đơn vị này, cũng không phải quản trị của tổ chức, nên không duyệt được báo cáo này.',
  'not-submitted': () => 'Báo cáo chưa được gửi nên chưa có gì để duyệt.',
  'stale-version': () => 'Đơn vị vừa sửa và gửi lại báo cáo. Đồng chí xem bản mới nhất rồi duyệt.',
  'already-approved': (o: ReviewedBy) => `Báo cáo đã được duyệt (đạt)${byWhom(o)}.`,
  'already-returned': (o: ReviewedBy) => `Báo cáo đã được trả lại để sửa${byWhom(o)}; chờ đơn vị sửa và gửi lại.`,
  'month-closed': () =>
    'Tháng này đã khóa sổ (đã qua hạn sơ kết, tổng kết và thời gian gia hạn): không gửi, sửa hay trả lại báo cáo được nữa, trừ khi quản trị mở lại.',
  'past-due': () => 'Đã quá hạn sửa báo cáo. Nếu cần điều chỉnh, đồng chí đề nghị cấp trên trả lại báo cáo để sửa.',
  'approved-locked': () => 'Báo cáo đã được cấp trên duyệt (đạt) nên không sửa được. Nếu cần sửa, đồng chí đề nghị cấp trên trả lại báo cáo.',
  'comment-required': () => 'Đồng chí ghi rõ đơn vị cần sửa gì (nhận xét không được để trống).',
  'not-found': () => 'Không tìm thấy báo cáo này.',
  'bad-deadline': () => 'Hạn báo cáo bổ sung phải sau hôm nay và không quá 60 ngày.',
  'nothing-to-open': () => 'Tháng này chưa quá hạn hoặc đơn vị đã gửi báo cáo, nên không cần cho phép báo cáo bổ sung.',
};

/**
 * The words of a report's review (issue 19), part of the message catalogue (`vi.review`): the
 * states, each step of the history, why a step is refused, the secretary's notice, the web
 * console's forms and lists, and the chat's /duyet.
 */
export const viReview = {
  states: { draft: 'Đang soạn', pending: 'Chờ duyệt', approved: 'Đạt', returned: 'Trả lại' } satisfies Record<ReviewState | 'draft', string>,
  actions: {
    submit: 'Gửi báo cáo',
    edit: 'Sửa và gửi lại (trước hạn)',
    resubmit: 'Sửa theo yêu cầu và gửi lại',
    approve: 'Duyệt: đạt',
    return: 'Trả lại để sửa',
    supplement: 'Cho phép báo cáo bổ sung',
    reopen: 'Mở lại tháng đã khóa sổ',
  } satisfies Record<ReviewAction, string>,
  via: { telegram: 'Telegram', zalo: 'Zalo', console: 'thử trên máy', web: 'trang theo dõi', cli: 'dòng lệnh', system: 'hệ thống' } as Record<string, string>,
  refused,
  commentCut: (max: number) =>
    `Nhận xét dài quá ${max} ký tự nên đơn vị chỉ nhận ${max} ký tự đầu; bản đầy đủ vẫn được lưu trong lịch sử báo cáo.`,
  /** What the reviewer is told once a step is done. */
  done: {
    approve: (unit: string, month: string) => `Đã duyệt báo cáo tháng ${month} của ${unit}: đạt.`,
    return: (unit: string, month: string) => `Đã trả lại báo cáo tháng ${month} của ${unit} để sửa. Bí thư chi bộ được báo ngay.`,
  },
  /** The notice to the unit's secretary and deputy when their report is returned. */
  returnedNotice: (o: { person: string; unit: string; period: string; reviewer: string; comment: string }) =>
    `Kính gửi đồng chí ${o.person}: báo cáo tháng ${o.period} của ${o.unit} được đồng chí ${o.reviewer} trả lại để sửa.\nNhận xét: «${o.comment}»\nĐồng chí bấm «Sửa báo cáo» để sửa và gửi lại (kể cả khi đã quá hạn).`,
  /** The notice to the unit when its report is approved. */
  approvedNotice: (o: { person: string; unit: string; period: string; reviewer: string }) =>
    `Kính gửi đồng chí ${o.person}: báo cáo tháng ${o.period} của ${o.unit} đã được đồng chí ${o.reviewer} duyệt: đạt. Cảm ơn đồng chí!`,
  buttons: { fix: 'Sửa báo cáo', approve: 'Đạt', return: 'Trả lại', next: 'Trang sau »', prev: '« Trang trước' },
  /** A missed month opened again for one unit (a leader's «báo cáo bổ sung», an admin's reopening). */
  opening: {
    formLabel: 'Hạn báo cáo bổ sung',
    button: 'Cho phép báo cáo bổ sung',
    reopenButton: 'Mở lại tháng đã khóa sổ',
    done: (month: string, until: string) => `Đã cho phép đơn vị báo cáo bổ sung tháng ${month} đến hết ngày ${until}. Bí thư chi bộ được báo ngay.`,
    reopened: (month: string, until: string) => `Đã mở lại tháng ${month} cho đơn vị đến hết ngày ${until} (đã ghi nhật ký).`,
    open: (until: string) => `được báo cáo bổ sung đến ${until}`,
    notice: (o: { person: string; unit: string; period: string; until: string; by: string }) =>
      `Kính gửi đồng chí ${o.person}: đồng chí ${o.by} cho phép ${o.unit} báo cáo bổ sung tháng ${o.period}, hạn hết ngày ${o.until}. Đồng chí bấm «Báo cáo ngay» để bắt đầu.`,
    pickMonth: 'Đồng chí báo cáo tháng nào?',
    expired: 'Thời hạn báo cáo bổ sung tháng này đã hết (hoặc tháng đã khóa sổ). Đồng chí gõ /baocao để báo cáo tháng hiện tại.',
    monthLabel: (period: string) => `Tháng ${period}`,
    supplementLabel: (period: string, until: string) => `Tháng ${period} (bổ sung, hạn ${until})`,
  },
  /** The secretary's side: a returned report opened for correction, and sent again. */
  secretary: {
    opened: (period: string, comment: string | null) =>
      `Báo cáo tháng ${period} đã được trả lại để sửa.${comment ? ` Nhận xét của cấp trên: «${comment}».` : ''} Đồng chí bấm «Sửa» để chỉnh câu trả lời, rồi «Gửi báo cáo».`,
    resubmitted: (period: string) => `Đã gửi lại báo cáo tháng ${period}. Báo cáo chờ cấp trên duyệt lại. Cảm ơn đồng chí!`,
    pickReturned: 'Báo cáo nào đồng chí muốn sửa?',
    returnedLabel: (period: string) => `Tháng ${period} (bị trả lại)`,
    progressState: (state: string) => `Tình trạng duyệt: ${state}.`,
  },
  /** The exports' columns and the DOCX's sentence on what the figures include. */
  export: {
    state: 'Duyệt',
    approved: 'Đã duyệt (đạt)',
    notApproved: 'Chưa được duyệt',
    docx: (o: { sent: string; approved: string; pending: string; returned: string }) =>
      `Số liệu trên tính theo ${o.sent} lượt báo cáo đã gửi, gồm cả báo cáo chưa được cấp trên duyệt: ${o.approved} đã duyệt (đạt), ${o.pending} chờ duyệt, ${o.returned} trả lại để sửa.`,
    docxAllApproved: (sent: string) => `Số liệu trên tính theo ${sent} lượt báo cáo đã gửi, tất cả đã được cấp trên duyệt (đạt).`,
  },
  /** The weekly digest's review part. */
  digest: {
    counts: (o: { pending: string; approved: string; returned: string }) => `Duyệt báo cáo tháng này: ${o.pending} chờ duyệt, ${o.approved} đạt, ${o.returned} trả lại.`,
    waitingTitle: (n: number) => `Báo cáo chờ đồng chí duyệt (${n}):`,
    waitingLine: (unit: string, month: string) => `• ${unit} – tháng ${month}`,
    more: (n: number) => `… và ${n} báo cáo khác.`,
    howTo: 'Gõ /duyet để duyệt.',
  },
  /** /duyet in the chat. */
  chat: {
    notReviewer: 'Lệnh /duyet dành cho lãnh đạo cấp ủy cấp trên và quản trị: duyệt báo cáo của các đơn vị trực thuộc.',
    none: 'Không có báo cáo nào chờ đồng chí duyệt. Cảm ơn đồng chí!',
    listTitle: (total: number, page: number, pages: number) =>
      `Có ${total} báo cáo chờ đồng chí duyệt${pages > 1 ? ` (trang ${page}/${pages})` : ''}. Bấm vào một báo cáo để xem tóm tắt và duyệt:`,
    item: (unit: string, month: string) => `${unit} · ${month}`,
    summaryTitle: (unit: string, month: string, version: number, at: string) =>
      `Báo cáo tháng ${month} – ${unit} (lần gửi ${version}, lúc ${at}):`,
    askComment: (unit: string, month: string) =>
      `Đồng chí nhắn nhận xét: ${unit} cần sửa gì trong báo cáo tháng ${month}? (Tin nhắn tiếp theo của đồng chí sẽ được gửi cho bí thư chi bộ. Gõ /huy để thôi.)`,
    askCommentAgain: 'Nhận xét không được để trống. Đồng chí nhắn rõ đơn vị cần sửa gì, hoặc gõ /huy để thôi.',
    cancelled: 'Đã thôi, báo cáo chưa bị trả lại.',
    webLink: 'Xem đầy đủ trên trang theo dõi: gõ /web để đăng nhập.',
    modelLine: (title: string, figures: string, progress: string | null) => `• «${title}»: ${figures}${progress ? `; ${progress.toLowerCase()}` : ''}`,
    difficulties: (text: string) => `• Khó khăn: ${text}`,
    proposals: (text: string) => `• Đề xuất: ${text}`,
    state: (label: string) => `Tình trạng duyệt: ${label}.`,
    backToList: '« Danh sách',
  },
  /** The web console. */
  web: {
    nav: 'Duyệt',
    stateLabel: 'Duyệt',
    reviewedBy: (by: string, at: string) => `${by}, ${at}`,
    formTitle: 'Duyệt báo cáo',
    formNote: (version: number) => `Đồng chí đang duyệt lần gửi ${version}.`,
    approve: 'Đạt',
    returnButton: 'Trả lại để sửa',
    commentLabel: 'Nhận xét: đơn vị cần sửa gì (bắt buộc khi trả lại, tối đa 1.000 ký tự)',
    lastComment: 'Nhận xét khi trả lại',
    history: 'Lịch sử báo cáo',
    noHistory: 'Chưa có bước nào.',
    historyLine: (o: { action: string; version: number; by: string | null; at: string; via: string }) =>
      `${o.action} · lần gửi ${o.version}${o.by ? ` · ${o.by}` : ''} · ${o.at} · qua ${o.via}`,
    fullComment: 'Nhận xét đầy đủ (bản gửi đơn vị đã được cắt bớt)',
    notReviewerNote: 'Báo cáo này do lãnh đạo cấp ủy cấp trên trực tiếp của đơn vị (hoặc quản trị) duyệt.',
    forbiddenTitle: 'Không duyệt được',
    doneApprove: 'Đã duyệt báo cáo: đạt.',
    doneReturn: 'Đã trả lại báo cáo để sửa. Bí thư, phó bí thư chi bộ được báo ngay qua Telegram/Zalo.',
    queueTitle: (month: string) => `Báo cáo chờ duyệt tháng ${month}`,
    queueNote: 'Các báo cáo đồng chí được duyệt (đơn vị trực thuộc trực tiếp, hoặc cả tổ chức nếu là quản trị). Chọn các báo cáo rồi bấm «Đạt tất cả báo cáo đã chọn», hoặc mở từng báo cáo để trả lại kèm nhận xét.',
    queueMonth: 'Tháng',
    queueShow: 'Xem',
    queueEmpty: 'Không có báo cáo nào chờ đồng chí duyệt trong tháng này.',
    queueUnit: 'Đơn vị',
    queueSent: 'Gửi lúc',
    queueVersion: 'Lần gửi',
    queuePickLabel: (unit: string) => `Chọn báo cáo của ${unit}`,
    bulkApprove: 'Đạt tất cả báo cáo đã chọn',
    bulkDone: (n: number) => `Đã duyệt (đạt) ${n} báo cáo.`,
    bulkRefused: (n: number) => `${n} báo cáo không duyệt được:`,
    bulkNothing: 'Đồng chí chưa chọn báo cáo nào.',
    more: (n: number) => `… và ${n} báo cáo khác; đồng chí duyệt xong trang này rồi tải lại.`,
    overviewTitle: (month: string) => `Tình hình duyệt báo cáo tháng ${month}`,
    overviewNote: 'Số báo cáo đã gửi theo tình trạng duyệt. Số liệu ở trên gồm cả báo cáo chưa được duyệt.',
    overviewOpenQueue: 'Mở danh sách chờ đồng chí duyệt',
    total: 'Cộng',
    none: 'Chưa có báo cáo nào được gửi trong tháng này.',
  },
} as const;
