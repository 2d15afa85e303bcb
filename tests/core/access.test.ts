import { describe, expect, it } from 'vitest';
import { covers, reviewerRoleOf, scopeCovering, scopeRootsOf } from '../../src/core/access.js';

const role = (r: 'leader' | 'secretary' | 'deputy' | 'admin', unitId: number, unitPath: string) => ({ role: r, unitId, unitName: '', unitCode: '', unitPath });

describe('scopeRootsOf', () => {
  it('gives a leader the subtree, a secretary the unit alone, an admin the organisation from its root', () => {
    expect(scopeRootsOf([role('leader', 7, '/1/7/')])).toEqual([{ unitId: 7, path: '/1/7/', subtree: true, role: 'leader' }]);
    expect(scopeRootsOf([role('secretary', 42, '/1/7/42/')])).toEqual([{ unitId: 42, path: '/1/7/42/', subtree: false, role: 'secretary' }]);
    expect(scopeRootsOf([role('admin', 9, '/1/9/')])).toEqual([{ unitId: 1, path: '/1/', subtree: true, role: 'admin' }]);
  });

  it('drops a root another already covers, widest first', () => {
    const roots = scopeRootsOf([role('secretary', 42, '/1/7/42/'), role('leader', 7, '/1/7/'), role('leader', 8, '/2/8/')]);
    expect(roots.map((r) => r.unitId)).toEqual([7, 8]);
  });
});

describe('covers', () => {
  it('matches whole path segments only', () => {
    const leader = { unitId: 7, path: '/1/7/', subtree: true, role: 'leader' as const };
    expect(covers(leader, { id: 70, path: '/1/70/' })).toBe(false);
    expect(covers(leader, { id: 42, path: '/1/7/42/' })).toBe(true);
    const secretary = { unitId: 42, path: '/1/7/42/', subtree: false, role: 'secretary' as const };
    expect(covers(secretary, { id: 43, path: '/1/7/42/43/' })).toBe(false);
    expect(scopeCovering([secretary], { id: 42, path: '/1/7/42/' })).toBe(secretary);
  });
});

describe('reviewerRoleOf', () => {
  const cell = { id: 42, path: '/1/7/42/' };
  it('lets the leader of the nearest unit above with a leader review, and nobody further up', () => {
    expect(reviewerRoleOf([role('leader', 7, '/1/7/')], cell, 7)).toBe('leader');
    // The province's leader sees the cell but the commune's leader reviews it.
    expect(reviewerRoleOf([role('leader', 1, '/1/')], cell, 7)).toBeNull();
    // With no leader at the commune, the province's leader is the nearest.
    expect(reviewerRoleOf([role('leader', 1, '/1/')], cell, 1)).toBe('leader');
  });

  it('lets an admin of the organisation review anywhere in it, and no one outside it', () => {
    expect(reviewerRoleOf([role('admin', 9, '/1/9/')], cell, 7)).toBe('admin');
    expect(reviewerRoleOf([role('admin', 2, '/2/')], cell, 7)).toBeNull();
  });

  it('never lets the unit review itself: its secretary, or a leader of the unit', () => {
    expect(reviewerRoleOf([role('secretary', 42, '/1/7/42/')], cell, 7)).toBeNull();
    expect(reviewerRoleOf([role('leader', 42, '/1/7/42/')], cell, 42)).toBeNull();
    expect(reviewerRoleOf([role('leader', 70, '/1/70/')], { id: 71, path: '/1/7/71/' }, 70)).toBeNull();
  });
});
