import { foldVietnamese } from '../text.js';

/** The bot's commands, with their Vietnamese menu labels (DESIGN.md §5, issue: check-in). */
export type Command = 'start' | 'baocao' | 'sua' | 'huy' | 'trogiup' | 'tiendo' | 'chuanop' | 'donvi' | 'tonghop' | 'duyet' | 'xuat' | 'baocaosoket' | 'web' | 'mohinh';

export const COMMAND_MENU: readonly { command: Command; description: string }[] = [
  { command: 'baocao', description: 'Báo cáo tháng' },
  { command: 'sua', description: 'Sửa báo cáo đã gửi (trước hạn)' },
  { command: 'tiendo', description: 'Xem tiến độ báo cáo' },
  { command: 'huy', description: 'Tạm dừng' },
  { command: 'tonghop', description: 'Lãnh đạo: tổng hợp tình hình ngay bây giờ' },
  { command: 'chuanop', description: 'Lãnh đạo: đơn vị chưa gửi báo cáo' },
  { command: 'donvi', description: 'Lãnh đạo: xem một đơn vị (ví dụ /donvi KT.KONRAY.HKL)' },
  { command: 'duyet', description: 'Lãnh đạo: duyệt báo cáo của đơn vị trực thuộc' },
  { command: 'xuat', description: 'Xuất số liệu (Excel, CSV, Word)' },
  { command: 'baocaosoket', description: 'Dự thảo báo cáo sơ kết, tổng kết' },
  { command: 'web', description: 'Liên kết đăng nhập trang theo dõi' },
  { command: 'mohinh', description: 'Đề xuất mô hình mới của chi bộ' },
  { command: 'trogiup', description: 'Hướng dẫn' },
];

const LABELS: Record<string, Command> = {
  'bao cao': 'baocao',
  'bao cao thang': 'baocao',
  'sua bao cao': 'sua',
  'tam dung': 'huy',
  'huy': 'huy',
  'tro giup': 'trogiup',
  'huong dan': 'trogiup',
  'tien do': 'tiendo',
  'xem tien do': 'tiendo',
  'chua nop': 'chuanop',
  'tong hop': 'tonghop',
  'don vi chua nop': 'chuanop',
  'duyet bao cao': 'duyet',
  'de xuat mo hinh': 'mohinh',
};

/**
 * Reads a command from what was typed: "/baocao", "/start@ChiboBot ABCD…", or a menu label such
 * as "Báo cáo". Null for ordinary answers. A bare invitation code is the caller's to recognise,
 * and only from someone not yet registered, since an answer could look like one.
 */
export function parseCommand(text: string): { command: Command; arg: string | null } | null {
  const trimmed = text.trim();
  const slash = /^\/([A-Za-z]+)(?:@\w+)?(?:\s+(.*))?$/s.exec(trimmed);
  if (slash) {
    const name = slash[1]!.toLowerCase();
    const known: Command[] = ['start', 'baocao', 'sua', 'huy', 'trogiup', 'tiendo', 'chuanop', 'donvi', 'tonghop', 'duyet', 'xuat', 'baocaosoket', 'web', 'mohinh'];
    const command = known.find((c) => c === name) ?? (name === 'help' ? 'trogiup' : name === 'dung' ? 'huy' : null);
    return command ? { command, arg: slash[2]?.trim() || null } : null;
  }
  const label = LABELS[foldVietnamese(trimmed).replace(/[.!?]+$/, '')];
  return label ? { command: label, arg: null } : null;
}
