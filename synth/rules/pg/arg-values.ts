import type { PgArgType } from '../../../constructs/apps/sql';

/** Whether a JS value can be bound to an argument of `type`. */
export function argValueValid(type: PgArgType, value: unknown): boolean {
  switch (type) {
    case 'INT':
      return Number.isInteger(value) && (value as number) >= -(2 ** 31) && (value as number) < 2 ** 31;
    case 'BIGINT':
      return Number.isSafeInteger(value);
    case 'FLOAT':
    case 'DOUBLE':
      return typeof value === 'number' && Number.isFinite(value);
    case 'BOOL':
      return typeof value === 'boolean';
    case 'TEXT':
      return typeof value === 'string';
    case 'TIMESTAMP':
      return typeof value === 'string' && /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d+)?$/.test(value);
  }
}
