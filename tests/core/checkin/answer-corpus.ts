/**
 * Answers as secretaries type them on phones (no diacritics, teencode, typos, capitals, emoji,
 * politeness), each with the reader it goes to and the reading a person would give it. Written
 * before the reader was rewritten, from how people answer the bot's questions, not from the code:
 * the share read right is only a figure worth having if the examples were not fitted to it.
 *
 * `refused` means the reader must not guess (a re-prompt follows); `negative` and `too_large`
 * name the reason when it matters to the re-prompt.
 */
export type CorpusCase =
  | { kind: string; fn: 'count'; input: string; max: number; expect: number | 'refused' | 'negative' | 'too_large' }
  | { kind: string; fn: 'attendance'; input: string; max: number; expect: readonly [number, number] | 'refused' }
  | { kind: string; fn: 'none' | 'skip' | 'back' | 'done'; input: string; expect: boolean }
  | { kind: string; fn: 'yesno'; input: string; expect: boolean | null };

const MEETINGS = 31;
const ACTIVITIES = 100;
const PEOPLE = 100_000;
const MEMBERS = 5000;

const cases: CorpusCase[] = [];

function count(kind: string, max: number, expect: number | 'refused' | 'negative' | 'too_large', ...inputs: string[]): void {
  for (const input of inputs) cases.push({ kind, fn: 'count', input, max, expect });
}
function attendance(kind: string, expect: readonly [number, number] | 'refused', ...inputs: string[]): void {
  for (const input of inputs) cases.push({ kind, fn: 'attendance', input, max: MEMBERS, expect });
}
function flag(kind: string, fn: 'none' | 'skip' | 'back' | 'done', expect: boolean, ...inputs: string[]): void {
  for (const input of inputs) cases.push({ kind, fn, input, expect });
}
function yesNo(kind: string, expect: boolean | null, ...inputs: string[]): void {
  for (const input of inputs) cases.push({ kind, fn: 'yesno', input, expect });
}

// ── Counts: spoken compound numbers ────────────────────────────────────────────────────────────
const SPOKEN = 'count: spoken numbers';
count(SPOKEN, PEOPLE, 24, 'hai tư', 'hai tu', 'Hai tư người', 'hai mươi tư', 'hai muoi bon');
count(SPOKEN, PEOPLE, 31, 'ba mốt', 'ba mot', 'ba mươi mốt', 'Ba mốt lượt');
count(SPOKEN, PEOPLE, 45, 'bốn lăm', 'bon lam', 'bốn mươi lăm', 'bon muoi lam nguoi', 'bốn lăm lượt ạ');
count(SPOKEN, PEOPLE, 32, 'băm hai', 'bam hai', 'ba mươi hai');
count(SPOKEN, PEOPLE, 55, 'năm nhăm', 'nam nham', 'năm mươi lăm', 'năm lăm');
count(SPOKEN, PEOPLE, 102, 'một trăm lẻ hai', 'mot tram le hai', 'một trăm linh hai', 'mot tram linh hai', 'trăm lẻ hai');
count(SPOKEN, PEOPLE, 21, 'hăm mốt', 'ham mot', 'hai mốt', 'hai mươi mốt', 'hai muoi mot');
count(SPOKEN, PEOPLE, 22, 'hăm hai', 'hăm hai người');
count(SPOKEN, PEOPLE, 25, 'hăm lăm', 'hai lăm', 'hai mươi lăm', 'hai muoi lam', 'hai mươi năm');
count(SPOKEN, PEOPLE, 35, 'băm lăm lượt', 'ba lăm', 'ba mươi lăm');
count(SPOKEN, PEOPLE, 64, 'sáu tư', 'sau tu', 'sáu mươi tư');
count(SPOKEN, PEOPLE, 75, 'bảy lăm', 'bay lam', 'bảy mươi lăm');
count(SPOKEN, PEOPLE, 81, 'tám mốt', 'tam mot');
count(SPOKEN, PEOPLE, 95, 'chín nhăm', 'chin nham', 'chín lăm');
count(SPOKEN, PEOPLE, 10, 'mười', 'muoi', 'một chục', 'Mười người');
count(SPOKEN, PEOPLE, 12, 'mười hai', 'muoi hai');
count(SPOKEN, PEOPLE, 14, 'mười bốn', 'mười tư');
count(SPOKEN, PEOPLE, 15, 'mười lăm', 'muoi lam', 'mười năm', 'Mười lăm người dự');
count(SPOKEN, PEOPLE, 20, 'hai mươi', 'hai muoi', 'hai chục', '2 chục', 'hai chục người');
count(SPOKEN, PEOPLE, 30, 'ba chục người', 'ba mươi');
count(SPOKEN, PEOPLE, 40, 'bốn mươi', 'bon muoi nguoi', 'bốn chục lượt');
count(SPOKEN, PEOPLE, 50, 'năm mươi', 'nam muoi');
count(SPOKEN, PEOPLE, 80, 'tám mươi', 'tam muoi');
count(SPOKEN, PEOPLE, 100, 'một trăm', 'mot tram', 'một trăm người');
count(SPOKEN, PEOPLE, 110, 'một trăm mốt', 'trăm mốt');
count(SPOKEN, PEOPLE, 120, 'một trăm hai', 'mot tram hai', 'một trăm hai mươi', 'trăm hai');
count(SPOKEN, PEOPLE, 150, 'trăm rưỡi', 'tram ruoi', 'một trăm rưỡi', 'một trăm năm mươi');
count(SPOKEN, PEOPLE, 200, 'hai trăm', '2 trăm', '2 trăm người');
count(SPOKEN, PEOPLE, 250, 'hai trăm rưỡi', 'hai tram ruoi', 'hai trăm năm mươi');
count(SPOKEN, PEOPLE, 305, 'ba trăm lẻ năm', 'ba trăm linh năm');
count(SPOKEN, PEOPLE, 1000, 'một nghìn', 'mot nghin', 'một ngàn', '1 nghìn');
count(SPOKEN, PEOPLE, 1200, 'một nghìn hai', 'một nghìn hai trăm', 'một ngàn hai trăm lượt');
count(SPOKEN, PEOPLE, 1500, 'nghìn rưỡi', 'một ngàn rưỡi', 'một nghìn năm trăm');
count(SPOKEN, PEOPLE, 2050, 'hai nghìn không trăm năm mươi');
count(SPOKEN, PEOPLE, 8, 'tám', 'tam');
count(SPOKEN, PEOPLE, 7, 'bảy', 'bay', 'Bảy người');
count(SPOKEN, PEOPLE, 6, 'sáu', 'sau người');
count(SPOKEN, PEOPLE, 5, 'năm', 'nam nguoi');
count(SPOKEN, PEOPLE, 4, 'bốn', 'bon');
count(SPOKEN, MEETINGS, 3, 'ba', 'ba cuộc', 'BA CUỘC');
count(SPOKEN, MEETINGS, 1, 'một', 'mot', 'một cuộc', 'mot cuoc a');
count(SPOKEN, PEOPLE, 9, 'chín', 'chin nguoi');
count(SPOKEN, MEETINGS, 31, 'ba mươi mốt', 'ba mốt');

// ── Counts: "none" said to a count means zero ──────────────────────────────────────────────────
const ZERO = 'count: none means 0';
count(ZERO, MEETINGS, 0,
  'không', 'ko', 'k', 'kg', 'khong', 'hok', 'hông', 'khg', 'kh', 'Không', 'KO',
  'ko tổ chức', 'ko to chuc', 'không tổ chức', 'Không tổ chức ạ', 'không tổ chức được', 'ko tổ chức đc',
  'chưa có cuộc nào', 'chua co cuoc nao', 'k có', 'k co', 'ko co', 'không có', 'Không có ạ', 'dạ không', 'da ko a',
  'chưa tổ chức', 'chua to chuc', 'tháng này không sinh hoạt', 'thang nay ko sinh hoat', 'chưa', 'chưa có',
  'Chưa có ạ', 'không cuộc nào', 'không có cuộc nào ạ', 'khong co cuoc nao', 'ko có buổi nào', 'tháng này chưa họp',
  'chưa họp', 'chưa sinh hoạt', '0', '0 cuộc', 'hong co', 'không có hoạt động nào', 'Dạ chưa ạ',
);
count(ZERO, ACTIVITIES, 0, 'không có hoạt động nào', 'ko co hoat dong nao', 'chưa triển khai', 'chua trien khai', 'không hoạt động', 'chưa làm');
count(ZERO, PEOPLE, 0, 'không có ai', 'ko ai tham gia', 'không có người tham gia', '0 người');
count(ZERO, MEETINGS, 'refused', 'không biết', 'ko nhớ', 'không rõ', 'chưa biết nữa', 'không nhớ rõ', 'ko chắc');
count(ZERO, PEOPLE, 'refused', 'chưa thống kê', 'chưa tổng hợp', 'chua thong ke');

// ── Counts: unit and filler words around a number ──────────────────────────────────────────────
const UNITS = 'count: units and fillers';
count(UNITS, MEETINGS, 3, '3 buổi họp', '3 buoi hop', '3 buổi', '3 lần', '3 đợt');
count(UNITS, MEETINGS, 2,
  'sinh hoạt được 2 cuộc', 'sinh hoat dc 2 cuoc', 'Dạ 2 cuộc ạ', 'da 2 cuoc a', '2 cuộc nhé', '2 ạ!', 'đc 2 cuộc',
  '2 lan', '2 cuộc họp chi bộ', 'Hai cuộc ạ', '2 cuộc 👍', '👉 2 cuộc', '2 cuộc ạ.', 'dạ, chi bộ sinh hoạt được 2 cuộc ạ',
  '2 (hai) cuộc', 'hai (2) cuộc',
);
count(UNITS, MEETINGS, 1,
  '1 cuộc thôi', '1 cuoc thoi a', 'chi bộ đã tổ chức 1 cuộc', 'chi bo to chuc 1 cuoc', 'có 1 cuộc', 'co 1 cuoc', 'được 1 cuộc',
  'dc 1 cuoc', '1 cuộc sinh hoạt thường kỳ', '1 cuoc thuong ky', 'tháng này 1 cuộc', 'thang nay 1 cuoc', 'mỗi tháng 1 cuộc',
  'tháng 11 sinh hoạt 1 cuộc', '1 cuộc vào ngày 15/11', 'sinh hoạt 1 cuộc ngày 05/11/2026', 'dạ 1 ạ', 'Đã họp 1 cuộc',
);
count(UNITS, ACTIVITIES, 4, '4 hoạt động', '4 hoat dong', 'có 4 hoạt động ạ', 'triển khai 4 hoạt động');
count(UNITS, PEOPLE, 25, '25 người dự', '25 nguoi du', '25 người tham gia', '25 lượt', '25ng');
count(UNITS, PEOPLE, 20, 'hơn 20 người', 'hon 20 nguoi', 'độ 20 người', 'do 20 nguoi', 'cỡ 20', '20 người trở lên', 'khoảng hai mươi người', 'tầm hai chục người', 'khoảng 2 chục người', 'được khoảng 20 người tham gia ạ', 'trên dưới 20 người');
count(UNITS, PEOPLE, 40, 'tầm 40 lượt', 'tam 40 luot', '40 bà con tham gia', '40 ba con', 'tầm 40');
count(UNITS, PEOPLE, 30, 'khoảng 30 người', 'khoang 30 ng', '30ng', '30 ng', '30+', '~30', '30 người ạ 😊', 'gồm 30 người', 'có 30 người tham dự', '30 người tham dự ạ', 'tham gia 30 người');
count(UNITS, PEOPLE, 50, 'trên 50 lượt người', 'tren 50 luot nguoi', 'hơn 50 lượt');
count(UNITS, PEOPLE, 100, 'gần 100 người', 'gan 100 nguoi', 'xấp xỉ 100 người');
count(UNITS, PEOPLE, 15, 'chừng 15 người', 'chung 15 nguoi', 'mười lăm người dự');
count(UNITS, PEOPLE, 35, '35 lượt người tham gia', '35 luot nguoi tham gia', '35 lượt người');
count(UNITS, PEOPLE, 60, 'khoảng 60 hộ dân', '60 hộ', '60 hộ gia đình');
count(UNITS, PEOPLE, 12, '12 đảng viên', '12 dv', '12 đ/c', '12 đồng chí', '12 đv');
count(UNITS, PEOPLE, 45, 'tổng cộng 45 lượt', 'tong cong 45', 'tổng số 45 lượt người', 'tất cả 45 người', 'tat ca 45');
count(UNITS, PEOPLE, 1000, 'hơn 1.000 lượt', '1000 người');
count(UNITS, PEOPLE, 1200, '1.200 lượt', '1200 luot nguoi');
count(UNITS, PEOPLE, 3, 'ba lượt', '3 người', '03');
count(UNITS, PEOPLE, 5, 'năm người', '5 nguoi a');

// ── Counts: full-width and other Unicode digits, decomposed diacritics ──────────────────────────
const UNICODE = 'count: unicode digits';
count(UNICODE, MEETINGS, 2, '２', '２ cuộc', '２ cuộc ạ');
count(UNICODE, PEOPLE, 15, '１５', '1５', '١٥');
count(UNICODE, MEETINGS, 3, '٣', '३');
count(UNICODE, PEOPLE, 30, '３０ người', '３０');
count(UNICODE, PEOPLE, 24, '２４', '۲۴');
count(UNICODE, MEETINGS, 2, '𝟐');
count(UNICODE, PEOPLE, 21, 'hai mươi mốt'.normalize('NFD'), 'hăm mốt'.normalize('NFD'));
count(UNICODE, PEOPLE, 31, 'ba mốt'.normalize('NFD'));
count(UNICODE, PEOPLE, 15, 'mười lăm người'.normalize('NFD'));
count(UNICODE, MEETINGS, 0, 'không có'.normalize('NFD'), 'chưa tổ chức'.normalize('NFD'));

// ── Counts: ambiguous, never guessed ───────────────────────────────────────────────────────────
const AMBIGUOUS = 'count: ambiguous refused';
count(AMBIGUOUS, PEOPLE, 'refused',
  '3 – 4', '3-4', '3 - 4 cuộc', 'ba bốn buổi', 'ba bon buoi', 'mấy cuộc', 'may cuoc', 'như cũ', 'nhu cu', 'như tháng trước',
  '2 hoặc 3', '2 hay 3', '2, 3 cuộc', '20 đến 25 người', 'từ 20 đến 30', 'khoảng 20-30 người', 'vài cuộc', 'vai cuoc',
  'vài chục người', 'mấy chục người', 'hàng chục', 'nhiều', 'rất đông', 'đông đủ', 'ít', 'hai ba cuộc', 'năm sáu người',
  'nam sau nguoi', 'hai mươi mấy', '2 cuộc 15 người', '1 cuộc 15/16', '15/16', '2 3', 'dăm người', 'hỏi lại sau',
  'để tôi xem', 'như trên', 'giống tháng trước', 'bình thường', 'có', 'rồi', 'ok', '?', 'hả', 'ba hoặc bốn', 'hai mươi lẻ',
  '20 30 người', 'một hai cuộc', '1 cuộc, 2 cuộc', 'x', 'abc', 'đã báo cáo rồi',
);

// ── Counts: overflow, negative, huge ───────────────────────────────────────────────────────────
const BAD = 'count: overflow, negative, huge';
count(BAD, PEOPLE, 'negative', '-2', '-1 cuộc', 'âm 1', '- 5');
count(BAD, PEOPLE, 'refused', '1000000000000000000000', '1e6', '12345678901234567890', '0x1F', 'Infinity', '1,5', '2.5', '2,5 cuộc', '1/2', 'NaN', '9'.repeat(400));
count(BAD, PEOPLE, 'too_large', '9999999', 'một triệu', '1.000.000', '1 tỷ');
count(BAD, MEETINGS, 'too_large', '32', 'ba mươi hai', '45 cuộc');
count(BAD, ACTIVITIES, 'too_large', '999', 'hai trăm');

// ── Attendance: present of total, with a prefix or a note ──────────────────────────────────────
const ATT = 'attendance: with prefix or note';
attendance(ATT, [15, 16],
  '15/16', 'có mặt 15/16', 'co mat 15/16', 'dự 15/16 đ/c', 'du 15/16 d/c', '15/16 đv', '15/16 dv', '15/16, vắng 1 có lý do',
  '15/16 vang 1 co ly do', '15/16 = 94%', '15/16=93,75%', '15 trên 16', '15 tren 16', '15 trên tổng số 16', '15 tren tong so 16 dv',
  '15 đ/c/16 đ/c', '15/16 đồng chí', '15/16 đảng viên', 'dạ 15/16 ạ', 'Dự: 15/16', 'Có mặt: 15/16 đ/c, vắng 1 (đi làm xa)',
  '15/16, vắng 1', '15/16 vắng 1 đ/c ốm', 'dự 15 trên tổng số 16 đồng chí', '15 đ/c trên 16 đ/c', 'Sĩ số 16, có mặt 15',
  '15 / 16', '15 /16', '15/ 16', '１５/１６', '15／16', '15/16 ngày 5/11', 'mười lăm trên mười sáu', 'muoi lam tren muoi sau',
  'tổng 16, dự 15', 'có mặt 15, vắng 1', 'co mat 15 vang 1', 'dự 15, vắng 1', '15 đ/c dự, 1 đ/c vắng', '15 trong số 16', '15 trong 16',
  '15/16 (vắng 1 có lý do)', '15/16 (1 đ/c đi công tác)', 'Có 15/16 đồng chí dự', '15/16 đ/c tham dự', '15/16 ạ 👍',
);
attendance(ATT, [16, 16], '16/16 (100%)', '16/16 đ/c (100%)', '16/16 đủ', '16/16 đủ 100%', 'đủ 16/16', '16/16 đ/c dự đầy đủ');
attendance(ATT, [18, 20],
  '18/20 đạt 90%', '18/20 (90%)', '18 / 20', 'mười tám trên hai mươi', 'muoi tam tren hai muoi', 'tổng số 20 đ/c, có mặt 18',
  'tong so 20 dv co mat 18', 'có mặt 18, vắng 2', '18 đ/c dự, 2 đ/c vắng', '18 trong số 20', 'tham dự 18/20', '18/20, vắng 2 có lý do',
);
attendance(ATT, [25, 27], '25/27 (2 đ/c miễn sinh hoạt)', '25/27 đảng viên tham gia sinh hoạt', 'tham dự 25/27');
attendance(ATT, [30, 32], '30/32, 2 đ/c đi làm ăn xa', 'có mặt 30/32 = 93,8%', '30/32 đạt 93.75%');
attendance(ATT, [17, 19], '17/19 (vắng 2 có lý do)', '17/19, 2 đ/c vắng có lý do', '17 / 19 đ/c tham dự', '17/19');
attendance(ATT, [9, 10], '9/10', '9 / 10 ĐV', 'Có 9/10 đồng chí dự');
attendance(ATT, [12, 12], '12/12 đ/c', 'đủ 12/12');
attendance(ATT, [15, 18], 'có mặt 15, vắng 3');

const ATT_REFUSED = 'attendance: refused';
attendance(ATT_REFUSED, 'refused',
  '15/16, vắng 3', '15/16 vang 3', '15/16 (90%)', '16/16 vắng 1', '15 - 16', '15-16', '15', '15 người', 'vắng 1', 'có mặt 15',
  '15/16 và 14/16', '15/16 hoặc 14/16', '17/16', '0/0', '15/0', 'mấy/16', '15/16/17', '-1/16', '15,5/16', '6000/7000',
  'như tháng trước', 'không', '0', '16 đ/c dự 15', 'đủ', 'đầy đủ', '100%', 'tất cả', '', '🙂', 'đ/c', '15/16 đạt 50%',
  'tổng 16 dự 17', '15/16, 2 đ/c vắng',
);

// ── "Nothing to report" to a free-text question ────────────────────────────────────────────────
const NONE = 'none: nothing to report';
flag(NONE, 'none', true,
  'không', 'ko', 'k', 'kg', 'khg', 'kh', 'hok', 'hông', 'không có', 'ko co', 'k co', 'không có gì', 'ko co gi', 'ko có j',
  'không có ý kiến gì', 'khong co y kien gi', 'dạ ko ạ', 'da ko a', 'hiện chưa có', 'hien chua co', 'chưa có', 'chưa', '0', '-',
  '.', 'x', 'X', '--', '...', 'không ạ', 'Không ạ.', 'Không có ạ!', 'dạ không có ạ', 'da khong co a', 'không có khó khăn gì',
  'ko co kho khan gi', 'không có vướng mắc', 'ko vướng mắc gì', 'không có khó khăn vướng mắc', 'không có đề xuất',
  'không có kiến nghị gì', 'ko de xuat gi', 'không có đề xuất, kiến nghị', 'không có ý kiến', 'không ý kiến', 'ko y kien',
  'chưa có gương nào', 'tạm thời chưa có', 'tam thoi chua co', 'hiện tại không có', 'không có gì ạ', 'ko co gi a',
  'không có gì mới', 'không có gì đặc biệt', 'không có vấn đề gì', 'KHÔNG', 'Không!', 'none', 'N/A', 'n/a',
  'không có gì để báo cáo', 'không có gì thêm', 'chưa có gì', 'dạ chưa có ạ', 'ko ạ 🙏', 'không có ạ 😊', 'Không có khó khăn',
  'không kiến nghị', 'không đề xuất gì', 'chưa có ý kiến gì', 'không có trường hợp nào', 'chưa có trường hợp nào',
  'không có gương điển hình', 'không có người tốt việc tốt', 'khong co gi het', 'ko co gi ca', 'Ko.', 'Không có, cảm ơn',
  'dạ không có gì, em cảm ơn', 'khong co j', 'ko co y kien j', 'không có khó khăn gì, mọi việc thuận lợi', 'không khó khăn gì',
  'Không vướng mắc', 'không có gì vướng mắc', 'Không có kiến nghị, đề xuất gì', 'Dạ không có ý kiến gì ạ',
);
const LACK = 'none: a stated lack is kept';
flag(LACK, 'none', false,
  'không có xe đi lại', 'thiếu cán bộ', 'chưa có nhà văn hóa', 'không có kinh phí', 'ko co kinh phi', 'Không có tiền mua giống',
  'chưa có kinh phí hỗ trợ', 'không có người tham gia', 'không có đất sản xuất', 'chưa có đường bê tông', 'không có chỗ họp',
  'ko có hội trường', 'thiếu kinh phí', 'thiếu vốn', 'khó khăn về vốn', 'kinh phí ít', 'không khí', 'không đủ người',
  'chưa được hỗ trợ', 'chưa có hướng dẫn', 'không có cán bộ chuyên trách', 'không có thời gian', 'dân không tham gia',
  'thời tiết xấu', 'mưa nhiều', 'kỳ này khó', 'có', 'không có nước sạch', 'ko có mạng internet', 'Không có giống tốt',
  'đề nghị hỗ trợ kinh phí', 'chưa có sự vào cuộc của đoàn thể', 'không có khó khăn gì lớn, chỉ thiếu vốn',
  'Không có sân chơi cho thiếu nhi', 'k co dat lam', 'không có chỗ để họp', '- thiếu vốn', 'ko có ai quan tâm', '',
  'chưa có điện', 'không có người hướng dẫn kỹ thuật', 'chưa có đầu ra cho sản phẩm', 'không có gì ngoài thiếu vốn',
);

// ── Yes / no ───────────────────────────────────────────────────────────────────────────────────
const YES = 'yes/no: yes';
yesNo(YES, true,
  'có', 'co', 'Có ạ', 'dạ có', 'da co', 'vâng', 'vang', 'dạ vâng', 'da vang', 'vâng ạ', 'oki', 'oke', 'ok', 'OK', 'okie', 'okay',
  'uh', 'uk', 'ừ', 'u', 'có rồi', 'co roi', 'rồi', 'roi', 'đúng vậy', 'dung vay', 'đúng rồi', 'dung roi', 'phải', 'yes', '👍',
  '👌', '✅', 'đã tổ chức rồi', 'da to chuc roi', 'có tổ chức', 'có sinh hoạt', 'có sinh hoạt chuyên đề', 'đã sinh hoạt', 'dạ có ạ',
  'Có!', 'co a', 'vâng có', 'có ạ 👍', 'dạ rồi', 'dạ đã tổ chức', 'đã có', 'có, đã tổ chức', 'Dạ có, đã tổ chức rồi ạ', 'ok có',
  'có nhé', 'có chứ', 'tổ chức rồi', 'rồi ạ', 'Oke ạ', 'ừ có', 'Vâng ạ!',
);
const NO = 'yes/no: no';
yesNo(NO, false,
  'không', 'ko', 'k', 'kg', 'khong', 'hok', 'hông', 'không ạ', 'dạ ko', 'da ko', 'dạ không', 'không tổ chức được',
  'khong to chuc duoc', 'dạ chưa ạ', 'da chua a', 'chưa', 'chua', 'chưa ạ', 'chưa tổ chức', 'chua to chuc', 'không có', 'ko co',
  'k co', 'không sinh hoạt', 'chưa có', 'chưa sinh hoạt', 'tháng này không', 'tháng này chưa', '👎', 'no', 'ko ạ', 'dạ không có',
  'không có ạ', 'chưa kịp tổ chức', 'ko tổ chức', 'không có sinh hoạt chuyên đề', 'ko co chuyen de', 'chưa có chuyên đề', 'chưa làm',
  'Không.', 'KHÔNG', 'Chưa ạ!',
);
const UNSURE = 'yes/no: neither';
yesNo(UNSURE, null,
  'có lẽ', 'co le', 'maybe', '', '🙂', '2', 'không biết', 'ko biet', 'chưa biết', 'không nhớ', 'chưa rõ', 'chắc có', 'có không',
  'có hoặc không', 'để hỏi lại', 'sắp tổ chức', 'tuần sau', 'hả', '?', '15/16', 'có thể', 'co the', 'không chắc', 'ko chac',
  'chưa chắc', 'tùy', 'có và không',
);

// ── Skip, back, done ───────────────────────────────────────────────────────────────────────────
const SKIP = 'skip';
flag(SKIP, 'skip', true,
  'bỏ qua', 'Bỏ qua', 'bo qua', 'boqua', 'bỏ', 'bo', 'bỏ qua nhé', 'bo qua nhe', 'bỏ qua ạ', 'skip', 'Skip', 'tiếp', 'tiep',
  'tiếp tục', 'để sau', 'de sau', 'qua', 'bỏ qua câu này', 'bo qua cau nay', 'câu tiếp', 'qua câu khác', 'cho qua', 'thôi bỏ qua',
  'bỏ qua đi', 'bỏ qua nha', 'next', 'tiếp đi', 'Bỏ qua!', 'BỎ QUA', 'bỏ qua 👉', 'pass',
);
flag(SKIP, 'skip', false, 'không', 'quay lại', '', 'bỏ vốn', 'qua đường', 'tiếp nhận kinh phí', 'sáu', 'sau', '2', 'quá khó', 'bỏ qua một số khó khăn', 'ko');
const BACK = 'back';
flag(BACK, 'back', true,
  'quay lại', 'Quay lại', 'quay lai', 'quaylai', 'lùi', 'lui', 'lùi lại', 'lui lai', 'về câu trước', 've cau truoc', 'câu trước',
  'cau truoc', 'trở lại', 'tro lai', 'quay lại câu trước', 'quay lại nhé', 'quay lai nhe', 'lùi lại ạ', 'back', 'Back', 'quay về',
  'trở về', 'sửa câu trước', 'sua cau truoc', 'quay lại câu trên', 'câu trên', '« Quay lại', 'quay lai di', 'trở lại câu trước',
);
flag(BACK, 'back', false, 'quay', 'lại', 'bỏ qua', '', 'trở lại bình thường', 'quay lại sản xuất', 'dân quay lại làm', 'về', 'sửa', 'không', 'lúa');
const DONE = 'done';
flag(DONE, 'done', true,
  'xong', 'Xong', 'Xong rồi!', 'xong rồi nhé', 'xong roi nhe', 'xong ạ', 'đã xong', 'da xong', 'hết', 'het', 'hết rồi', 'het roi',
  'gửi hết rồi ạ', 'gui het roi a', 'gửi xong rồi', 'gui xong', 'done', 'Done', 'không có hình', 'ko co hinh', 'không có ảnh',
  'ko có ảnh', 'k co anh', 'không có hình ảnh', 'không gửi ảnh', 'chưa có ảnh', 'hết ảnh rồi', 'đủ rồi', 'du roi', 'xong nhé',
  'ok xong', 'vậy thôi', 'thế thôi', 'hết rồi ạ', 'xong r', 'hết r', 'đã gửi đủ', 'gửi đủ rồi', 'không chụp ảnh', 'ko chụp hình', 'XONG',
);
flag(DONE, 'done', false,
  'xong việc cả rồi', 'ảnh', 'không', '', 'chưa xong', 'chua xong', 'chưa gửi xong', 'đợi chút', 'chờ tí', 'để em gửi', 'mai gửi',
  'hết vốn', 'xong mùa vụ', 'ảnh đây',
);

// ── Second round: answers written after the first reader, in other styles (typos, teencode,
// long polite sentences), to see whether it generalised. Before the fixes they prompted, the
// reader read 97.0% and 96.2% of the two batches right; kept here so the fixes stay.
const SECOND: readonly [CorpusCase['fn'], string, unknown, number?][] = [
  ['count', 'Dạ tháng này chi bộ sinh hoạt 1 cuộc ạ', 1],
  ['count', 'sh 1 cuộc', 1],
  ['count', '1 cuoc sinh hoat chi bo', 1],
  ['count', 'Có 2 cuộc: 1 thường kỳ, 1 chuyên đề', 'refused'],
  ['count', 'hai cuộc nha', 2],
  ['count', 'dạ 2', 2],
  ['count', '2cuộc', 2],
  ['count', 'Hai', 2],
  ['count', 'một lần', 1],
  ['count', '01', 1],
  ['count', '1 buổi', 1],
  ['count', 'Một buổi ạ', 1],
  ['count', 'ba mươi sáu người', 36],
  ['count', 'bốn mươi hai lượt', 42],
  ['count', 'hăm tư', 24],
  ['count', 'ba tư người', 34],
  ['count', 'sáu mốt', 61],
  ['count', 'bảy mươi', 70],
  ['count', 'chín mươi chín', 99],
  ['count', 'một trăm hai lăm', 125],
  ['count', 'hai trăm linh một', 201],
  ['count', 'năm trăm', 500],
  ['count', 'ba nghìn', 3000],
  ['count', '  45  lượt  ', 45],
  ['count', '45 lượt người dân tham gia', 45],
  ['count', 'Khoảng 50 người dân', 50],
  ['count', 'khoảng 50 hội viên', 50],
  ['count', '50 đoàn viên thanh niên', 50],
  ['count', 'có khoảng 70 lượt người tham gia ạ', 70],
  ['count', 'Ước tính 200 người', 200],
  ['count', 'hơn 30 hộ', 30],
  ['count', 'trên 100 lượt', 100],
  ['count', '100 người+', 100],
  ['count', '≈40', 40],
  ['count', '40 người.', 40],
  ['count', '40!', 40],
  ['count', '40 nguoi tham gia nhe', 40],
  ['count', 'Chưa tổ chức được cuộc nào', 0],
  ['count', 'ko co cuoc nao', 0],
  ['count', 'k tổ chức', 0],
  ['count', 'không họp', 0],
  ['count', 'khong co hoat dong', 0],
  ['count', 'dạ tháng này không có ạ', 0],
  ['count', 'Không tổ chức được vì mưa bão', 0],
  ['count', 'chưa có hoạt động gì', 0],
  ['count', 'không có ai tham gia', 0],
  ['count', 'ko', 0],
  ['count', 'Ko có', 0],
  ['count', 'không nhớ nữa', 'refused'],
  ['count', 'khoảng 3 hoặc 4', 'refused'],
  ['count', '3 hay 4 gì đó', 'refused'],
  ['count', '3,4 cuộc', 'refused'],
  ['count', '3/4', 'refused'],
  ['count', 'ba đến bốn', 'refused'],
  ['count', 'bảy tám người', 'refused'],
  ['count', 'mấy chục', 'refused'],
  ['count', 'đông lắm', 'refused'],
  ['count', 'như tháng 10', 'refused'],
  ['count', 'xem lại sau', 'refused'],
  ['count', 'số liệu chưa có', 'refused'],
  ['count', '-3 cuộc', 'negative'],
  ['count', '40', 'too_large', 31],
  ['count', '１２', 12],
  ['count', '１２ người', 12],
  ['count', '٥', 5],
  ['attendance', '16/18', [16, 18]],
  ['attendance', 'Có mặt 16/18 đồng chí', [16, 18]],
  ['attendance', '16/18 đc', [16, 18]],
  ['attendance', '16 / 18 đảng viên', [16, 18]],
  ['attendance', '16/18 (2 đ/c vắng có lý do)', [16, 18]],
  ['attendance', '16/18, vắng 2 đ/c', [16, 18]],
  ['attendance', '16/18 đạt 88,9%', [16, 18]],
  ['attendance', '16/18 = 88.9%', [16, 18]],
  ['attendance', 'dự họp 16/18', [16, 18]],
  ['attendance', 'dạ có mặt 16 trên 18 ạ', [16, 18]],
  ['attendance', 'mười sáu trên mười tám', [16, 18]],
  ['attendance', '16 trên tổng số 18 đảng viên', [16, 18]],
  ['attendance', 'tổng số 18, dự 16', [16, 18]],
  ['attendance', 'có mặt 16, vắng 2', [16, 18]],
  ['attendance', 'Có mặt 16 đ/c, vắng 2 đ/c', [16, 18]],
  ['attendance', '18/18 đủ', [18, 18]],
  ['attendance', '18/18 (100%)', [18, 18]],
  ['attendance', '18 / 18 đ/c, đạt 100%', [18, 18]],
  ['attendance', '16/18, vắng 1', 'refused'],
  ['attendance', '16/18 (95%)', 'refused'],
  ['attendance', '16-18', 'refused'],
  ['attendance', '16', 'refused'],
  ['attendance', '18/16', 'refused'],
  ['attendance', 'mười sáu', 'refused'],
  ['attendance', 'đủ cả', 'refused'],
  ['attendance', '16/18 và 2 khách mời', [16, 18]],
  ['none', 'Không có ạ', true],
  ['none', 'không có gì cả', true],
  ['none', 'Dạ không có', true],
  ['none', 'ko co a', true],
  ['none', 'không có ý kiến', true],
  ['none', 'ko có gì ạ', true],
  ['none', 'không có khó khăn gì ạ', true],
  ['none', 'chưa có gì ạ', true],
  ['none', 'hiện không có', true],
  ['none', 'k', true],
  ['none', 'Không.', true],
  ['none', 'không có đề xuất gì', true],
  ['none', 'không có kiến nghị đề xuất', true],
  ['none', 'Không có ý kiến đề xuất', true],
  ['none', 'không có gì để kiến nghị', true],
  ['none', 'khong', true],
  ['none', 'không có vướng mắc gì', true],
  ['none', 'Không có khó khăn vướng mắc gì', true],
  ['none', 'không có gương người tốt việc tốt', true],
  ['none', 'chưa phát hiện', true],
  ['none', 'Không có tiền', false],
  ['none', 'không có vốn', false],
  ['none', 'không có máy móc', false],
  ['none', 'người dân chưa đồng thuận', false],
  ['none', 'không có sự phối hợp', false],
  ['none', 'chưa có giống cây', false],
  ['none', 'ko có chỗ sinh hoạt', false],
  ['none', 'không có người làm', false],
  ['none', 'thiếu nước tưới', false],
  ['none', 'đường xá đi lại khó khăn', false],
  ['none', 'không ai đến dự', false],
  ['none', 'không nhiệt tình', false],
  ['yesno', 'có ạ', true],
  ['yesno', 'Dạ có', true],
  ['yesno', 'có sinh hoạt chuyên đề', true],
  ['yesno', 'đã tổ chức', true],
  ['yesno', 'dạ đã sinh hoạt chuyên đề rồi ạ', true],
  ['yesno', 'Có tổ chức ạ', true],
  ['yesno', 'ok ạ', true],
  ['yesno', 'co roi a', true],
  ['yesno', 'ừ', true],
  ['yesno', 'dạ', true],
  ['yesno', 'có 1 cuộc', true],
  ['yesno', 'không ạ', false],
  ['yesno', 'không có ạ', false],
  ['yesno', 'chưa tổ chức ạ', false],
  ['yesno', 'tháng này không tổ chức', false],
  ['yesno', 'không có chuyên đề', false],
  ['yesno', 'Chưa', false],
  ['yesno', 'k ạ', false],
  ['yesno', 'ko có', false],
  ['yesno', 'không rõ', null],
  ['yesno', 'chắc là có', null],
  ['yesno', 'để em xem lại', null],
  ['skip', 'bỏ qua ạ', true],
  ['skip', 'Bỏ qua câu này', true],
  ['skip', 'bo', true],
  ['skip', 'qua câu tiếp', true],
  ['skip', 'tiếp theo', true],
  ['skip', 'bỏ qua nhé!', true],
  ['skip', 'không', false],
  ['back', 'quay lại ạ', true],
  ['back', 'Quay lại câu trước', true],
  ['back', 'lùi lại 1 câu', true],
  ['back', 'quay lai cau truoc', true],
  ['back', 'về câu trước nhé', true],
  ['back', 'quay lại', true],
  ['back', 'trở lại', true],
  ['back', 'lại', false],
  ['done', 'xong rồi', true],
  ['done', 'Đã gửi xong', true],
  ['done', 'hết rồi nhé', true],
  ['done', 'không có ảnh ạ', true],
  ['done', 'ko có hình ảnh', true],
  ['done', 'Xong.', true],
  ['done', 'gửi hết rồi', true],
  ['done', 'đã gửi hết ảnh', true],
  ['done', 'chưa xong', false],
  ['count', 'Báo cáo đồng chí, tháng này chi bộ sinh hoạt 1 cuộc', 1],
  ['count', 'e báo cáo: 2 cuộc', 2],
  ['count', '2 cuộc ạ, 1 thường kỳ 1 chuyên đề', 'refused'],
  ['count', '1 cuộc ( thường kỳ )', 1],
  ['count', 'Hai cuôc', 2],
  ['count', 'hai cuộcc', 'refused'],
  ['count', 'hai buổi sinh hoạt', 2],
  ['count', '1 lần/tháng', 1],
  ['count', 'SH 1 lần', 1],
  ['count', '2 hoạt động ạ', 2],
  ['count', 'có 3 hđ', 3],
  ['count', '3 hd', 3],
  ['count', '3 hoạt động: trồng cây, dọn vệ sinh, họp', 'refused'],
  ['count', 'tổng số 150 lượt người tham gia', 150],
  ['count', '150 lượt ng', 150],
  ['count', '150 luot', 150],
  ['count', 'Khoảng 150 người tham gia ạ.', 150],
  ['count', 'trên 200 lượt người', 200],
  ['count', 'hơn hai trăm người', 200],
  ['count', 'gần một trăm', 100],
  ['count', 'tầm năm chục', 50],
  ['count', 'cả thôn tham gia', 'refused'],
  ['count', 'toàn bộ hộ dân', 'refused'],
  ['count', '100%', 'refused'],
  ['count', 'ko có', 0],
  ['count', 'Khong co', 0],
  ['count', 'chưa có hoạt động', 0],
  ['count', 'không tổ chức hoạt động nào', 0],
  ['count', 'k có hđ', 0],
  ['count', '0 hoạt động', 0],
  ['count', 'không có lượt nào', 0],
  ['count', 'chưa triển khai được', 0],
  ['count', 'không, do dịch', 0],
  ['count', 'ba mươi', 30],
  ['count', 'bốn chục', 40],
  ['count', 'mười sáu', 16],
  ['count', 'mười chín người', 19],
  ['count', 'hai mươi hai', 22],
  ['count', 'hai hai', 'refused'],
  ['count', '2 2', 'refused'],
  ['count', '22', 22],
  ['count', '2 cuộc.', 2],
  ['count', '2 cuộc...', 2],
  ['count', '2 cuộc !!!', 2],
  ['count', '2 cuộc?', 'refused'],
  ['count', '"2"', 2],
  ['count', '*2*', 2],
  ['count', '#2', 2],
  ['attendance', '14/15 đ/c tham gia', [14, 15]],
  ['attendance', '14/15 đ/c tham gia sinh hoạt', [14, 15]],
  ['attendance', 'có 14/15 đv dự họp', [14, 15]],
  ['attendance', '14 đv/15 đv', [14, 15]],
  ['attendance', '14 / tổng số 15', [14, 15]],
  ['attendance', '14 trên 15 đồng chí', [14, 15]],
  ['attendance', '14 tren 15 dv', [14, 15]],
  ['attendance', 'mười bốn / mười lăm', [14, 15]],
  ['attendance', 'Dự họp: 14/15 đ/c, vắng: 1 đ/c (có lý do)', [14, 15]],
  ['attendance', '14/15 (1 đ/c ốm)', [14, 15]],
  ['attendance', '14/15, 1 vắng', [14, 15]],
  ['attendance', '14/15 đ/c. Vắng 1 đ/c có lý do', [14, 15]],
  ['attendance', '14/15 - vắng 1', [14, 15]],
  ['attendance', '14/15 đạt 93,3%', [14, 15]],
  ['attendance', '14/15 tỷ lệ 93%', [14, 15]],
  ['attendance', '15/15 đạt 100%', [15, 15]],
  ['attendance', 'tổng số 15 đ/c, dự 14 đ/c, vắng 1 đ/c', [14, 15]],
  ['attendance', 'dự 14, tổng 15', [14, 15]],
  ['attendance', '14/15 vắng 2', 'refused'],
  ['attendance', '14/15 đạt 80%', 'refused'],
  ['attendance', 'khoảng 14/15', [14, 15]],
  ['attendance', '14 hoặc 15 / 15', 'refused'],
  ['attendance', '14,15', 'refused'],
  ['attendance', '14 15', 'refused'],
  ['none', 'Không có gì ạ.', true],
  ['none', 'không có ý kiến gì thêm', true],
  ['none', 'ko co kien nghi', true],
  ['none', 'không có đề xuất kiến nghị gì', true],
  ['none', 'K có', true],
  ['none', 'hong co', true],
  ['none', 'Khg co', true],
  ['none', 'chưa có ạ', true],
  ['none', 'Dạ chưa', true],
  ['none', 'không có khó khăn', true],
  ['none', 'Không có khó khăn, vướng mắc', true],
  ['none', 'không có gì khó khăn', true],
  ['none', 'Không có gương nào nổi bật', true],
  ['none', 'không có vướng mắc gì ạ', true],
  ['none', 'không có', true],
  ['none', 'không có kinh phí hoạt động', false],
  ['none', 'không có nguồn vốn', false],
  ['none', 'chưa có quy hoạch', false],
  ['none', 'không có cây giống', false],
  ['none', 'không có ai hướng dẫn', false],
  ['none', 'không khó khăn gì nhưng thiếu kinh phí', false],
  ['none', 'Thiếu', false],
  ['none', 'khó khăn về kinh phí', false],
  ['none', 'đề nghị cấp trên hỗ trợ', false],
  ['yesno', 'Có.', true],
  ['yesno', 'có nha', true],
  ['yesno', 'Co a', true],
  ['yesno', 'dạ có, chuyên đề về học tập và làm theo Bác', true],
  ['yesno', 'Đã tổ chức', true],
  ['yesno', 'rồi nhé', true],
  ['yesno', 'ok nhé', true],
  ['yesno', 'vang a', true],
  ['yesno', 'không có ạ.', false],
  ['yesno', 'Chưa có', false],
  ['yesno', 'dạ không ạ', false],
  ['yesno', 'tháng này chưa tổ chức ạ', false],
  ['yesno', 'chưa, tháng sau tổ chức', false],
  ['yesno', 'không, vì bận mùa vụ', false],
  ['yesno', 'hổng có', false],
  ['yesno', 'sắp', null],
  ['yesno', 'đang chuẩn bị', null],
  ['skip', 'bỏ qua câu này nhé', true],
  ['skip', 'Bỏ qua ạ.', true],
  ['skip', 'bỏqua', true],
  ['skip', 'thôi bỏ qua', true],
  ['skip', 'skip', true],
  ['skip', 'để sau nhé', true],
  ['back', 'Quay lại câu trước ạ', true],
  ['back', 'quay lai', true],
  ['back', 'trở lại câu trước', true],
  ['back', 'lùi', true],
  ['back', 'lui lại 1 câu', true],
  ['back', 'nhập sai, quay lại', true],
  ['done', 'Xong ạ', true],
  ['done', 'xong rồi ạ', true],
  ['done', 'đã gửi hết', true],
  ['done', 'hết ảnh', true],
  ['done', 'k có ảnh', true],
  ['done', 'không có ảnh nào', true],
  ['done', 'gửi xong rồi nhé', true],
  ['done', 'xong!', true],
];
for (const [fn, input, expect, max] of SECOND) {
  const kind = `second round: ${fn}`;
  if (fn === 'count') cases.push({ kind, fn, input, max: max ?? PEOPLE, expect: expect as number | 'refused' | 'negative' | 'too_large' });
  else if (fn === 'attendance') cases.push({ kind, fn, input, max: MEMBERS, expect: expect as readonly [number, number] | 'refused' });
  else if (fn === 'yesno') cases.push({ kind, fn, input, expect: expect as boolean | null });
  else cases.push({ kind, fn, input, expect: expect as boolean });
}

export const ANSWER_CORPUS: readonly CorpusCase[] = cases;
