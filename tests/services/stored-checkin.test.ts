import { describe, expect, it } from 'vitest';
import { StoredJsonError } from '../../src/core/stored-json.js';
import { readStoredCheckin, STORED_CHECKIN_VERSION } from '../../src/services/stored-checkin.js';

const about = {
  personName: 'Nguyễn Văn A',
  unitName: 'Chi bộ Hạt Kiểm lâm',
  periodLabel: '11/2026',
  month: 11,
  dueLabel: '25/11/2026',
  dueAt: '2026-11-25T16:59:59.000Z',
  questionSetId: 1,
  reportId: 9,
  models: [{ id: 3, title: 'Trồng cây cà phê tại thôn 4, xã Đăk Pne' }],
};
const checkin = { phase: 'asking', step: 4, trail: [0, 1, 2, 3], answers: { meetingsHeld: 1, attendance: { present: 17, total: 19 } }, noActivity: false, editing: false, lastMediaGroup: null };

describe('conversations.state', () => {
  it('reads the current version as written', () => {
    const state = { v: STORED_CHECKIN_VERSION, checkin, about, screenVersion: 5, seenVersion: 0 };
    expect(readStoredCheckin({ id: 1, version: 6, state })).toEqual(state);
  });

  it('upgrades a row of version 1: the screen is the row\'s version, bare photo references become photos', () => {
    const old = { checkin: { ...checkin, answers: { ...checkin.answers, 'm0.photos': ['AgACOld1', { fileRef: 'AgACNew', mediaGroupId: 'album-1' }] } }, about };
    expect(readStoredCheckin({ id: 2, version: 7, state: old })).toEqual({
      v: STORED_CHECKIN_VERSION,
      checkin: { ...checkin, answers: { ...checkin.answers, 'm0.photos': [{ fileRef: 'AgACOld1' }, { fileRef: 'AgACNew', mediaGroupId: 'album-1' }] } },
      about,
      screenVersion: 7,
    });
    // A screen version the row kept stays.
    expect(readStoredCheckin({ id: 3, version: 7, state: { checkin, about, screenVersion: 4 } }).screenVersion).toBe(4);
  });

  it('keeps fields it does not know, written by a newer release', () => {
    expect(readStoredCheckin({ id: 4, version: 1, state: { v: 2, checkin, about, screenVersion: 1, later: { x: 1 } } })).toMatchObject({ later: { x: 1 } });
  });

  it('refuses a state that is no check-in, naming its row', () => {
    expect(() => readStoredCheckin({ id: 5, version: 1, state: { checkin: {} } })).toThrow(StoredJsonError);
    expect(() => readStoredCheckin({ id: 6, version: 1, state: { checkin, about: { personName: 'A' } } })).toThrow(/^conversations row 6: state does not parse \(about\./);
  });
});
