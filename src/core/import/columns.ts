import type { ModelField, ModelStatus, OrgUnitKind, RoleKind } from '../domain.js';

/** The three kinds of rows an organisation keeps in its spreadsheets. */
export type ImportKind = 'units' | 'people' | 'models';

export interface ColumnSpec {
  /** The key the parser uses. */
  key: string;
  /** The header as the README and the sample file write it. */
  label: string;
  /** Other headers people use for the same column (folded with toKey before comparing). */
  aliases: readonly string[];
  required: boolean;
}

/**
 * The columns of each kind. Headers are matched loosely: with or without diacritics, any case,
 * spaces or underscores, so "Mã đơn vị", "ma_don_vi" and "MA DON VI" are the same column.
 */
export const IMPORT_COLUMNS: Record<ImportKind, readonly ColumnSpec[]> = {
  units: [
    { key: 'code', label: 'Mã đơn vị', aliases: ['ma', 'code'], required: true },
    { key: 'name', label: 'Tên đơn vị', aliases: ['ten', 'name'], required: true },
    { key: 'kind', label: 'Loại', aliases: ['loai_don_vi', 'cap', 'kind'], required: true },
    { key: 'parentCode', label: 'Mã đơn vị cấp trên', aliases: ['ma_cap_tren', 'cap_tren', 'parent_code'], required: false },
  ],
  people: [
    { key: 'fullName', label: 'Họ tên', aliases: ['ho_va_ten', 'ten', 'full_name'], required: true },
    { key: 'phone', label: 'Số điện thoại', aliases: ['dien_thoai', 'sdt', 'phone'], required: false },
    { key: 'unitCode', label: 'Mã đơn vị', aliases: ['unit_code'], required: true },
    { key: 'role', label: 'Vai trò', aliases: ['role'], required: true },
    { key: 'title', label: 'Chức vụ', aliases: ['chuc_danh', 'title'], required: false },
    { key: 'endedOn', label: 'Ngày thôi giữ vai trò', aliases: ['ngay_thoi', 'thoi_giu_vai_tro', 'ended_on'], required: false },
  ],
  models: [
    { key: 'unitCode', label: 'Mã đơn vị', aliases: ['unit_code'], required: true },
    { key: 'title', label: 'Tên mô hình', aliases: ['mo_hinh', 'title'], required: true },
    { key: 'field', label: 'Lĩnh vực', aliases: ['field'], required: false },
    { key: 'startedOn', label: 'Ngày bắt đầu', aliases: ['bat_dau', 'started_on'], required: false },
    { key: 'status', label: 'Trạng thái', aliases: ['status'], required: false },
    { key: 'description', label: 'Mô tả', aliases: ['description', 'ghi_chu'], required: false },
  ],
};

/** Sheet names (folded) that say what a workbook sheet holds. */
export const SHEET_NAMES: Record<ImportKind, readonly string[]> = {
  units: ['don_vi', 'units', 'to_chuc'],
  people: ['nhan_su', 'people', 'can_bo'],
  models: ['mo_hinh', 'models'],
};

/** A choice column: the words people write (folded) for each stored value, and how to show them. */
export interface Choice<T extends string> {
  values: Record<T, readonly string[]>;
  /** The words to suggest when a value is not recognised. */
  shown: readonly string[];
}

export const UNIT_KIND_CHOICE: Choice<OrgUnitKind> = {
  values: {
    tinh: ['tinh', 'tinh uy', 'dang bo tinh', 'thanh pho truc thuoc trung uong', 'thanh uy'],
    huyen: ['huyen', 'huyen uy', 'dang bo huyen', 'quan uy', 'thi uy'],
    xa: ['xa', 'phuong', 'thi tran', 'dac khu', 'dang uy xa', 'dang uy phuong', 'dang bo xa', 'dang bo phuong'],
    dang_bo_co_so: ['dang bo co so'],
    chi_bo: ['chi bo', 'chi bo co so', 'chi bo truc thuoc'],
    co_quan: ['co quan', 'ban'],
    khac: ['khac'],
  },
  shown: ['tỉnh', 'huyện', 'xã', 'phường', 'đảng bộ cơ sở', 'chi bộ', 'cơ quan', 'khác'],
};

export const ROLE_CHOICE: Choice<RoleKind> = {
  values: {
    secretary: ['bi thu', 'bi thu chi bo', 'bi thu dang uy'],
    deputy: ['pho bi thu', 'pho bi thu chi bo'],
    leader: ['lanh dao', 'theo doi', 'ban tuyen giao'],
    admin: ['quan tri', 'quan tri vien'],
  },
  shown: ['bí thư', 'phó bí thư', 'lãnh đạo', 'quản trị'],
};

export const MODEL_FIELD_CHOICE: Choice<ModelField> = {
  values: {
    kinh_te: ['kinh te', 'san xuat', 'kinh te - san xuat'],
    van_hoa_xa_hoi: ['van hoa xa hoi', 'van hoa - xa hoi', 'van hoa', 'xa hoi', 'giao duc', 'an sinh xa hoi'],
    moi_truong: ['moi truong', 've sinh moi truong'],
    an_ninh_trat_tu: ['an ninh trat tu', 'an ninh', 'an ninh - trat tu', 'quoc phong an ninh'],
    xay_dung_dang: ['xay dung dang', 'xay dung dang va he thong chinh tri', 'cong tac dang'],
    khac: ['khac'],
  },
  shown: ['kinh tế', 'văn hóa - xã hội', 'môi trường', 'an ninh trật tự', 'xây dựng Đảng', 'khác'],
};

export const MODEL_STATUS_CHOICE: Choice<ModelStatus> = {
  values: {
    active: ['dang thuc hien', 'dang trien khai', 'hoat dong'],
    paused: ['tam dung'],
    completed: ['hoan thanh', 'da hoan thanh'],
    discontinued: ['dung', 'ngung', 'da dung', 'khong duy tri'],
  },
  shown: ['đang thực hiện', 'tạm dừng', 'hoàn thành', 'dừng'],
};
