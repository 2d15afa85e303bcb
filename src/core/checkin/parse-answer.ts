import { foldVietnamese } from '../text.js';

/**
 * Reads what a secretary types, the way they type it on a phone: digits (any script, full-width
 * too) or number words, with or without diacritics ("2", "hai", "2 cuộc", "hai cuoc", "hai tư",
 * "băm hai", "một trăm lẻ hai"); "17/19", "17 trên 19", "có mặt 15, vắng 1"; "không", "ko", "k có"
 * for none. A result says either what was meant or why it was refused: anything ambiguous ("3 – 4",
 * "ba bốn buổi", "mấy cuộc") is refused rather than guessed, since a re-prompt costs one message and
 * a wrong figure goes into every report above.
 */
export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: 'unreadable' | 'negative' | 'too_large' | 'present_above_total' | 'zero_total' };

/** Longer than any answer to a short question: read as "not this kind", without looking further. */
const MAX_SHORT_ANSWER = 300;

// ── Folding and tokens ───────────────────────────────────────────────────────────────────────────

/**
 * Folds an answer for reading: compatibility forms (full-width "２", "／", mathematical digits) to
 * plain ones, digits of any script to ASCII, dashes to "-", then Vietnamese folding (no
 * diacritics, "đ" → "d", lower case, invisible characters gone).
 */
function fold(input: string): string {
  const compatible = input
    .normalize('NFKC')
    .replace(/\p{Nd}/gu, asciiDigit)
    .replace(/[\u2010-\u2015\u2212\ufe58\ufe63]/g, '-')
    .replace(/[\u2044\u2215]/g, '/');
  return foldVietnamese(compatible);
}

/** A decimal digit of any script as its ASCII digit: Unicode keeps each script's 0–9 in one run. */
function asciiDigit(digit: string): string {
  if (digit >= '0' && digit <= '9') return digit;
  let code = digit.codePointAt(0)!;
  let offset = 0;
  while (offset < 60 && /\p{Nd}/u.test(String.fromCodePoint(code - 1))) {
    code -= 1;
    offset += 1;
  }
  return String(offset % 10);
}

/** A number written in digits, a word (phrases joined with "_"), or one symbol that matters. */
type Token = { kind: 'num'; value: number } | { kind: 'word'; text: string } | { kind: 'sym'; text: string };

const TOKEN = /\d+(?:\.\d{3})+(?!\d)|\d+|[\p{L}\p{M}]+|[/\\%\-+~<>=(),;:?&[\].!…]/gu;

/** Multi-word terms read as one word; the longest match wins. */
const PHRASES = new Map<string, string>(
  [
    // Units and the words of the questions around a number.
    'chi bo', 'sinh hoat', 'to chuc', 'thuong ky', 'chuyen de', 'tham gia', 'tham du', 'co mat', 'trien khai', 'thuc hien',
    'hoat dong', 'dong chi', 'dang vien', 'doan vien', 'hoi vien', 'thanh vien', 'ba con', 'nhan dan', 'nguoi dan', 'ho dan',
    'gia dinh', 'ho gia dinh', 'quan chung', 'can bo', 'hoi nghi', 'cuoc hop', 'buoi hop', 'luot nguoi', 'tong cong', 'tong so',
    'tat ca', 'thang nay', 'ky nay', 'dot nay', 'nam nay', 'vua qua', 'tro len', 'tren duoi', 'xap xi', 'uoc tinh', 'uoc chung',
    'it nhat', 'toi thieu', 'toi da', 'so luong', 'hien tai', 'hien gio', 'tam thoi', 'phu nu', 'thanh nien', 'hoc sinh',
    'cuu chien binh', 'nong dan', 'cu tri', 'doan the', 'mo hinh', 'hoc tap', 'lam theo', 'cam on', 'bao cao', 'day du',
    'si so', 'vang mat', 'mien sinh hoat', 'trong so', 'tren tong so', 'trong tong so', 'tren tong', 'ly do', 'co phep',
    'khong phep', 'co ly do', 'khong ly do', 'dang uy', 'chi uy', 'bi thu', 'moi thang',
    // Vague amounts: never a number.
    'mot so', 'mot vai', 'mot it', 'tong hop', 'thong ke', 'hang chuc', 'hang tram', 'hang nghin', 'vai chuc', 'may chuc',
    'vai tram', 'may tram', 'phat hien', 'ghi nhan', 'ty le', 'boi vi', 'tai vi', 'vi ly do',
    // What "nothing" is about, and the words that close or skip.
    'y kien', 'de xuat', 'kien nghi', 'kho khan', 'vuong mac', 'van de', 'guong', 'dien hinh', 'truong hop', 'dac biet',
    'phat sinh', 'noi bat', 'nguoi tot viec tot', 'nguoi tot , viec tot', 'viec tot', 'nguoi tot', 'moi viec', 'moi thu',
    'thuan loi', 'binh thuong', 'on dinh', 'hinh anh', 'gui anh', 'cau nay', 'cau truoc', 'cau tren', 'cau hoi truoc', 'cau hoi nay', 'cau hoi',
    'cau sau', 'cau tiep', 'cau tiep theo', 'cau khac', 'quay lai', 'lui lai', 'tro lai', 'quay ve', 'tro ve', 'bo qua',
    'tiep tuc', 'tiep theo', 'de sau', 'cho qua', 'the thoi', 'vay thoi', 'chi co vay', 'chi vay thoi', 'dung vay', 'dung roi',
    'dung the', 'dong y', 'khong phai', 'co le', 'co the', 'khong biet', 'chua biet', 'khong nho', 'khong ro', 'chua ro',
    'hinh nhu', 'nhac lai sau', 'nhac sau', 'lat nua', 'chut nua', 'bat dau', 'gui di', 'gui bao cao', 'nop bao cao', 'xac nhan',
  ].map((phrase) => [phrase, phrase.replace(/ , /g, ' ').replace(/ /g, '_')]),
);
const LONGEST_PHRASE = 5;
/** The first word of every phrase: most words start none, and are passed over at once. */
const PHRASE_STARTS = new Set([...PHRASES.keys()].map((phrase) => phrase.split(' ')[0]!));

/** Tokens of a folded answer, with known phrases joined. */
function tokenize(folded: string): Token[] {
  const raw: Token[] = [];
  for (const match of folded.matchAll(TOKEN)) {
    const text = match[0];
    const first = text.charCodeAt(0);
    if (first >= 48 && first <= 57) {
      // Longer than any count: kept as a number no reader accepts (not a safe integer).
      raw.push({ kind: 'num', value: text.length > 15 ? Number.POSITIVE_INFINITY : Number(text.replace(/\./g, '')) });
    } else if (text.length > 1 || /[\p{L}\p{M}]/u.test(text)) raw.push({ kind: 'word', text });
    else raw.push({ kind: 'sym', text });
  }
  const tokens: Token[] = [];
  for (let i = 0; i < raw.length; ) {
    const token = raw[i]!;
    let joined: string | undefined;
    let used = 1;
    if (token.kind === 'word' && PHRASE_STARTS.has(token.text)) {
      // The longest phrase that starts here ("người tốt, việc tốt" keeps its comma).
      let key = token.text;
      for (let n = 2; n <= LONGEST_PHRASE && i + n - 1 < raw.length; n += 1) {
        const next = raw[i + n - 1]!;
        if (next.kind === 'num' || (next.kind === 'sym' && next.text !== ',')) break;
        key += ` ${next.text}`;
        const found = PHRASES.get(key);
        if (found !== undefined) [joined, used] = [found, n];
      }
    }
    tokens.push(joined !== undefined ? { kind: 'word', text: joined } : token);
    i += used;
  }
  return tokens;
}

const isWord = (token: Token | undefined, ...words: string[]): boolean => token?.kind === 'word' && words.includes(token.text);
const isSym = (token: Token | undefined, ...symbols: string[]): boolean => token?.kind === 'sym' && symbols.includes(token.text);

/** Particles, politeness and interjections: never part of the meaning of a short answer. */
const PARTICLES = new Set([
  'a', 'e', 'ah', 'ak', 'ha', 'da', 'nhe', 'nha', 'nhen', 'ne', 'nhi', 'oi', 'thoi', 'luon', 'vay', 'day', 'em', 'toi',
  'minh', 'chi', 'thua', 'cam_on', 'xin', 'vang', 'di', 'cho', 'voi', 'nhaa', 'hihi', 'hi', 'ok', 'oke', 'okie', 'oki',
  'okay', 'bac', 'chu', 'dongchi', 'dong_chi',
]);

// ── Numbers ──────────────────────────────────────────────────────────────────────────────────────

const DIGITS: Record<string, number> = {
  khong: 0, mot: 1, hai: 2, ba: 3, bon: 4, tu: 4, nam: 5, lam: 5, nham: 5, sau: 6, bay: 7, tam: 8, chin: 9,
};
/** After a bare tens digit these can only be its unit: "hai mốt" 21, "ba tư" 34, "bốn lăm" 45, "năm nhăm" 55. */
const UNIT_AFTER_DIGIT: Record<string, number> = { mot: 1, tu: 4, lam: 5, nham: 5 };
const SCALES: readonly (readonly [readonly string[], number])[] = [
  [['ty'], 1e9],
  [['trieu'], 1e6],
  [['nghin', 'ngan'], 1e3],
];
/** Words that are a number wherever they stand. */
const NUMBER_WORDS = new Set(['mot', 'hai', 'ba', 'bon', 'nam', 'sau', 'bay', 'tam', 'chin', 'muoi', 'chuc', 'tram', 'nghin', 'ngan', 'trieu', 'ty', 'ham', 'bam']);
/** Words that are a number only inside one ("mười lăm", "trăm lẻ hai", "trăm rưỡi"); elsewhere "làm", "từ", "lẻ". */
const NUMBER_WORDS_INSIDE = new Set(['tu', 'lam', 'nham', 'le', 'linh', 'ruoi']);

type NumberPart = string | number;

/** A digit word (or a one-digit number), or null. */
function digitOf(part: NumberPart | undefined): number | null {
  if (typeof part === 'number') return part <= 9 ? part : null;
  return part !== undefined && Object.hasOwn(DIGITS, part) ? DIGITS[part]! : null;
}

/** A whole run of number words and digits as one number, or null when it is not one ("hai ba", "ba bốn"). */
function readNumberParts(parts: readonly NumberPart[]): number | null {
  return readScaled(parts, 0);
}

function readScaled(parts: readonly NumberPart[], level: number): number | null {
  if (level === SCALES.length) return readHundreds(parts);
  const [names, multiplier] = SCALES[level]!;
  const at = parts.findIndex((p) => typeof p === 'string' && names.includes(p));
  if (at < 0) return readScaled(parts, level + 1);
  const head = parts.slice(0, at);
  const lead = head.length === 0 ? 1 : head.length === 1 && typeof head[0] === 'number' ? head[0] : readScaled(head, level + 1);
  if (lead === null || lead === 0) return null;
  const rest = readRemainder(parts.slice(at + 1), multiplier, (tail) => readScaled(tail, level + 1));
  return rest === null ? null : lead * multiplier + rest;
}

function readHundreds(parts: readonly NumberPart[]): number | null {
  const at = parts.indexOf('tram');
  if (at < 0) return readTens(parts);
  const head = parts.slice(0, at);
  const lead = head.length === 0 ? 1 : head.length === 1 ? digitOf(head[0]) : null;
  if (lead === null) return null;
  const rest = readRemainder(parts.slice(at + 1), 100, readTens);
  return rest === null ? null : lead * 100 + rest;
}

/** What follows "trăm"/"nghìn": nothing, "rưỡi" (half), "lẻ/linh" and a digit, one digit word (a tenth: "trăm hai" 120), or a smaller number. */
function readRemainder(tail: readonly NumberPart[], multiplier: number, below: (parts: readonly NumberPart[]) => number | null): number | null {
  if (tail.length === 0) return 0;
  if (tail.length === 1 && tail[0] === 'ruoi') return multiplier / 2;
  if (tail[0] === 'le' || tail[0] === 'linh') {
    const digit = tail.length === 2 ? digitOf(tail[1]) : null;
    return digit !== null && digit > 0 ? digit : null;
  }
  if (tail.length === 1 && typeof tail[0] === 'string') {
    const digit = digitOf(tail[0]);
    if (digit !== null && digit > 0) return (digit * multiplier) / 10;
  }
  const value = below(tail);
  return value !== null && value < multiplier ? value : null;
}

function readTens(parts: readonly NumberPart[]): number | null {
  const [first, second] = parts;
  if (parts.length === 1) {
    if (typeof first === 'number') return first;
    if (first === 'muoi' || first === 'chuc') return 10;
    if (first === 'ham') return 20;
    if (first === 'bam') return 30;
    return first !== undefined && !NUMBER_WORDS_INSIDE.has(first) ? digitOf(first) : null;
  }
  let tens: number;
  let used: number;
  let byChuc = false;
  if (first === 'muoi' || first === 'chuc') [tens, used, byChuc] = [10, 1, first === 'chuc'];
  else if (first === 'ham') [tens, used] = [20, 1];
  else if (first === 'bam') [tens, used] = [30, 1];
  else {
    const digit = digitOf(first);
    if (digit === null || (typeof first === 'string' && NUMBER_WORDS_INSIDE.has(first))) return null;
    if (second === 'muoi' && digit >= 2) [tens, used] = [digit * 10, 2];
    else if (second === 'chuc' && digit >= 1) [tens, used, byChuc] = [digit * 10, 2, true];
    else if (parts.length === 2 && typeof first === 'string' && digit >= 2 && typeof second === 'string' && Object.hasOwn(UNIT_AFTER_DIGIT, second)) {
      return digit * 10 + UNIT_AFTER_DIGIT[second]!;
    } else return null;
  }
  if (used === parts.length) return tens;
  if (used !== parts.length - 1) return null;
  const unit = parts[used]!;
  if (unit === 'ruoi') return byChuc ? tens + 5 : null;
  if (typeof unit !== 'string') return null;
  const digit = digitOf(unit);
  return digit !== null && digit > 0 ? tens + digit : null;
}

/**
 * The numbers in an answer: each run of digits and number words read as one. `bad` when a run
 * is not a number ("hai ba", "ba bốn") or is too long to be a count.
 */
function readNumbers(tokens: readonly Token[]): { values: number[]; bad: boolean; used: Set<number> } {
  const values: number[] = [];
  const used = new Set<number>();
  let bad = false;
  let run: NumberPart[] = [];
  let runAt: number[] = [];
  const flush = () => {
    if (run.length === 0) return;
    let value = readNumberParts(run);
    // "tầm 40", "tầm hai chục": «tầm» (about) folds like «tám» (eight).
    if (value === null && run[0] === 'tam' && run.length > 1) value = readNumberParts(run.slice(1));
    if (value === null || !Number.isSafeInteger(value)) bad = true;
    else values.push(value);
    for (const i of runAt) used.add(i);
    run = [];
    runAt = [];
  };
  tokens.forEach((token, i) => {
    const next = tokens[i + 1];
    if (token.kind === 'num') {
      // "tầm 40": «tầm» (about) folds like «tám» (eight).
      if (run.length === 1 && run[0] === 'tam') {
        used.add(runAt[0]!);
        run = [];
        runAt = [];
      }
      // A digit group right after another number ("2 3", "2 2", "hai 2") is ambiguous (two
      // answers, or "22" split?), unless a scale word joins them ("hai trăm 5"? no: refused too).
      if (run.length > 0) bad = true;
      run.push(token.value);
      runAt.push(i);
      return;
    }
    if (token.kind === 'word') {
      const w = token.text;
      const inside = run.length > 0;
      if (NUMBER_WORDS.has(w) || (inside && NUMBER_WORDS_INSIDE.has(w)) || (w === 'khong' && isWord(next, 'tram'))) {
        // A digit word right after a digit group ("2 hai") is two numbers side by side: ambiguous.
        // A scale after digits is one number ("2 trăm", "15 nghìn").
        if (inside && typeof run.at(-1) === 'number' && !['tram', 'nghin', 'ngan', 'trieu', 'ty', 'muoi', 'chuc'].includes(w)) bad = true;
        run.push(w);
        runAt.push(i);
        return;
      }
    }
    flush();
  });
  flush();
  return { values, bad, used };
}

/** Numbers that are dates or months, not answers: "ngày 5/11", "15/11/2026", "tháng 11", "năm 2026". */
function stripDates(folded: string, loose: boolean): string {
  let text = folded
    .replace(/\bngay\s*\d{1,2}\s*[/.-]\s*\d{1,2}(?:\s*[/.-]\s*\d{2,4})?\b/g, ' ')
    .replace(/\b\d{1,2}\s*\/\s*\d{1,2}\s*\/\s*\d{4}\b/g, ' ');
  if (loose) text = text.replace(/\bngay\s*\d{1,2}\b/g, ' ').replace(/\bthang\s*\d{1,2}(?:\s*\/\s*\d{4})?\b/g, ' ').replace(/\bnam\s*(?:19|20)\d\d\b/g, ' ');
  return text;
}

/** "đ/c" and "đ.c" (đồng chí) carry a slash or a dot of their own. */
function withoutComradeSlash(folded: string): string {
  return folded.replace(/(^|[^\p{L}])d\s*[/.]\s*c(?![\p{L}\d])/gu, '$1 dongchi ');
}

/** "1,5" and "1.5" are not whole numbers (and never 15); "1.640" is one thousand six hundred and forty. */
function hasDecimal(folded: string): boolean {
  if (/\d,\d/.test(folded)) return true;
  for (const dotted of folded.match(/\d+(?:\.\d+)+/g) ?? []) if (!/^\d{1,3}(\.\d{3})+$/.test(dotted)) return true;
  return false;
}

/** Negation: "không" and its short forms, "chưa", "chẳng". */
const NEGATIONS = new Set(['khong', 'ko', 'k', 'kg', 'khg', 'kh', 'hok', 'hong', 'hk', 'khum', 'hem', 'khog', 'kog', 'khonq', 'chua', 'chang', 'cha', 'none', 'no']);

/** "because": what follows a refusal explains it ("không tổ chức được vì mưa bão"). */
const BECAUSE = new Set(['vi', 'boi', 'boi_vi', 'tai_vi', 'vi_ly_do', 'nen', 'do', 'tai']);

/** The tokens before a reason that follows a negation: the reason says why, not how many. */
function withoutReason<T extends Token | string>(tokens: readonly T[]): T[] {
  const word = (t: T) => (typeof t === 'string' ? t : t.kind === 'word' ? t.text : '');
  const negation = tokens.findIndex((t) => NEGATIONS.has(word(t)));
  if (negation < 0) return [...tokens];
  const reason = tokens.findIndex((t, i) => i > negation && BECAUSE.has(word(t)));
  return reason < 0 ? [...tokens] : tokens.slice(0, reason);
}

/** Words that may stand around a count without changing it: units, the question's verbs, "about". */
const COUNT_FILLERS = new Set([
  ...PARTICLES, 'chung', 'dan', 'sh', 'tc', 'hd', 'shcb', 'co', 'duoc', 'dc', 'dk', 'la', 'gom', 'tong', 'so', 'ca', 'deu', 'moi', 'vao', 'ngay', 'tai', 'o', 'trong', 'khoang',
  'hon', 'tren', 'gan', 'duoi', 'uoc', 'do', 'thang', 'ky', 'dot', 'nay', 'hien', 'cuoc', 'buoi', 'lan', 'luot', 'nguoi', 'ng',
  'ho', 'dv', 'dongchi', 'hop', 'du', 'dat', 'chinh', 'cua', 'roi', 'r', 'phien', 'chuyen', 'lop', 'em', 'chau', 'vien', 'tat',
  'chi_bo', 'sinh_hoat', 'to_chuc', 'thuong_ky', 'chuyen_de', 'tham_gia', 'tham_du', 'co_mat', 'trien_khai', 'thuc_hien',
  'hoat_dong', 'dong_chi', 'dang_vien', 'doan_vien', 'hoi_vien', 'thanh_vien', 'ba_con', 'nhan_dan', 'nguoi_dan', 'ho_dan',
  'gia_dinh', 'ho_gia_dinh', 'quan_chung', 'can_bo', 'hoi_nghi', 'cuoc_hop', 'buoi_hop', 'luot_nguoi', 'tong_cong', 'tong_so',
  'tat_ca', 'thang_nay', 'ky_nay', 'dot_nay', 'nam_nay', 'vua_qua', 'tro_len', 'tren_duoi', 'xap_xi', 'uoc_tinh', 'uoc_chung',
  'it_nhat', 'toi_thieu', 'toi_da', 'so_luong', 'hien_tai', 'tam_thoi', 'phu_nu', 'thanh_nien', 'hoc_sinh', 'cuu_chien_binh',
  'nong_dan', 'cu_tri', 'doan_the', 'ty_le', 'mo_hinh', 'hoc_tap', 'lam_theo', 'bao_cao', 'dang_uy', 'chi_uy', 'moi_thang', 'lam',
]);
/** Besides fillers, what may follow a negation to say "none held": "chưa có cuộc nào", "không ai tham gia". */
const ZERO_WORDS = new Set(['nao', 'ai', 'gi', 'j', 'het', 'kip', 'ca']);
/** Symbols that only separate or approximate ("~30", "30+", "tổng = 30"). */
const QUIET_SYMBOLS = new Set(['+', '~', '<', '>', '=', ':', '(', ')', '[', ']', ',', ';', '&', '\\', '.', '!', '…']);

/** A whole non-negative count, at most `max`; "none" said to a count ("ko tổ chức", "chưa có cuộc nào") is 0. */
export function parseCount(input: string, max: number): Parsed<number> {
  if (input.length > MAX_SHORT_ANSWER) return { ok: false, reason: 'unreadable' };
  const folded = withoutComradeSlash(fold(input));
  if (hasDecimal(folded) || folded.includes('%')) return { ok: false, reason: 'unreadable' };
  const loose = stripDates(folded, true);
  let read = readCount(loose);
  // "trong tháng 2 cuộc": a month number that is the only number was the answer.
  if (read === 'none') {
    const strict = stripDates(folded, false);
    if (strict !== loose) read = readCount(strict);
  }
  if (read === 'none' || read === 'unreadable') return { ok: false, reason: 'unreadable' };
  if (read === 'negative') return { ok: false, reason: 'negative' };
  if (read > max) return { ok: false, reason: 'too_large' };
  return { ok: true, value: read };
}

function readCount(folded: string): number | 'none' | 'unreadable' | 'negative' {
  const tokens = withoutReason(tokenize(folded));
  for (let i = 0; i < tokens.length; i += 1) {
    const next = tokens[i + 1];
    const startsNumber = next?.kind === 'num' || (next?.kind === 'word' && NUMBER_WORDS.has(next.text));
    if (isSym(tokens[i], '-') && next?.kind === 'num' && tokens[i - 1]?.kind !== 'num' && !(tokens[i - 1]?.kind === 'word' && NUMBER_WORDS.has((tokens[i - 1] as { text: string }).text))) return 'negative';
    if (isWord(tokens[i], 'am') && startsNumber) return 'negative';
    // "15/16" is attendance, "1/2" a fraction: not a count.
    if (isSym(tokens[i], '/') && tokens[i - 1]?.kind === 'num' && next?.kind === 'num') return 'unreadable';
    if (isSym(tokens[i], '?')) return 'unreadable';
  }
  const { values, bad, used } = readNumbers(tokens);
  if (bad) return 'unreadable';
  let negated = false;
  for (let i = 0; i < tokens.length; i += 1) {
    if (used.has(i)) continue;
    const token = tokens[i]!;
    if (token.kind === 'sym') {
      if (QUIET_SYMBOLS.has(token.text) || token.text === '-' || token.text === '/') continue;
      return 'unreadable';
    }
    if (token.kind !== 'word') continue;
    if (NEGATIONS.has(token.text)) negated = true;
    else if (!COUNT_FILLERS.has(token.text) && !(ZERO_WORDS.has(token.text) && values.length === 0)) return 'unreadable';
  }
  if (values.length === 0) return negated ? 0 : 'none';
  const [first] = values;
  if (!values.every((v) => v === first)) return 'unreadable';
  // "không quá 20": a negation beside a number other than 0 is not a count.
  if (negated && first !== 0) return 'unreadable';
  return first!;
}

// ── Attendance ───────────────────────────────────────────────────────────────────────────────────

const PAIR_SEPARATORS = new Set(['/', '\\', 'tren', 'trong', 'trong_so', 'tren_tong_so', 'trong_tong_so', 'tren_tong', 'cua']);
const MEMBER_UNITS = new Set(['dongchi', 'dong_chi', 'dv', 'dang_vien', 'nguoi', 'ng', 'dc', 'thanh_vien']);
const PRESENT_LABELS = new Set(['co_mat', 'du', 'tham_du', 'tham_gia']);
const TOTAL_LABELS = new Set(['tong', 'tong_so', 'si_so', 'tong_cong', 'tat_ca']);
const ABSENT_LABELS = new Set(['vang', 'vang_mat', 'nghi', 'mien', 'mien_sinh_hoat']);

/**
 * Members present of the total: "17/19", "17 trên 19", "có mặt 15/16 đ/c", "dự 15, vắng 1",
 * "tổng 16, dự 15", with notes that restate or explain the pair ("vắng 1 có lý do", "(100%)",
 * "= 94%"). A note that contradicts it ("15/16, vắng 3", "15/16 (90%)") or a second pair is refused.
 */
export function parseAttendance(input: string, max: number): Parsed<{ present: number; total: number }> {
  if (input.length > MAX_SHORT_ANSWER) return { ok: false, reason: 'unreadable' };
  // "đ/c" (đồng chí) carries a slash of its own.
  let folded = withoutComradeSlash(stripDates(fold(input), false));
  const percents: number[] = [];
  folded = folded.replace(/(\d+(?:[.,]\d+)?)\s*%/g, (_, value: string) => {
    percents.push(Number(value.replace(',', '.')));
    return ' ';
  });
  if (hasDecimal(folded)) return { ok: false, reason: 'unreadable' };
  const tokens = tokenize(folded);
  for (let i = 0; i < tokens.length; i += 1) {
    const before = tokens[i - 1];
    if (isSym(tokens[i], '-') && tokens[i + 1]?.kind === 'num' && before?.kind !== 'num') return { ok: false, reason: 'negative' };
    if (isWord(tokens[i], 'am') && tokens[i + 1]?.kind === 'num') return { ok: false, reason: 'negative' };
  }
  // Number words become numbers; a run that is not one ("hai ba") makes the answer unreadable.
  const numbers = readNumbers(tokens);
  if (numbers.bad) return { ok: false, reason: 'unreadable' };
  const items: Token[] = [];
  for (let i = 0, n = 0; i < tokens.length; i += 1) {
    if (!numbers.used.has(i)) items.push(tokens[i]!);
    else if (!numbers.used.has(i - 1)) items.push({ kind: 'num', value: numbers.values[n++]! });
  }
  const read = readPresentOfTotal(items, percents);
  if (read === null) return { ok: false, reason: 'unreadable' };
  const { present, total } = read;
  if (present > max || total > max) return { ok: false, reason: 'too_large' };
  if (total === 0) return { ok: false, reason: 'zero_total' };
  if (present > total) return { ok: false, reason: 'present_above_total' };
  return { ok: true, value: { present, total } };
}

function readPresentOfTotal(items: readonly Token[], percents: readonly number[]): { present: number; total: number } | null {
  const skipUnits = (from: number, step: 1 | -1): number => {
    let i = from;
    while (items[i]?.kind === 'word' && MEMBER_UNITS.has((items[i] as { text: string }).text)) i += step;
    return i;
  };
  const numAt = (i: number): number | null => (items[i]?.kind === 'num' ? (items[i] as { value: number }).value : null);
  const isSeparator = (i: number) => {
    const t = items[i];
    return (t?.kind === 'sym' || t?.kind === 'word') && PAIR_SEPARATORS.has(t.text);
  };

  // The first "present / total" pair, units allowed around the separator.
  let pair: { present: number; total: number; at: Set<number> } | null = null;
  for (let i = 0; i < items.length && pair === null; i += 1) {
    const present = numAt(i);
    if (present === null) continue;
    const sep = skipUnits(i + 1, 1);
    if (!isSeparator(sep)) continue;
    // "/ tổng số 16"
    let j = sep + 1;
    if (isWord(items[j], 'tong', 'tong_so')) j += 1;
    j = skipUnits(j, 1);
    const total = numAt(j);
    if (total === null) continue;
    // "15/16/17", "3/15/16": more than a pair.
    const after = skipUnits(j + 1, 1);
    if (isSym(items[after], '/', '\\') && numAt(after + 1) !== null) return null;
    if (isSym(items[i - 1], '/', '\\')) return null;
    pair = { present, total, at: new Set([i, j]) };
  }

  // Every other number is bound to a label beside it ("vắng 1", "1 đ/c vắng", "tổng 16"), or stands alone.
  const bound = new Map<number, 'present' | 'total' | 'absent'>();
  let conflict = false;
  items.forEach((item, i) => {
    if (item.kind !== 'word') return;
    const role = PRESENT_LABELS.has(item.text) ? 'present' : TOTAL_LABELS.has(item.text) ? 'total' : ABSENT_LABELS.has(item.text) ? 'absent' : null;
    if (role === null) return;
    let forward = i + 1;
    while (isSym(items[forward], ':', '=') || (items[forward]?.kind === 'word' && ['la', 'co', 'gom', 'duoc', 'dc', 'khoang'].includes((items[forward] as { text: string }).text))) forward += 1;
    const target = numAt(forward) !== null && !bound.has(forward) ? forward : numAt(skipUnits(i - 1, -1)) !== null ? skipUnits(i - 1, -1) : null;
    if (target === null) return;
    if (bound.has(target) && bound.get(target) !== role) conflict = true;
    bound.set(target, role);
  });
  if (conflict) return null;

  const consistent = (present: number, total: number): boolean =>
    total > 0 ? percents.every((p) => Math.abs((100 * present) / total - p) <= 1) : percents.length === 0;

  if (pair !== null) {
    const { present, total, at } = pair;
    let absent: number | null = null;
    for (let i = 0; i < items.length; i += 1) {
      const value = numAt(i);
      if (value === null || at.has(i)) continue;
      // A second pair that is not the same one: two answers.
      if (isSym(items[skipUnits(i + 1, 1)], '/', '\\') || isSym(items[skipUnits(i - 1, -1)], '/', '\\')) {
        const other = numAt(skipUnits(skipUnits(i + 1, 1) + 1, 1));
        if (!(value === present && other === total)) return null;
        i = skipUnits(skipUnits(i + 1, 1) + 1, 1);
        continue;
      }
      const role = bound.get(i);
      if (role === 'absent') absent = (absent ?? 0) + value;
      else if (role === 'present' && value !== present) return null;
      else if (role === 'total' && value !== total) return null;
      else if (role === undefined && value !== present && value !== total && value !== total - present) return null;
    }
    if (absent !== null && absent !== total - present) return null;
    return consistent(present, total) ? { present, total } : null;
  }

  // No pair: labelled numbers only ("có mặt 15, vắng 1", "tổng 16, dự 15").
  const roles: Record<'present' | 'total' | 'absent', number[]> = { present: [], total: [], absent: [] };
  for (let i = 0; i < items.length; i += 1) {
    const value = numAt(i);
    if (value === null) continue;
    const role = bound.get(i);
    if (role === undefined) return null;
    roles[role].push(value);
  }
  if (roles.present.length > 1 || roles.total.length > 1) return null;
  const absent = roles.absent.length > 0 ? roles.absent.reduce((a, b) => a + b, 0) : null;
  const [present] = roles.present;
  const [total] = roles.total;
  let result: { present: number; total: number } | null = null;
  if (present !== undefined && total !== undefined) result = absent === null || absent === total - present ? { present, total } : null;
  else if (present !== undefined && absent !== null) result = { present, total: present + absent };
  else if (total !== undefined && absent !== null) result = total >= absent ? { present: total - absent, total } : null;
  return result !== null && consistent(result.present, result.total) ? result : null;
}

// ── Phrases: none, yes/no, skip, back, done ──────────────────────────────────────────────────────

/** Emoji and pictographs that answer on their own. */
const YES_SIGNS = /[\u{1F44D}\u{1F44C}\u{2705}\u{2714}\u{2611}\u{1F197}\u{1F646}\u{1F64B}]/u;
const NO_SIGNS = /[\u{1F44E}\u{274C}\u{2716}\u{1F6AB}\u{26D4}\u{1F645}\u{274E}]/u;

/** Words of a short answer, folded, without particles; null when it is too long to be one. */
function wordsOf(input: string, keepParticles = false): { words: string[]; clauses: string[][]; symbols: string[] } | null {
  if (input.length > MAX_SHORT_ANSWER) return null;
  const folded = withoutComradeSlash(fold(input));
  const tokens = tokenize(folded);
  const clauses: string[][] = [[]];
  const words: string[] = [];
  const symbols: string[] = [];
  for (const token of tokens) {
    if (token.kind === 'sym') {
      symbols.push(token.text);
      if ([',', ';', '(', ')', '-', ':', '.', '!', '…'].includes(token.text) && clauses.at(-1)!.length > 0) clauses.push([]);
      continue;
    }
    const text = token.kind === 'num' ? String(token.value) : token.text;
    if (!keepParticles && PARTICLES.has(text)) continue;
    words.push(text);
    clauses.at(-1)!.push(text);
  }
  return { words, clauses: clauses.filter((c) => c.length > 0), symbols };
}

/** What "nothing" can be about: "không có ý kiến gì", "chưa có gương nào", "không có gì để báo cáo". */
const NONE_TOPICS = new Set([
  'co', 'gi', 'j', 'ji', 'nao', 'ai', 'ca', 'het', 'them', 'moi', 'y_kien', 'de_xuat', 'kien_nghi', 'kho_khan', 'vuong_mac',
  'van_de', 'guong', 'dien_hinh', 'nguoi_tot_viec_tot', 'viec_tot', 'nguoi_tot', 'truong_hop', 'dac_biet', 'phat_sinh', 'noi_bat',
  'phat_hien', 'ghi_nhan', 'bao_cao', 'hien', 'hien_tai', 'hien_gio', 'tam_thoi', 'thang_nay', 'ky_nay', 'dot_nay', 'luc', 'nay', 'nua', 'a',
]);
/** A clause that says all is well beside a "none": "mọi việc thuận lợi", "bình thường". */
const ALL_WELL = new Set(['moi_viec', 'moi_thu', 'deu', 'on', 'tot', 'thuan_loi', 'binh_thuong', 'on_dinh', 'dien', 'ra', 'suon', 'se', 'cam_on']);

/**
 * "không", "ko", "chưa có", "không có ý kiến gì", "dạ ko ạ", a lone "0", "-", "." or "x": nothing
 * to report. A sentence that states a lack ("không có xe đi lại", "chưa có nhà văn hóa", "thiếu
 * cán bộ") is a difficulty, not none: only the words of "nothing" may stand beside the negation.
 */
export function isNone(input: string): boolean {
  if (input.length > MAX_SHORT_ANSWER) return false;
  const bare = fold(input).replace(/\s+/g, '');
  if (/^(?:[-–—._x0/\\*]+|n\/?a|nil|null|nothing|khongco)$/.test(bare)) return true;
  const read = wordsOf(input);
  if (read === null || read.words.length === 0) return false;
  let saidNone = false;
  for (const words of read.clauses) {
    // "không có gì để báo cáo"; but "không dễ" (not easy) is a difficulty.
    const clause = words.includes('gi') || words.includes('j') ? words.filter((w) => w !== 'de') : words;
    const negated = clause.some((w) => NEGATIONS.has(w));
    const onlyNone = clause.every((w) => NEGATIONS.has(w) || NONE_TOPICS.has(w));
    if (negated && onlyNone) saidNone = true;
    else if (onlyNone && !clause.includes('co')) continue;
    else if (!clause.every((w) => ALL_WELL.has(w))) return false;
  }
  return saidNone;
}

const YES_STRONG = new Set(['vang', 'ok', 'oki', 'oke', 'okie', 'okay', 'okey', 'oce', 'u', 'uh', 'uk', 'um', 'uhm', 'yes', 'y', 'yep', 'dung', 'phai', 'chuan', 'dong_y', 'dung_vay', 'dung_roi', 'dung_the', 'co_chu']);
const YES_WEAK = new Set(['co', 'da', 'roi', 'r']);
/** The question's own words, which say nothing either way: "đã tổ chức rồi", "không sinh hoạt". */
const YES_NO_NEUTRAL = new Set([
  'to_chuc', 'sinh_hoat', 'chuyen_de', 'thang_nay', 'ky_nay', 'duoc', 'dc', 'kip', 'lam', 'hop', 'trien_khai', 'thuc_hien', 'a',
  'nhe', 'nha', 'chu', 'ah', 'ak', 'ha', 'oi', 'cuoc', 'buoi', 'nao', 'chi_bo', 'dot_nay', 'hoat_dong', 'day', 'ca', 'em', 'anh',
  'thua', 'toi', 'vay', 'thang', 'ky',
]);

/** Yes/no: "có", "oki", "dạ vâng", "đúng vậy", 👍, "đã tổ chức rồi"; "dạ ko", "không tổ chức được", "dạ chưa ạ". Null when it is neither. */
export function parseYesNo(input: string): boolean | null {
  if (input.length > MAX_SHORT_ANSWER) return null;
  const read = wordsOf(input, true);
  if (read === null) return null;
  const yesSign = YES_SIGNS.test(input);
  const noSign = NO_SIGNS.test(input);
  if (read.words.length === 0) return yesSign && !noSign ? true : noSign && !yesSign ? false : null;
  const whole = readPolarity(withoutReason(read.words));
  if (whole !== 'unknown') return combineSigns(whole, yesSign, noSign);
  // "Có, chuyên đề về ...": a clear first clause, with nothing after it saying the opposite.
  const [first, ...rest] = read.clauses;
  if (!first || rest.length === 0) return null;
  const head = readPolarity(first);
  if (head === 'unknown' || head === null) return null;
  if (rest.some((clause) => { const p = readPolarity(clause); return p !== 'unknown' && p !== head; })) return null;
  return combineSigns(head, yesSign, noSign);
}

function combineSigns(answer: boolean | null, yesSign: boolean, noSign: boolean): boolean | null {
  if (answer === true && noSign) return null;
  if (answer === false && yesSign) return null;
  return answer;
}

/** True/false, null for a contradiction ("có không"), 'unknown' when a word is not of yes/no. */
function readPolarity(words: readonly string[]): boolean | null | 'unknown' {
  let yes = false;
  let strongYes = false;
  let firstNo = -1;
  let firstCo = -1;
  words.forEach((word, i) => {
    if (NEGATIONS.has(word) || word === 'khong_phai') {
      if (firstNo < 0) firstNo = i;
    } else if (YES_STRONG.has(word)) {
      yes = true;
      strongYes = true;
    } else if (YES_WEAK.has(word)) {
      yes = true;
      if (word === 'co' && firstCo < 0) firstCo = i;
    } else if (!YES_NO_NEUTRAL.has(word) && !PARTICLES.has(word) && !/^\d+$/.test(word)) firstNo = Number.NaN;
  });
  if (Number.isNaN(firstNo)) return 'unknown';
  // "có không" asks back; "vâng, không" says both.
  if (firstNo >= 0) return strongYes || (firstCo >= 0 && firstCo < firstNo) ? null : false;
  return yes ? true : 'unknown';
}

/** Words that mean "skip this optional question": "bỏ qua", "bỏ", "bỏ qua nhé", "tiếp", "để sau". */
export function isSkip(input: string): boolean {
  const read = wordsOf(input);
  if (read === null) return false;
  const words = read.words.filter((w) => !['tam', 'thoi', 'cau_nay', 'cau_hoi_nay', 'cau_hoi', 'nay', 'luon', 'di'].includes(w));
  const text = words.join(' ');
  return SKIP_PHRASES.has(text);
}
const SKIP_PHRASES = new Set([
  'bo_qua', 'boqua', 'bo', 'skip', 'qua', 'tiep', 'tiep_tuc', 'tiep_theo', 'de_sau', 'next', 'pass', 'cho_qua', 'cau_tiep',
  'cau_tiep_theo', 'cau_sau', 'qua cau_khac', 'qua cau', 'sang cau_khac', 'qua cau_sau', 'qua cau_tiep', 'bo cau', 'bo_qua cau',
  'tra loi sau', 'bo trong', 'de trong', 'khong tra loi', 'ko tra loi',
]);

/** Words that mean "go back to the previous question": "quay lại", "lùi lại", "về câu trước", "câu trước". */
export function isBack(input: string): boolean {
  const read = wordsOf(input);
  if (read === null) return false;
  // "nhập sai, quay lại", "em bấm nhầm, lùi lại": the mistake is why, not where to.
  const words = read.words.filter((w) => !['nham', 'muon', 'lai', 'nhap', 'sai', 'go', 'bam', 'xin', 'loi', 'roi', 'r'].includes(w) || read.words.length === 1);
  if (words.length === 0) return false;
  const [verb, ...object] = words;
  const target = object.join(' ');
  const TARGETS = ['cau_truoc', 'cau_tren', 'cau_hoi_truoc', 'truoc', 'buoc truoc', 'mot cau', '1 cau', ''];
  if (BACK_VERBS.has(verb!) && TARGETS.includes(target)) return true;
  if (['ve', 'sua', 'sua lai', 'xem'].includes(verb!) && target !== '' && TARGETS.includes(target)) return true;
  return words.length === 1 && ['cau_truoc', 'cau_tren', 'back', 'prev', 'previous', 'quaylai', 'lui'].includes(verb!);
}
const BACK_VERBS = new Set(['quay_lai', 'quaylai', 'lui', 'lui_lai', 'tro_lai', 'quay_ve', 'tro_ve', 'back']);

/** Words that close the photo step: "xong", "xong rồi nhé", "gửi hết rồi ạ", "hết", "không có hình". */
export function isDone(input: string): boolean {
  const read = wordsOf(input);
  if (read === null) return false;
  const words = read.words.filter((w) => !['roi', 'r', 'da', 'nay', 'a'].includes(w));
  if (words.length === 0) return false;
  if (words.some((w) => NEGATIONS.has(w))) {
    // "không có ảnh", "ko chụp hình", "chưa có ảnh nào"; never "chưa xong".
    const rest = words.filter((w) => !NEGATIONS.has(w));
    return rest.some((w) => PHOTO_WORDS.has(w)) && rest.every((w) => PHOTO_WORDS.has(w) || ['co', 'gui', 'chup', 'nao', 'gi', 'them', 'gui_anh'].includes(w));
  }
  // "xong", "gửi hết rồi", "đã gửi xong ảnh": a word of finishing, and only words of sending photos beside it.
  if (DONE_PHRASES.has(words.join(' '))) return true;
  return words.some((w) => DONE_CORE.has(w)) && words.every((w) => DONE_CORE.has(w) || DONE_BESIDE.has(w));
}
const DONE_CORE = new Set(['xong', 'xog', 'xonq', 'het', 'du', 'done', 'finish']);
const DONE_BESIDE = new Set(['gui', 'anh', 'hinh', 'hinh_anh', 'gui_anh', 'tam', 'ca', 'ok', 'roi', 'r', 'nhe', 'nha', 'day', 'het', 'len']);
const PHOTO_WORDS = new Set(['anh', 'hinh', 'hinh_anh', 'gui_anh', 'tam']);
const DONE_PHRASES = new Set([
  'xong', 'xog', 'xonq', 'het', 'done', 'du', 'gui het', 'gui xong', 'gui du', 'gui_anh xong', 'gui_anh het', 'het anh', 'het hinh',
  'het hinh_anh', 'ok xong', 'xong ok', 'vay_thoi', 'the_thoi', 'chi_co_vay', 'chi_vay_thoi', 'xong het', 'gui het anh', 'finish',
  'chi co the', 'co vay thoi', 'du anh', 'gui du anh', 'het anh gui',
]);

/**
 * "Tháng này không có hoạt động", "ko có hoạt động gì", "không có gì để báo cáo": the no-activity
 * report, said at the invitation.
 */
export function isNoActivity(input: string): boolean {
  const read = wordsOf(input);
  if (read === null) return false;
  const { words } = read;
  if (!words.some((w) => NEGATIONS.has(w))) return false;
  const about = ['hoat_dong', 'sinh_hoat', 'to_chuc', 'trien_khai', 'gi', 'j', 'bao_cao', 'mo_hinh', 'lam'];
  return words.some((w) => about.includes(w)) && words.every((w) => NEGATIONS.has(w) || about.includes(w) || NONE_TOPICS.has(w) || ['duoc', 'dc', 'thang', 'nao', 'de'].includes(w));
}

/** "Gửi", "ok gửi đi", "gửi báo cáo", "nộp", "đồng ý": send the report shown in the summary. */
export function isSend(input: string): boolean {
  const read = wordsOf(input, true);
  if (read === null) return false;
  const words = read.words.filter((w) => !['a', 'nhe', 'nha', 'da', 'di', 'luon', 'ok', 'oke', 'oki', 'okie', 'vang', 'em', 'thoi', 'roi', 'r', 'chot', 'xac_nhan', 'dong_y', 'bao_cao', 'ngay'].includes(w));
  if (words.length === 0) return read.words.some((w) => ['ok', 'oke', 'oki', 'okie', 'chot', 'xac_nhan', 'dong_y', 'vang'].includes(w)) || YES_SIGNS.test(input);
  return ['gui', 'gui_di', 'gui_bao_cao', 'nop', 'nop_bao_cao', 'send'].includes(words.join(' '));
}

/** "Nhắc lại sau", "để sau", "lát nữa": snooze the invitation. */
export function isLater(input: string): boolean {
  const read = wordsOf(input);
  if (read === null) return false;
  return ['nhac_lai_sau', 'nhac_sau', 'de_sau', 'lat_nua', 'chut_nua', 'sau', 'de mai', 'mai', 'nhac lai', 'khi khac', 'ban', 'dang ban'].includes(read.words.join(' '));
}

/** Picks a choice by its label or a number ("1" for the first), with or without diacritics. */
export function parseChoice<T extends string>(input: string, choices: readonly { value: T; label: string }[], synonyms: Partial<Record<T, readonly string[]>> = {}): T | null {
  const text = stripPunctuation(fold(input));
  const asNumber = /^\d+$/.test(text) ? Number(text) : NaN;
  if (asNumber >= 1 && asNumber <= choices.length) return choices[asNumber - 1]!.value;
  for (const choice of choices) {
    if (stripPunctuation(foldVietnamese(choice.label)) === text || choice.value === text) return choice.value;
    if (synonyms[choice.value]?.includes(text)) return choice.value;
  }
  return null;
}

/** A typed text as a button's label would read, for comparing the two: folded, without punctuation, emoji or particles at the ends. */
export function labelKey(input: string): string {
  return stripPunctuation(fold(input))
    .replace(/^(?:(?:da|vang|ok)\s+)+/, '')
    .replace(/(?:\s+(?:a|nhe|nha|di|a nhe))+$/, '')
    .trim();
}

function stripPunctuation(text: string): string {
  return text
    .replace(/[.!?,;:…"'()«»\u{1F300}-\u{1FAFF}\u{2600}-\u{27BF}\u{FE0F}]/gu, '')
    .replace(/\s+/g, ' ')
    .trim();
}
