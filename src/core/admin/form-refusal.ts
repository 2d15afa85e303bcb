import { AppError } from '../errors.js';

/**
 * An admin form refused for reasons shown next to its fields (a cycle, a duplicate code, a
 * second secretary), or because the row changed since the form was loaded (`conflict`: 409).
 * Thrown inside the action's transaction, so nothing of it is written.
 */
export class FormRefused extends AppError {
  override readonly name = 'FormRefused';
  constructor(
    readonly fields: Readonly<Record<string, string>>,
    readonly options: { conflict?: boolean; askTransfer?: { roleId: number; fullName: string } } = {},
  ) {
    super(options.conflict ? 'VERSION_CONFLICT' : 'FORM_REFUSED', `refused: ${Object.keys(fields).join(', ')}`, { context: { fields: Object.keys(fields) } });
  }
}
