/**
 * The domain's closed vocabularies, shared by the core, the schema's enums and the importers,
 * so a value the code accepts is always one the database accepts.
 */
export const ORG_UNIT_KINDS = ['tinh', 'huyen', 'xa', 'dang_bo_co_so', 'chi_bo', 'co_quan', 'khac'] as const;
export type OrgUnitKind = (typeof ORG_UNIT_KINDS)[number];

export const ROLE_KINDS = ['secretary', 'deputy', 'leader', 'admin'] as const;
export type RoleKind = (typeof ROLE_KINDS)[number];

export const CHANNEL_KINDS = ['telegram', 'zalo', 'console'] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

export const MODEL_FIELDS = ['kinh_te', 'van_hoa_xa_hoi', 'moi_truong', 'an_ninh_trat_tu', 'xay_dung_dang', 'khac'] as const;
export type ModelField = (typeof MODEL_FIELDS)[number];

export const MODEL_STATUSES = ['active', 'paused', 'completed', 'discontinued'] as const;
export type ModelStatus = (typeof MODEL_STATUSES)[number];

export const MODEL_PROGRESS = ['on_track', 'delayed', 'paused', 'completed'] as const;
export type ModelProgress = (typeof MODEL_PROGRESS)[number];

export const REVIEW_KINDS = ['so_ket', 'tong_ket', 'chuyen_de'] as const;
export type ReviewKind = (typeof REVIEW_KINDS)[number];
