import { describe, expect, it } from 'vitest';
import { checkMove, checkRoleGrant, personCreateForm, unitCreateForm, vietnamesePhone } from '../../../src/core/admin/organisation-rules.js';

describe('the admin forms’ rules', () => {
  it('reads Vietnamese phones as the import writes them, and refuses others', () => {
    expect(vietnamesePhone('0912 345 678')).toBe('0912345678');
    expect(vietnamesePhone('+84 912.345.678')).toBe('0912345678');
    expect(vietnamesePhone('0084 912 345 678')).toBe('0912345678');
    expect(vietnamesePhone('912345678')).toBe('0912345678');
    expect(vietnamesePhone('12345')).toBeNull();
    expect(vietnamesePhone('+33 6 12 34 56 78')).toBeNull();
    expect(vietnamesePhone('0012345678')).toBeNull();
  });

  it('checks codes and names as the import does', () => {
    expect(unitCreateForm.safeParse({ ma: ' KT.X ', ten: ' Chi  bộ X ', loai: 'chi_bo', 'cap-tren': 'KT' }).data).toEqual({ ma: 'KT.X', ten: 'Chi bộ X', loai: 'chi_bo', 'cap-tren': 'KT' });
    const bad = unitCreateForm.safeParse({ ma: 'có dấu', ten: '', loai: 'x', 'cap-tren': '' });
    expect(bad.success).toBe(false);
    expect(new Set(bad.error!.issues.map((i) => i.path[0]))).toEqual(new Set(['ma', 'ten', 'loai', 'cap-tren']));
    expect(personCreateForm.safeParse({ 'ho-ten': 'A', 'dien-thoai': '', 'don-vi': 'KT', 'vai-tro': 'deputy' }).data).toMatchObject({ 'dien-thoai': null, 'chuc-vu': null });
  });

  it('refuses a move into the unit’s own subtree, of the root, or to where it is', () => {
    const unit = { id: 4, path: '/1/2/4/', parentId: 2, name: 'Xã' };
    expect(checkMove(unit, { id: 9, path: '/1/2/4/9/', name: 'Chi bộ' })?.message).toContain('vòng lặp');
    expect(checkMove(unit, { id: 4, path: '/1/2/4/', name: 'Xã' })?.message).toContain('chính nó');
    expect(checkMove({ ...unit, parentId: null }, { id: 3, path: '/1/3/', name: 'B' })?.field).toBe('cap-tren');
    expect(checkMove(unit, { id: 2, path: '/1/2/', name: 'Huyện' })?.message).toContain('đã ở dưới');
    expect(checkMove(unit, { id: 3, path: '/1/3/', name: 'Huyện khác' })).toBeNull();
  });

  it('refuses a second secretary with the transfer to offer, a role held twice, a stopped unit', () => {
    const holders = [{ personId: 7, fullName: 'A Blơng', roleId: 70 }];
    expect(checkRoleGrant({ role: 'secretary', personId: 8, unitDissolved: false, holders })).toMatchObject({ field: 'vai-tro', transferFrom: { roleId: 70, fullName: 'A Blơng' } });
    expect(checkRoleGrant({ role: 'deputy', personId: 8, unitDissolved: false, holders })).toBeNull();
    expect(checkRoleGrant({ role: 'deputy', personId: 7, unitDissolved: false, holders })?.field).toBe('vai-tro');
    expect(checkRoleGrant({ role: 'leader', personId: null, unitDissolved: true, holders: [] })?.field).toBe('don-vi');
  });
});
