import type { ModelProgress } from '../domain.js';
import type { DemoModel, DemoUnit } from './demo-organisation.js';
import { seededRandom } from '../random.js';
import { reportingMonth, type MonthlySchedule } from '../schedule.js';
import { zonedInstant } from '../time.js';

/**
 * Deterministic, plausible monthly reports for the demo units, so digests, "who has not reported"
 * lists, "hình thức, chiếu lệ" warnings and exports have months of history to show on day one.
 * Same options → same reports: a seeded PRNG, no clock.
 */

/** What to generate: the units, the most recent month to fill, how many months back, and the seed. */
export interface DemoHistoryOptions {
  units: readonly DemoUnit[];
  /** The most recent month to fill (month 1–12). */
  lastMonth: { year: number; month: number };
  months: number;
  seed: number;
  /** The calendar reports are sent under (DESIGN.md §6): none before the period opens, on time until it is due. */
  schedule?: DemoSchedule;
}

/** The parts of an organisation's calendar that decide when a demo report can have been sent. */
export interface DemoSchedule {
  opensOnDay: number;
  opensAtHour: number;
  dueOnDay: number;
}

const DEFAULT_DEMO_SCHEDULE: DemoSchedule = { opensOnDay: 20, opensAtHour: 8, dueOnDay: 25 };

/** A local date and time, in the organisation's zone. */
export interface LocalDateTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

/** One unit's report for one month, shaped like the answers of the monthly check-in (DESIGN.md §5). */
export interface DemoMonthlyReport {
  unitCode: string;
  year: number;
  month: number;
  /** A draft was begun (its first answers kept) and not sent; `submittedAt` is then when it was begun. */
  status: 'submitted' | 'draft';
  noActivity: boolean;
  meetingsHeld: number;
  /** Null in a no-activity report: no meeting, so no attendance to count. */
  membersPresent: number | null;
  membersTotal: number | null;
  themedSessionHeld: boolean;
  themedSessionSubject: string | null;
  difficulties: string | null;
  proposals: string | null;
  /**
   * When it was sent (local time): never before the period opened; `onTime` when by the due day,
   * otherwise up to two weeks late. A caller that plays the demo at a given instant drops what
   * would be sent after it.
   */
  submittedAt: LocalDateTime;
  onTime: boolean;
  models: DemoModelAnswer[];
  goodDeeds: { personName: string; description: string }[];
}

/** The answers about one model in a monthly report. */
export interface DemoModelAnswer {
  modelTitle: string;
  activities: number;
  participants: number;
  progress: ModelProgress;
  results: string | null;
  difficulties: string | null;
}

type Rng = () => number;


/** FNV-1a of `text`, mixed with the seed: a stable per-unit / per-model stream, independent of list order. */
function hash(seed: number, text: string): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

const int = (rng: Rng, min: number, max: number): number => min + Math.floor(rng() * (max - min + 1));
const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)] as T;
const chance = (rng: Rng, p: number): boolean => rng() < p;

const THEMED_SUBJECTS = [
  'Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh về ý thức tự lực, tự cường',
  'Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh về phát huy sức mạnh đại đoàn kết toàn dân tộc',
  'Tư tưởng Hồ Chí Minh về cần, kiệm, liêm, chính, chí công vô tư',
  'Nêu cao tinh thần trách nhiệm, gương mẫu của cán bộ, đảng viên trong thực hiện nhiệm vụ',
  'Tư tưởng Hồ Chí Minh về công tác dân vận: “Dễ trăm lần không dân cũng chịu, khó vạn lần dân liệu cũng xong”',
  'Đảng viên gương mẫu đi đầu phát triển kinh tế hộ gia đình, giảm nghèo bền vững',
  'Bảo vệ nền tảng tư tưởng của Đảng, đấu tranh phản bác các quan điểm sai trái, thù địch',
  'Học tập và làm theo Bác về xây dựng văn hóa, con người Việt Nam',
] as const;

const UNIT_DIFFICULTIES = [
  'Thiếu vốn để mở rộng quy mô mô hình',
  'Thời tiết bất lợi, mưa kéo dài ảnh hưởng đến sản xuất',
  'Một số đảng viên đi làm ăn xa, khó bố trí thời gian sinh hoạt',
  'Giá vật tư đầu vào tăng, đầu ra sản phẩm chưa ổn định',
  'Địa bàn rộng, đường đi lại khó khăn vào mùa mưa',
  'Kinh phí hoạt động của chi bộ còn hạn hẹp',
  'Nhận thức của một bộ phận nhân dân còn hạn chế',
  'Dịch bệnh trên đàn gia súc, gia cầm',
] as const;

const PROPOSALS = [
  'Đề nghị hỗ trợ giống cây trồng cho các hộ tham gia mô hình',
  'Đề nghị cấp trên hỗ trợ vốn vay ưu đãi để nhân rộng mô hình',
  'Đề nghị mở lớp tập huấn kỹ thuật chăn nuôi, trồng trọt cho bà con',
  'Đề nghị cung cấp thêm tài liệu sinh hoạt chuyên đề, có bản tiếng dân tộc',
  'Đề nghị hỗ trợ kinh phí sửa chữa nhà văn hóa thôn',
  'Đề nghị Đảng ủy biểu dương, khen thưởng kịp thời các gương điển hình',
  'Đề nghị hỗ trợ thùng chứa và xe thu gom rác thải',
] as const;

const MODEL_DIFFICULTIES = [
  'Thiếu vốn',
  'Nắng hạn kéo dài, cây giống chậm phát triển',
  'Thiếu nhân lực do đang mùa thu hoạch',
  'Đầu ra sản phẩm chưa ổn định',
  'Một số hộ chưa tích cực tham gia',
  'Mưa lớn làm sạt lở một đoạn đường',
] as const;

const RESULTS: Readonly<Record<DemoModel['field'], readonly ((rng: Rng) => string)[]>> = {
  kinh_te: [
    (r) => `Hỗ trợ ${int(r, 2, 8)} hộ áp dụng kỹ thuật mới, năng suất tăng khoảng ${int(r, 5, 20)}%`,
    (r) => `Tổ chức ${int(r, 1, 3)} buổi hướng dẫn kỹ thuật tại vườn cho bà con`,
    (r) => `Thu hoạch đợt đầu, bình quân ${int(r, 3, 15)} triệu đồng/hộ`,
  ],
  van_hoa_xa_hoi: [
    (r) => `Thăm hỏi, tặng quà ${int(r, 2, 10)} gia đình có hoàn cảnh khó khăn`,
    (r) => `Kể ${int(r, 2, 6)} câu chuyện về Bác cho thiếu nhi và đoàn viên`,
    (r) => `Vận động được ${int(r, 1, 5)} triệu đồng cho quỹ giúp đỡ`,
  ],
  moi_truong: [
    (r) => `Dọn vệ sinh ${int(r, 1, 5)} km đường thôn, trồng ${int(r, 20, 150)} cây xanh`,
    (r) => `Thu gom, xử lý khoảng ${int(r, 1, 4)} tấn rác thải`,
  ],
  an_ninh_trat_tu: [
    () => 'Không phát sinh vụ việc phức tạp về an ninh, trật tự trên địa bàn',
    (r) => `Hòa giải thành ${int(r, 1, 3)} vụ mâu thuẫn trong nhân dân`,
    (r) => `Tuyên truyền phòng, chống ma túy cho ${int(r, 30, 150)} lượt người`,
  ],
  xay_dung_dang: [
    (r) => `${int(r, 5, 20)} đảng viên đăng ký nội dung làm theo Bác`,
    (r) => `Hướng dẫn ${int(r, 2, 6)} chi bộ đổi mới nội dung sinh hoạt`,
  ],
  khac: [(r) => `Triển khai ${int(r, 1, 3)} phần việc theo kế hoạch`],
};

const GOOD_DEEDS: readonly ((rng: Rng) => string)[] = [
  (r) => `Nhặt được ví có ${int(r, 2, 9)} triệu đồng, trả lại cho người đánh rơi`,
  (r) => `Hiến ${int(r, 1, 5) * 50} m² đất làm đường liên thôn`,
  (r) => `Vận động ${int(r, 3, 12)} hộ tham gia tổ hợp tác`,
  () => 'Giúp hộ nghèo sửa lại nhà trước mùa mưa',
  () => 'Tham gia chữa cháy rừng, bảo vệ rừng đầu nguồn',
  (r) => `Hiến máu tình nguyện lần thứ ${int(r, 3, 12)}`,
  (r) => `Ủng hộ ${int(r, 10, 40)} bao xi măng xây nhà văn hóa`,
  (r) => `Kèm cặp ${int(r, 2, 6)} học sinh có nguy cơ bỏ học`,
];

/** How many units skip a month entirely (not sent); the rest report. */
const MISS_RATE = 0.12;
/** Of the reports sent, how many come after the due day. */
const LATE_RATE = 0.15;

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** The `months` months ending at `lastMonth`, oldest first, each with its "YYYY-MM" key. */
function monthRange(last: { year: number; month: number }, months: number): { year: number; month: number; key: string }[] {
  const out: { year: number; month: number; key: string }[] = [];
  for (let i = months - 1; i >= 0; i--) {
    const index = last.year * 12 + (last.month - 1) - i;
    const year = Math.floor(index / 12);
    const month = (index % 12) + 1;
    out.push({ year, month, key: `${year}-${pad2(month)}` });
  }
  return out;
}

const startedBy = (m: DemoModel, monthKey: string): boolean => m.startedOn.slice(0, 7) <= monthKey;
const dissolvedBy = (u: DemoUnit, monthKey: string): boolean =>
  u.dissolvedOn !== undefined && u.dissolvedOn <= `${monthKey}-01`;

const daysIn = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();

/**
 * When a unit sends a month's report: on time between the opening (a few in its first hours)
 * and the due day, or late, up to 14 days after the due day (into the next month if need be).
 */
function submissionTime(rng: Rng, year: number, month: number, schedule: DemoSchedule): { at: LocalDateTime; onTime: boolean } {
  const last = daysIn(year, month);
  const opens = Math.min(schedule.opensOnDay, last);
  const due = Math.min(schedule.dueOnDay, last);
  const onTime = !chance(rng, LATE_RATE);
  // Day counted from the 1st of the month; past the end it rolls into the next month.
  const dayIndex = onTime ? (chance(rng, 0.3) ? opens : int(rng, opens, due)) : int(rng, due + 1, due + 14);
  const firstHour = dayIndex === opens ? Math.min(schedule.opensAtHour + 1, 20) : 7;
  const at = dayIndex <= last
    ? { year, month, day: dayIndex }
    : month === 12 ? { year: year + 1, month: 1, day: dayIndex - last } : { year, month: month + 1, day: dayIndex - last };
  return { at: { ...at, hour: int(rng, firstHour, 20), minute: int(rng, 0, 59) }, onTime };
}

/**
 * Generates the demo history: units with active models report in about 88% of months (one unit
 * always misses the latest month), 15% of them late; one or two models are "hình thức"
 * (0 activities for their last 2–3 months); themed sessions come at least once a quarter.
 * Each unit-month draws from its own seeded stream, so a month's report is the same whatever
 * range it is generated in (a demo topped up later agrees with the one seeded first).
 */
export function generateDemoHistory(options: DemoHistoryOptions): DemoMonthlyReport[] {
  const { units, lastMonth, seed } = options;
  const schedule = options.schedule ?? DEFAULT_DEMO_SCHEDULE;
  if (!Number.isInteger(lastMonth.month) || lastMonth.month < 1 || lastMonth.month > 12) {
    throw new RangeError(`lastMonth.month must be 1..12, got ${lastMonth.month}`);
  }
  const months = monthRange(lastMonth, Math.max(0, Math.floor(options.months)));
  const last = months[months.length - 1];
  if (last === undefined) return [];

  const activeModels = (u: DemoUnit): DemoModel[] => u.models.filter((m) => m.status === 'active');
  const reporting = units.filter((u) => activeModels(u).length > 0);

  // One or two stale ("hình thức") models: started well before the window's end, 0 activities lately.
  const staleFrom = new Map<string, number>(); // "unitCode/title" → first month index of staleness
  const threeBack = months[Math.max(0, months.length - 3)]?.key ?? last.key;
  const staleCandidates = reporting
    .filter((u) => !dissolvedBy(u, last.key))
    .flatMap((u) => activeModels(u).filter((m) => startedBy(m, threeBack)).map((m) => `${u.code}/${m.title}`))
    .sort((a, b) => hash(seed, `stale:${a}`) - hash(seed, `stale:${b}`));
  for (const key of staleCandidates.slice(0, 2)) {
    const length = 2 + (hash(seed, `len:${key}`) % 2);
    staleFrom.set(key, Math.max(0, months.length - length));
  }
  const unitHasStale = (code: string, monthIndex: number): boolean =>
    [...staleFrom].some(([key, from]) => key.startsWith(`${code}/`) && monthIndex >= from);

  // One unit that has not sent the latest month (yet), so "chưa báo cáo" always has an example.
  const lateUnit = reporting
    .filter((u) => !dissolvedBy(u, last.key) && activeModels(u).some((m) => startedBy(m, last.key)))
    .filter((u) => !unitHasStale(u.code, months.length - 1))
    .sort((a, b) => hash(seed, `late:${a.code}`) - hash(seed, `late:${b.code}`))[0]?.code;
  // And one that began the latest month's report an hour after it opened and has not sent it:
  // the leader views show a unit "đang làm dở".
  const draftUnit = reporting
    .filter((u) => u.code !== lateUnit && !dissolvedBy(u, last.key) && activeModels(u).some((m) => startedBy(m, last.key)))
    .filter((u) => !unitHasStale(u.code, months.length - 1))
    .sort((a, b) => hash(seed, `draft:${a.code}`) - hash(seed, `draft:${b.code}`))[0]?.code;

  // Names for good deeds: grassroots people of the same tỉnh tree, so names fit the region.
  const byCode = new Map(units.map((u) => [u.code, u]));
  const rootOf = (u: DemoUnit): string => {
    let current = u;
    for (let guard = 0; current.parentCode !== null && guard < 64; guard++) {
      const parent = byCode.get(current.parentCode);
      if (parent === undefined) break;
      current = parent;
    }
    return current.code;
  };
  const namesByRoot = new Map<string, string[]>();
  for (const u of units.filter((x) => x.kind !== 'tinh' && x.kind !== 'huyen' && x.kind !== 'co_quan')) {
    const root = rootOf(u);
    namesByRoot.set(root, [...(namesByRoot.get(root) ?? []), ...u.people.map((p) => p.fullName)]);
  }

  const state = reporting.map((u) => {
    const unitRng = seededRandom(hash(seed, u.code));
    const membersTotal = u.kind === 'chi_bo' ? int(unitRng, 8, 40) : int(unitRng, 60, 200);
    return { unit: u, membersTotal, names: namesByRoot.get(rootOf(u)) ?? [] };
  });

  const reports: DemoMonthlyReport[] = [];
  months.forEach(({ year, month, key }, monthIndex) => {
    const isLast = monthIndex === months.length - 1;
    for (const s of state) {
      const { unit, membersTotal } = s;
      if (dissolvedBy(unit, key)) continue;
      const models = activeModels(unit).filter((m) => startedBy(m, key));
      if (models.length === 0) continue;
      const rng = seededRandom(hash(seed, `${unit.code}:${key}`));
      if (isLast && unit.code === draftUnit) {
        const opens = Math.min(schedule.opensOnDay, daysIn(year, month));
        const present = Math.min(membersTotal, Math.round(membersTotal * 0.85));
        reports.push({
          unitCode: unit.code, year, month, status: 'draft', noActivity: false, meetingsHeld: 1, membersPresent: present, membersTotal,
          themedSessionHeld: false, themedSessionSubject: null, difficulties: null, proposals: null,
          submittedAt: { year, month, day: opens, hour: Math.min(schedule.opensAtHour + 1, 20), minute: 0 }, onTime: true, models: [], goodDeeds: [],
        });
        continue;
      }

      const mustReport = unitHasStale(unit.code, monthIndex);
      const missed = chance(rng, MISS_RATE) || (isLast && unit.code === lateUnit);
      if (missed && !mustReport) continue;
      const { at: submittedAt, onTime } = submissionTime(rng, year, month, schedule);

      if (!mustReport && chance(rng, 0.02)) {
        reports.push({
          unitCode: unit.code,
          year,
          month,
          status: 'submitted',
          noActivity: true,
          // No meeting held: no attendance to report (what the check-in stores for «không có hoạt động»).
          meetingsHeld: 0,
          membersPresent: null,
          membersTotal: null,
          themedSessionHeld: false,
          themedSessionSubject: null,
          difficulties: 'Đảng viên đi làm ăn xa, mùa vụ bận, chưa tổ chức được sinh hoạt',
          proposals: null,
          submittedAt,
          onTime,
          models: [],
          goodDeeds: [],
        });
        continue;
      }

      // A themed session in one month of each quarter (which one is the unit's own), sometimes another.
      const quarter = Math.ceil(month / 3);
      const themedMonth = (quarter - 1) * 3 + 1 + (hash(seed, `themed:${unit.code}:${year}-Q${quarter}`) % 3);
      const themed = month === themedMonth || chance(rng, 0.15);

      const answers = models.map((m): DemoModelAnswer => {
        const from = staleFrom.get(`${unit.code}/${m.title}`);
        if (from !== undefined && monthIndex >= from) {
          return { modelTitle: m.title, activities: 0, participants: 0, progress: 'on_track', results: null, difficulties: null };
        }
        const r = rng();
        const activities = r < 0.08 ? 0 : r < 0.43 ? 1 : r < 0.75 ? 2 : r < 0.92 ? 3 : 4;
        const progress: ModelProgress =
          activities === 0 ? (chance(rng, 0.5) ? 'delayed' : 'paused') : chance(rng, 0.88) ? 'on_track' : 'delayed';
        return {
          modelTitle: m.title,
          activities,
          participants: activities * int(rng, 10, 40),
          progress,
          results: activities > 0 && chance(rng, 0.55) ? pick(rng, RESULTS[m.field])(rng) : null,
          difficulties: chance(rng, progress === 'on_track' ? 0.1 : 0.6) ? pick(rng, MODEL_DIFFICULTIES) : null,
        };
      });

      // Half the time one of the unit's own people, otherwise someone from the same tỉnh tree.
      const own = unit.people.map((p) => p.fullName);
      const pool = chance(rng, 0.5) && own.length > 0 ? own : s.names;
      const goodDeeds =
        pool.length > 0 && chance(rng, 0.15)
          ? [{ personName: pick(rng, pool), description: pick(rng, GOOD_DEEDS)(rng) }]
          : [];

      reports.push({
        unitCode: unit.code,
        year,
        month,
        status: 'submitted',
        noActivity: false,
        meetingsHeld: chance(rng, 0.1) ? 2 : 1,
        membersPresent: Math.min(membersTotal, Math.round(membersTotal * (0.8 + rng() * 0.17))),
        membersTotal,
        themedSessionHeld: themed,
        themedSessionSubject: themed ? pick(rng, THEMED_SUBJECTS) : null,
        difficulties: chance(rng, 0.22) ? pick(rng, UNIT_DIFFICULTIES) : null,
        proposals: chance(rng, 0.18) ? pick(rng, PROPOSALS) : null,
        submittedAt,
        onTime,
        models: answers,
        goodDeeds,
      });
    }
  });
  return reports;
}

/** The demo as it stands at an instant: its reporting month and the reports sent (or begun) by then. */
export interface DemoAtInstant {
  /** The month secretaries report on at `now` (DESIGN.md §6): the previous one until the period opens. */
  reportingMonth: { year: number; month: number };
  /** How many months the history covers, ending with the reporting month. */
  months: number;
  /** Each report (or draft) with the instant it was sent (begun): all after `since`, none after `now`. */
  reports: (DemoMonthlyReport & { at: Date })[];
}

/**
 * Plays the demo at `now`: history up to the REPORTING month, at least `minMonths` long and from
 * January of the reporting year, with only what had been sent by `now` (and, when `since` is
 * given, after it: what a demo seeded earlier has not shown yet). Pure: the clock is passed in.
 */
export function playDemoAt(options: {
  units: readonly DemoUnit[];
  now: Date;
  since: Date | null;
  timeZone: string;
  schedule: MonthlySchedule;
  seed: number;
  minMonths: number;
}): DemoAtInstant {
  const { now, since, timeZone, schedule } = options;
  const current = reportingMonth(now, schedule, timeZone);
  const sinceMonth = since ? reportingMonth(since, schedule, timeZone) : current;
  const gap = (current.year - sinceMonth.year) * 12 + (current.month - sinceMonth.month);
  const months = Math.max(options.minMonths, current.month, gap + 2);
  const reports = generateDemoHistory({ units: options.units, lastMonth: current, months, seed: options.seed, schedule })
    .map((r) => ({ ...r, at: zonedInstant(r.submittedAt, timeZone) }))
    .filter((r) => r.at.getTime() <= now.getTime() && (since === null || r.at.getTime() > since.getTime()));
  return { reportingMonth: current, months, reports };
}
