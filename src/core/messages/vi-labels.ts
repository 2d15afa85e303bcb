/**
 * Names of the model fields and progress states, shared by the exports' sheets and the web
 * console so a renamed lĩnh vực reads the same in a spreadsheet and on a page.
 */
export const fieldLabels = {
  kinh_te: 'Kinh tế',
  van_hoa_xa_hoi: 'Văn hóa - xã hội',
  moi_truong: 'Môi trường',
  an_ninh_trat_tu: 'An ninh trật tự',
  xay_dung_dang: 'Xây dựng Đảng',
  khac: 'Khác',
} as const;

/** The four answers to «Tiến độ mô hình?», as the secretary saw them on the buttons. */
export const progressLabels = { on_track: 'Đúng kế hoạch', delayed: 'Chậm', paused: 'Tạm dừng', completed: 'Hoàn thành' } as const;
