/**
 * The words of question sets: why a set cannot be published (the command line and the web
 * editor list the same problems), and what `questions show|publish` print.
 */
const KIND_NAMES: Record<string, string> = {
  count: 'số đếm', number: 'số có đơn vị', attendance: 'số dự/tổng số', yes_no: 'có/không', choice: 'lựa chọn', text: 'chữ', photos: 'ảnh',
};
const SCOPE_NAMES: Record<string, string> = { unit: 'cả đơn vị', model: 'từng mô hình' };

export const viQuestions = {
  kinds: KIND_NAMES,
  scopes: SCOPE_NAMES,
  problems: {
    position: (n: number) => `câu ${n}`,
    empty: 'Bộ câu hỏi không có câu nào.',
    badKey: (key: string) => `Mã câu hỏi "${key}" không hợp lệ: bắt đầu bằng chữ cái, chỉ gồm chữ không dấu, số và _ (tối đa 40 ký tự).`,
    duplicateKey: (key: string, first: number, again: number) => `Mã "${key}" bị trùng (câu ${first} và câu ${again}).`,
    emptyLabel: 'Thiếu tên ngắn (label).',
    emptyPrompt: 'Thiếu nội dung câu hỏi (prompt).',
    promptTooLong: (length: number, max: number) => `Câu hỏi dài ${length} ký tự, quá giới hạn ${max} (Zalo nhận tối đa 2.000 ký tự một tin, còn chỗ cho tên mô hình).`,
    labelTooLong: (length: number, max: number) => `Tên ngắn dài ${length} ký tự, quá ${max}.`,
    noChoices: 'Câu lựa chọn chưa có lựa chọn nào (choices).',
    duplicateChoice: (value: string) => `Lựa chọn "${value}" bị trùng.`,
    fieldNotForKind: (field: string, kind: string) => `Trường "${field}" không dùng cho câu kiểu ${KIND_NAMES[kind] ?? kind}.`,
    skipRestMisplaced: '«Bỏ qua phần còn lại khi bằng 0» (skipRestIfZero) chỉ dùng cho câu số của từng mô hình.',
    negativeBound: (field: string, value: number) => `Giới hạn ${field} = ${value} không hợp lệ: phải là số không âm.`,
    boundsReversed: (min: number, max: number) => `Giới hạn dưới ${min} lớn hơn giới hạn trên ${max}.`,
    conditionMissing: (key: string) => `Điều kiện «chỉ hỏi nếu» dựa vào câu "${key}" không có trong bộ câu hỏi.`,
    conditionLater: (key: string) => `Điều kiện «chỉ hỏi nếu» dựa vào câu "${key}" đứng sau (hoặc chính là) câu này; chỉ dựa được vào câu hỏi trước.`,
    conditionScope: (key: string) => `Điều kiện dựa vào câu "${key}" khác phạm vi (cả đơn vị / từng mô hình) với câu này.`,
    conditionKind: (key: string) => `Điều kiện dựa vào câu "${key}": chỉ dựa được vào câu có/không hoặc câu số.`,
    buttonDataTooLong: (label: string, length: number, max: number) => `Nút «${label}» mang ${length} byte dữ liệu, quá ${max} byte (Telegram nhận tối đa 64 byte mỗi nút); rút ngắn giá trị.`,
    tooManyButtons: (count: number, max: number) => `Câu hỏi có ${count} nút, Zalo chỉ hiện ${max} nút; bớt lựa chọn hoặc trả lời nhanh.`,
    standardRemoved: (key: string) => `Chỉ tiêu chuẩn "${key}" bị xóa; chỉ được sửa lời, không được xóa (số liệu tổng hợp và chuỗi nhiều năm dựa vào nó).`,
    standardChanged: (key: string, kind: string, scope: string) =>
      `Chỉ tiêu chuẩn "${key}" phải giữ kiểu ${KIND_NAMES[kind] ?? kind}, phạm vi ${SCOPE_NAMES[scope] ?? scope}; chỉ được sửa lời.`,
  },
  figures: {
    yesOf: (yes: string, of: string) => `${yes}/${of} đơn vị có`,
    none: 'chưa có số liệu',
    texts: (count: number) => `${count} ý kiến`,
    line: (label: string, value: string) => `• ${label}: ${value}`,
    digestTitle: 'Các chỉ tiêu khác:',
    reviewSentence: (label: string, value: string) => `${label}: ${value}.`,
  },
  cli: {
    usage: 'questions show --org <mã> [--month <yyyy-mm>] | questions publish <tệp.json> --org <mã> --from <yyyy-mm>',
    summary:
      'Bộ câu hỏi báo cáo tháng của một tổ chức (mã đơn vị gốc; mã một đơn vị bên trong: bộ riêng cho nhánh đó). show in bộ đang áp dụng dưới dạng JSON; sửa tệp đó rồi publish để áp dụng từ tháng --from (kiểm tra trước, lỗi nào cũng được liệt kê).',
    action: (given: string | undefined) => (given ? `Không có thao tác «${given}» cho questions; hiện có: show, publish.` : 'Thiếu thao tác: questions show|publish.'),
    needsOrg: 'Thiếu --org <mã đơn vị>.',
    needsFile: 'Thiếu tệp JSON: questions publish <tệp.json> --org <mã> --from <yyyy-mm>.',
    needsFrom: 'Thiếu hoặc sai --from: tháng bắt đầu áp dụng theo dạng yyyy-mm, ví dụ 2027-01.',
    badMonth: 'Sai --month: ghi theo dạng yyyy-mm, ví dụ 2026-12.',
    notJson: (file: string, reason: string) => `Tệp ${file} không phải JSON hợp lệ: ${reason}`,
    notASet: (file: string) => `Tệp ${file} không phải một bộ câu hỏi (cần một đối tượng có mảng "questions"; xuất mẫu bằng questions show --org <mã>):`,
    shapeIssue: (path: string, message: string) => `  - ${path || '(gốc)'}: ${message}`,
    refused: (count: number) => `Không áp dụng được bộ câu hỏi: ${count} lỗi. Chưa có gì được ghi.`,
    problem: (where: string | null, message: string) => `  - ${where ? `${where}: ` : ''}${message}`,
    pastMonth: (from: string, current: string) => `Tháng ${from} đã qua; chỉ áp dụng được từ tháng hiện tại (${current}) trở đi.`,
    published: (o: { version: number; unit: string; from: string; questions: number }) =>
      `Đã áp dụng bộ câu hỏi phiên bản ${o.version} cho ${o.unit} từ tháng ${o.from} (${o.questions} câu). Báo cáo các tháng trước và báo cáo đã bắt đầu giữ phiên bản cũ.`,
  },
};
