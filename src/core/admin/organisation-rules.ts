import { z } from 'zod';
import { ORG_UNIT_KINDS, ROLE_KINDS, type RoleKind } from '../domain.js';
import { normalizePhone, UNIT_CODE_PATTERN } from '../import/parse-import.js';
import { viAdmin } from '../messages/vi-admin.js';
import { cleanText } from '../text.js';

/**
 * The admin console's rules for units, people and roles (issue 17): the same rules as the
 * spreadsheet import (codes, names, phones: core/import), as zod schemas over the forms' fields
 * with the catalogue's Vietnamese messages, and the checks that need the stored tree or holders
 * (a move that would make a cycle, a second secretary) as pure functions.
 */

const tu = viAdmin.units.errors;
const tp = viAdmin.people.errors;

/** Longest name or title a form accepts: the import's cell limit. */
export const MAX_NAME = 500;

const text = (max: number) =>
  z
    .string()
    .default('')
    .transform(cleanText)
    .pipe(z.string().min(1, viAdmin.required).max(max, viAdmin.tooLong(max)));
const optionalText = (max: number) =>
  z
    .string()
    .default('')
    .transform(cleanText)
    .pipe(z.string().max(max, viAdmin.tooLong(max)))
    .transform((v) => (v === '' ? null : v));

/** A unit code as the import and the database's check allow it. */
export const unitCodeField = z
  .string()
  .default('')
  .transform(cleanText)
  .pipe(z.string().min(1, viAdmin.required).regex(UNIT_CODE_PATTERN, tu.badCode));

const unitKindField = z.enum(ORG_UNIT_KINDS, { message: tu.badKind });

/** «Thêm đơn vị»: code, name, kind and the parent's code (inside the organisation, checked against the tree). */
export const unitCreateForm = z.object({ ma: unitCodeField, ten: text(MAX_NAME), loai: unitKindField, 'cap-tren': unitCodeField });
/** «Đổi tên, loại». */
export const unitEditForm = z.object({ ten: text(MAX_NAME), loai: unitKindField });
/** «Chuyển»: the new parent's code. */
export const unitMoveForm = z.object({ 'cap-tren': unitCodeField });

/**
 * A phone as people write it ("0912 345 678", "+84 912.345.678"), normalised as the import does;
 * null when it is not a Vietnamese number: 0 then 9 or 10 digits, or +84 then 9 or 10 digits.
 */
export function vietnamesePhone(written: string): string | null {
  const phone = normalizePhone(written);
  if (!phone) return null;
  return /^(0|\+84)[1-9][0-9]{8,9}$/.test(phone) ? phone : null;
}

const phoneField = z
  .string()
  .default('')
  .transform(cleanText)
  .transform((v, ctx) => {
    if (v === '') return null;
    const phone = vietnamesePhone(v);
    if (!phone) {
      ctx.addIssue({ code: 'custom', message: tp.badPhone });
      return z.NEVER;
    }
    return phone;
  });

const roleField = z.enum(ROLE_KINDS, { message: tp.badRole });

/** «Họ tên, điện thoại» of a person already stored. */
export const personEditForm = z.object({ 'ho-ten': text(MAX_NAME), 'dien-thoai': phoneField });
/** «Thêm cán bộ»: a person joins the organisation through a role in one of its units. */
export const personCreateForm = z.object({
  'ho-ten': text(MAX_NAME),
  'dien-thoai': phoneField,
  'don-vi': unitCodeField,
  'vai-tro': roleField,
  'chuc-vu': optionalText(MAX_NAME),
});
/** «Giao vai trò» to a person already stored. */
export const roleGrantForm = z.object({ 'don-vi': unitCodeField, 'vai-tro': roleField, 'chuc-vu': optionalText(MAX_NAME) });
/** «Chuyển giao»: to someone already in the organisation (by id) or to a new person (name, phone). */
export const roleTransferForm = z
  .object({
    'nguoi-nhan': z
      .string()
      .default('')
      .transform(cleanText)
      .pipe(z.union([z.literal(''), z.string().regex(/^[0-9]{1,9}$/, tp.unknownPerson)])),
    'ho-ten-moi': optionalText(MAX_NAME),
    'dien-thoai-moi': phoneField,
  })
  .superRefine((v, ctx) => {
    if (v['nguoi-nhan'] === '' && v['ho-ten-moi'] === null) ctx.addIssue({ code: 'custom', path: ['nguoi-nhan'], message: tp.pickSuccessor });
  });

/** Where a refused form's reason goes: the field it concerns. */
export interface FieldRefusal {
  field: string;
  message: string;
}

/**
 * Whether a unit may go under a new parent: the organisation's root stays where it is, a unit
 * never goes under itself or one of its own units (the database's trigger refuses that cycle
 * too; this says why first), and a move to where it already is changes nothing.
 */
export function checkMove(
  unit: { id: number; path: string; parentId: number | null; name: string },
  parent: { id: number; path: string; name: string },
): FieldRefusal | null {
  if (unit.parentId === null) return { field: 'cap-tren', message: tu.rootCannotMove };
  if (parent.id === unit.id) return { field: 'cap-tren', message: tu.intoItself };
  if (parent.path.startsWith(unit.path)) return { field: 'cap-tren', message: tu.cycle(parent.name, unit.name) };
  if (parent.id === unit.parentId) return { field: 'cap-tren', message: tu.sameParent };
  return null;
}

/**
 * Whether a person may take a role in a unit: not in a unit that stopped, not twice, and never
 * a second current secretary (the form then offers a transfer instead: `askTransfer`).
 */
export function checkRoleGrant(p: {
  role: RoleKind;
  personId: number | null;
  unitDissolved: boolean;
  holders: readonly { personId: number; fullName: string; roleId: number }[];
}): (FieldRefusal & { transferFrom?: { roleId: number; fullName: string } }) | null {
  if (p.unitDissolved) return { field: 'don-vi', message: tp.dissolvedUnit };
  if (p.personId !== null && p.holders.some((h) => h.personId === p.personId)) return { field: 'vai-tro', message: tp.alreadyHeld };
  const secretary = p.role === 'secretary' ? p.holders[0] : undefined;
  if (secretary) return { field: 'vai-tro', message: tp.secondSecretary(secretary.fullName), transferFrom: { roleId: secretary.roleId, fullName: secretary.fullName } };
  return null;
}
