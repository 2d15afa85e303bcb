import type { ModelField, ModelStatus, OrgUnitKind, RoleKind } from '../domain.js';

/**
 * Demo organisation built from the published cases in DESIGN.md §3 (Kon Rẫy, Kon Plông,
 * Long Bình, Mường Tè), so a fresh install, the console channel and the tests show real-looking
 * trees, people and models. All people and phone numbers are fictional.
 */

/** One org unit of the demo tree, with its people and models; `parentCode` links the tree. */
export interface DemoUnit {
  code: string;
  name: string;
  kind: OrgUnitKind;
  parentCode: string | null;
  /** YYYY-MM-DD: the huyện level was abolished on 2025-07-01 but stays in older data. */
  dissolvedOn?: string;
  people: DemoPerson[];
  models: DemoModel[];
}

/** A fictional person holding one role in a demo unit (a secretary answers check-ins, a leader reads digests). */
export interface DemoPerson {
  fullName: string;
  /** 10 digits starting with 0; unique across the demo. */
  phone: string;
  role: RoleKind;
  /** The Vietnamese title used when addressing them, e.g. "Bí thư Chi bộ". */
  title: string;
}

/** A registered mô hình of a demo unit, with the exact title from the published report where there is one. */
export interface DemoModel {
  title: string;
  field: ModelField;
  /** YYYY-MM-DD */
  startedOn: string;
  status: ModelStatus;
  description?: string;
}

const person = (fullName: string, phone: string, role: RoleKind, title: string): DemoPerson => ({
  fullName,
  phone,
  role,
  title,
});

const model = (
  title: string,
  field: ModelField,
  startedOn: string,
  status: ModelStatus = 'active',
  description?: string,
): DemoModel => (description === undefined ? { title, field, startedOn, status } : { title, field, startedOn, status, description });

const unit = (
  code: string,
  name: string,
  kind: OrgUnitKind,
  parentCode: string | null,
  people: DemoPerson[],
  models: DemoModel[] = [],
  dissolvedOn?: string,
): DemoUnit =>
  dissolvedOn === undefined
    ? { code, name, kind, parentCode, people, models }
    : { code, name, kind, parentCode, dissolvedOn, people, models };

const HUYEN_DISSOLVED_ON = '2025-07-01';

/** Secretary titles, so the two kinds of committee read naturally. */
const BT_CB = 'Bí thư Chi bộ';
const PBT_CB = 'Phó Bí thư Chi bộ';
const BT_DU = 'Bí thư Đảng ủy';
const PBT_DU = 'Phó Bí thư Đảng ủy';
const PBT_TT_DU = 'Phó Bí thư Thường trực Đảng ủy';

/**
 * The whole demo organisation, parents always before children, so an importer can insert it
 * in order and resolve `parentCode` against units it has already created.
 */
export const DEMO_UNITS: readonly DemoUnit[] = [
  // ── Kon Tum: the older tỉnh → huyện → xã → chi bộ tree ────────────────────────────────
  unit('KT', 'Đảng bộ tỉnh Kon Tum', 'tinh', null, [
    person('Phạm Minh Hải', '0905112001', 'leader', 'Phó Bí thư Thường trực Tỉnh ủy'),
  ]),
  unit('KT.BTGDV', 'Ban Tuyên giáo và Dân vận Tỉnh ủy Kon Tum', 'co_quan', 'KT', [
    person('Trần Thị Thu Hương', '0905112002', 'leader', 'Trưởng Ban Tuyên giáo và Dân vận'),
    person('A Kiên', '0935221003', 'leader', 'Phó Trưởng Ban Tuyên giáo và Dân vận'),
  ]),

  // Huyện ủy Kon Rẫy: the four TCCS supervised 09–13/9/2021.
  unit(
    'KT.KONRAY',
    'Huyện ủy Kon Rẫy',
    'huyen',
    'KT',
    [
      person('Lê Quang Vinh', '0914330104', 'leader', 'Trưởng Ban Tuyên giáo Huyện ủy'),
      person('Y Sương', '0385440105', 'leader', 'Phó Bí thư Thường trực Huyện ủy'),
    ],
    [],
    HUYEN_DISSOLVED_ON,
  ),
  unit(
    'KT.KONRAY.DTL',
    'Đảng ủy xã Đăk Tơ Lung',
    'xa',
    'KT.KONRAY',
    [
      person('A Thút', '0905551206', 'secretary', BT_DU),
      person('Y Hoa', '0366781207', 'deputy', 'Phó Bí thư Đảng ủy, Chủ tịch UBND xã'),
      person('Đinh Văn Tú', '0868120208', 'leader', PBT_TT_DU),
    ],
    [
      model('Cán bộ, đảng viên đi đầu chuyển đổi cơ cấu cây trồng, vật nuôi', 'kinh_te', '2021-03-01'),
      model('Trồng cây xanh, tổng dọn vệ sinh thôn làng, cảnh quan xanh - sạch - đẹp', 'moi_truong', '2021-03-15'),
      model('Đoạn đường Thanh niên tự quản', 'moi_truong', '2021-04-01'),
      model('Tổ hợp tác trồng nếp cẩm và sản xuất rượu ghè làng Kon Lung', 'kinh_te', '2021-02-01'),
      model('Thanh niên làm đổi công gây quỹ', 'van_hoa_xa_hoi', '2021-05-01'),
      model('Nhân dân làm Chổi Đót', 'kinh_te', '2021-06-01'),
    ],
  ),
  unit(
    'KT.KONRAY.DTL.KONLUNG',
    'Chi bộ thôn Kon Lung',
    'chi_bo',
    'KT.KONRAY.DTL',
    [person('A Pươi', '0976230309', 'secretary', BT_CB), person('Y Nhung', '0397650310', 'deputy', PBT_CB)],
    [model('Giữ gìn và phát huy không gian văn hóa cồng chiêng làng Kon Lung', 'van_hoa_xa_hoi', '2022-03-01')],
  ),
  unit('KT.KONRAY.DTL.KONBRAI', 'Chi bộ thôn Kon Brai', 'chi_bo', 'KT.KONRAY.DTL', [
    person('A Blơng', '0847120311', 'secretary', BT_CB),
  ]),
  unit(
    'KT.KONRAY.DTL.THDTL',
    'Chi bộ Trường Tiểu học Đăk Tơ Lung',
    'chi_bo',
    'KT.KONRAY.DTL',
    [person('Nguyễn Thị Lan', '0918460312', 'secretary', BT_CB)],
    [model('Kể chuyện Bác Hồ dưới cờ', 'van_hoa_xa_hoi', '2023-09-05')],
  ),
  unit(
    'KT.KONRAY.DR',
    'Đảng ủy xã Đăk Ruồng',
    'xa',
    'KT.KONRAY',
    [person('A Dũng', '0905780413', 'secretary', BT_DU), person('Hoàng Văn Long', '0356210414', 'leader', PBT_TT_DU)],
    [
      model('Giúp nhau làm kinh tế giỏi', 'kinh_te', '2021-02-15'),
      model('Kể chuyện Bác Hồ', 'van_hoa_xa_hoi', '2021-03-01'),
      model('Gây quỹ giúp đỡ gia đình có hoàn cảnh đặc biệt', 'van_hoa_xa_hoi', '2021-03-20'),
      model('Bảo trợ chăm sóc các cụ già neo đơn', 'van_hoa_xa_hoi', '2021-04-01'),
      model('Chăm sóc cụ già neo đơn, tàn tật', 'van_hoa_xa_hoi', '2021-04-15'),
      model('Tuyến đường tự quản và công trình nhà văn hóa xanh, sạch, đẹp', 'moi_truong', '2021-05-01'),
    ],
  ),
  unit(
    'KT.KONRAY.DR.THON11',
    'Chi bộ thôn 11',
    'chi_bo',
    'KT.KONRAY.DR',
    [person('A Hmưn', '0982340515', 'secretary', BT_CB), person('Y Ngọc', '0334870516', 'deputy', PBT_CB)],
    [model('Vườn rau dinh dưỡng hộ gia đình', 'kinh_te', '2024-02-01')],
  ),
  unit('KT.KONRAY.DR.THON13', 'Chi bộ thôn 13', 'chi_bo', 'KT.KONRAY.DR', [
    person('Y Thương', '0823560517', 'secretary', BT_CB),
  ]),
  unit(
    'KT.KONRAY.DR.THCS',
    'Chi bộ Trường THCS Đăk Ruồng',
    'chi_bo',
    'KT.KONRAY.DR',
    [person('Phan Thị Hồng Nhung', '0913670518', 'secretary', BT_CB)],
    [model('Tủ sách Bác Hồ trong nhà trường', 'van_hoa_xa_hoi', '2022-09-05')],
  ),
  unit(
    'KT.KONRAY.MT',
    'Chi bộ Mặt trận',
    'chi_bo',
    'KT.KONRAY',
    [person('Võ Thị Mai', '0905890619', 'secretary', BT_CB), person('A Sang', '0378910620', 'deputy', PBT_CB)],
    [
      model('Khu dân cư phòng, chống ma túy', 'an_ninh_trat_tu', '2021-03-01'),
      model('Khu dân cư văn hóa kiểu mẫu không còn tà đạo Hà Mòn tại xã Đăk Ruồng', 'an_ninh_trat_tu', '2021-04-01'),
      model('Nước sạch vệ sinh môi trường', 'moi_truong', '2021-05-01'),
      model('Khu dân cư văn hóa kiểu mẫu và phòng, chống tội phạm tại thôn 3, thị trấn Đăk Rve', 'an_ninh_trat_tu', '2021-06-01'),
    ],
  ),
  unit(
    'KT.KONRAY.HKL',
    'Chi bộ Hạt Kiểm lâm',
    'chi_bo',
    'KT.KONRAY',
    [person('Bùi Đức Thắng', '0935120721', 'secretary', BT_CB), person('A Đin', '0862450722', 'deputy', PBT_CB)],
    [
      model('Trồng cây cà phê tại thôn 4, xã Đăk Pne', 'kinh_te', '2021-04-01'),
      model(
        'Khảo nghiệm trồng cây Teak trên đất nương rẫy cũ, bạc màu tại thôn 6, xã Tân Lập',
        'moi_truong',
        '2021-06-01',
        'completed',
        'Khảo nghiệm đã kết thúc, đang đánh giá để nhân rộng',
      ),
    ],
  ),

  // Huyện Kon Plông 2021–2023: 13 models kept since 2021, 37 new since 2022 (mirrored here ~1:3).
  unit(
    'KT.KONPLONG',
    'Huyện ủy Kon Plông',
    'huyen',
    'KT',
    [person('Trần Văn Quý', '0905230823', 'leader', 'Trưởng Ban Tuyên giáo Huyện ủy')],
    [],
    HUYEN_DISSOLVED_ON,
  ),
  unit(
    'KT.KONPLONG.DRING',
    'Đảng ủy xã Đăk Ring',
    'xa',
    'KT.KONPLONG',
    [person('A Vương', '0967340924', 'secretary', BT_DU), person('A Hiếu', '0387450925', 'leader', PBT_TT_DU)],
    [
      model('Nuôi cá niêng kết hợp vịt xiêm, gà', 'kinh_te', '2021-05-01'),
      model('Vườn ươm cây giống', 'kinh_te', '2022-03-01'),
      model('Nuôi ong lấy mật', 'kinh_te', '2022-04-01'),
      model('Lò đốt rác thải sinh hoạt', 'moi_truong', '2022-06-01'),
    ],
  ),
  unit(
    'KT.KONPLONG.POE',
    'Đảng ủy xã Pờ Ê',
    'xa',
    'KT.KONPLONG',
    [person('A Nhông', '0948561026', 'secretary', BT_DU), person('Y Dung', '0329671027', 'leader', PBT_TT_DU)],
    [model('Nuôi heo thịt', 'kinh_te', '2021-04-01'), model('Trồng cây ăn quả', 'kinh_te', '2022-02-15')],
  ),
  unit(
    'KT.KONPLONG.MANGDEN',
    'Đảng ủy thị trấn Măng Đen',
    'xa',
    'KT.KONPLONG',
    [
      person('Lê Văn Hiền', '0905671128', 'secretary', BT_DU),
      person('A Bình', '0889781129', 'deputy', PBT_DU),
      person('Y Lan', '0345891130', 'leader', PBT_TT_DU),
    ],
    [model('Trồng lúa sạ thẳng', 'kinh_te', '2022-05-01')],
  ),
  unit(
    'KT.KONPLONG.HIEU',
    'Đảng ủy xã Hiếu',
    'xa',
    'KT.KONPLONG',
    [person('A Chuân', '0971231231', 'secretary', BT_DU), person('Y Phương', '0398341232', 'leader', PBT_TT_DU)],
    [
      model('Nuôi heo địa phương kết hợp vịt xiêm', 'kinh_te', '2021-06-01'),
      model('Nuôi trâu sinh sản', 'kinh_te', '2022-03-15'),
    ],
  ),
  unit(
    'KT.KONPLONG.DTANG',
    'Đảng ủy xã Đăk Tăng',
    'xa',
    'KT.KONPLONG',
    [person('A Tôn', '0914451333', 'secretary', BT_DU), person('Y Ngân', '0376561334', 'leader', PBT_TT_DU)],
    [
      model('Trồng hồng đẳng sâm', 'kinh_te', '2022-04-01'),
      model('Nuôi dúi', 'kinh_te', '2022-07-01', 'paused', 'Tạm dừng để tìm nguồn giống dúi khỏe'),
      model('Nuôi trồng thủy sản lòng hồ Thượng Kon Tum', 'kinh_te', '2021-09-01'),
    ],
  ),
  unit(
    'KT.KONPLONG.DTANG.PTDTBT',
    'Chi bộ Trường PTDTBT THCS xã Đăk Tăng',
    'chi_bo',
    'KT.KONPLONG.DTANG',
    [person('Đặng Thị Thu Trang', '0935671435', 'secretary', BT_CB), person('A Lâm', '0867781436', 'deputy', PBT_CB)],
    [
      model(
        'Bán trú dân nuôi',
        'van_hoa_xa_hoi',
        '2022-09-05',
        'active',
        'Phụ huynh và nhân dân góp gạo, rau, củi nuôi học sinh bán trú',
      ),
    ],
  ),

  // ── An Giang: the newer tỉnh → xã → chi bộ tree (no huyện after 2025) ──────────────────
  unit('AG', 'Đảng bộ tỉnh An Giang', 'tinh', null, [
    person('Nguyễn Thanh Phong', '0918121537', 'leader', 'Phó Bí thư Thường trực Tỉnh ủy'),
  ]),
  unit(
    'AG.LONGBINH',
    'Đảng ủy xã Long Bình',
    'xa',
    'AG',
    [
      person('Trần Văn Sang', '0939231638', 'secretary', BT_DU),
      person('Lê Thị Kim Loan', '0393341639', 'deputy', PBT_DU),
      person('Huỳnh Minh Trí', '0817451640', 'leader', 'Trưởng Ban Xây dựng Đảng Đảng ủy xã'),
    ],
    [
      model('Tự chủ, năng động, sáng tạo và đổi mới công tác tuyên truyền, vận động', 'xay_dung_dang', '2023-04-01'),
      model('Sinh hoạt chi bộ “Mẫu”, “4 tốt”', 'xay_dung_dang', '2023-06-01'),
    ],
  ),
  unit(
    'AG.LONGBINH.QUOIAN',
    'Chi bộ ấp Quới An',
    'chi_bo',
    'AG.LONGBINH',
    [person('Phạm Văn Tâm', '0949561741', 'secretary', BT_CB), person('Nguyễn Thị Bích', '0358671742', 'deputy', PBT_CB)],
    [
      model(
        'Tổ nhân dân tự quản – Phát triển toàn diện',
        'an_ninh_trat_tu',
        '2022-08-01',
        'active',
        'Tổ nhân dân tự quản số 05 ấp Quới An, nhân rộng ra 08 ấp',
      ),
    ],
  ),
  unit(
    'AG.LONGBINH.LONGHOA',
    'Chi bộ ấp Long Hòa',
    'chi_bo',
    'AG.LONGBINH',
    [person('Võ Văn Hậu', '0919781843', 'secretary', BT_CB)],
    [model('Tổ nhân dân tự quản – Phát triển toàn diện', 'an_ninh_trat_tu', '2024-06-01')],
  ),
  unit(
    'AG.LONGBINH.LONGTHANH',
    'Chi bộ ấp Long Thạnh',
    'chi_bo',
    'AG.LONGBINH',
    [person('Lê Văn Phúc', '0388891944', 'secretary', BT_CB), person('Trương Thị Mỹ', '0827901945', 'deputy', PBT_CB)],
    [
      model('Tuyến đường hoa, đèn chiếu sáng ấp Long Thạnh', 'moi_truong', '2025-03-01'),
      model('Tổ nhân dân tự quản – Phát triển toàn diện', 'an_ninh_trat_tu', '2025-10-01'),
    ],
  ),
  unit(
    'AG.LONGBINH.LONGHUNG',
    'Chi bộ ấp Long Hưng',
    'chi_bo',
    'AG.LONGBINH',
    [person('Đỗ Thị Ngọc Hân', '0977122046', 'secretary', BT_CB)],
    [model('Ấp an toàn về an ninh, trật tự', 'an_ninh_trat_tu', '2024-01-15')],
  ),

  // ── Lai Châu: Huyện ủy Mường Tè (dissolved 2025) → xã → chi bộ bản ─────────────────────
  unit('LC', 'Đảng bộ tỉnh Lai Châu', 'tinh', null, [
    person('Lò Văn Thanh', '0912232147', 'leader', 'Phó Bí thư Thường trực Tỉnh ủy'),
  ]),
  unit(
    'LC.MUONGTE',
    'Huyện ủy Mường Tè',
    'huyen',
    'LC',
    [person('Lý Xuân Hòa', '0983342248', 'leader', 'Trưởng Ban Tuyên giáo Huyện ủy')],
    [],
    HUYEN_DISSOLVED_ON,
  ),
  unit(
    'LC.MUONGTE.KALANG',
    'Đảng ủy xã Ka Lăng',
    'xa',
    'LC.MUONGTE',
    [person('Pờ Lò Xá', '0364452349', 'secretary', BT_DU), person('Lỳ Gò Chừ', '0856562350', 'leader', PBT_TT_DU)],
    [model('Khu dân cư không có ma túy', 'an_ninh_trat_tu', '2022-05-01')],
  ),
  unit(
    'LC.MUONGTE.KALANG.BANKALANG',
    'Chi bộ bản Ka Lăng',
    'chi_bo',
    'LC.MUONGTE.KALANG',
    [person('Chu Chừ Xá', '0945672451', 'secretary', BT_CB)],
    [model('Bản văn hóa, đoàn kết, giúp nhau thoát nghèo', 'van_hoa_xa_hoi', '2023-03-01')],
  ),
  unit(
    'LC.MUONGTE.KALANG.THKALANG',
    'Chi bộ Trường PTDTBT Tiểu học Ka Lăng',
    'chi_bo',
    'LC.MUONGTE.KALANG',
    [person('Nguyễn Thị Huyền', '0332782552', 'secretary', BT_CB)],
    [model('Kể chuyện Bác Hồ', 'van_hoa_xa_hoi', '2025-03-01')],
  ),
  unit(
    'LC.MUONGTE.PAU',
    'Đảng ủy xã Pa Ủ',
    'xa',
    'LC.MUONGTE',
    [person('Lý Gò Pha', '0969892653', 'secretary', BT_DU), person('Chang Dì Sa', '0815902654', 'leader', PBT_TT_DU)],
    [model('Giữ gìn bản sắc văn hóa dân tộc La Hủ', 'van_hoa_xa_hoi', '2023-02-01')],
  ),
  unit(
    'LC.MUONGTE.PAU.BANPAU',
    'Chi bộ bản Pa Ủ',
    'chi_bo',
    'LC.MUONGTE.PAU',
    [person('Phù Phì Xá', '0398122755', 'secretary', BT_CB), person('Lý Thị Sú', '0846232756', 'deputy', PBT_CB)],
    [model('Bản không có học sinh bỏ học', 'van_hoa_xa_hoi', '2024-08-01')],
  ),
  unit(
    'LC.MUONGTE.BUMNUA',
    'Đảng ủy xã Bum Nưa',
    'xa',
    'LC.MUONGTE',
    [person('Lò Văn Chinh', '0923342857', 'secretary', BT_DU), person('Tao Thị Lả', '0372452858', 'leader', PBT_TT_DU)],
    [model('Trồng sa nhân tím dưới tán rừng', 'kinh_te', '2022-04-01')],
  ),
  unit(
    'LC.MUONGTE.BUMNUA.NAMCUM',
    'Chi bộ bản Nậm Củm',
    'chi_bo',
    'LC.MUONGTE.BUMNUA',
    [person('Lò Văn Thoan', '0838562959', 'secretary', BT_CB)],
    [model('Tổ tự quản bảo vệ rừng đầu nguồn', 'moi_truong', '2025-08-01')],
  ),
];
