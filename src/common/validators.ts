import { IsISO8601, Matches, MaxLength, MinLength } from 'class-validator';
import { ISO_DATE, NO_CONTROL_CHARS_MULTILINE } from './validation';

const apply =
  (decorators: PropertyDecorator[]): PropertyDecorator =>
  (target, key) => {
    for (const d of decorators) d(target, key);
  };
/** `YYYY-MM-DD` naming a real day. */
export const IsDay = (field: string) =>
  apply([
    Matches(ISO_DATE, { message: `${field} must be a date written YYYY-MM-DD` }),
    IsISO8601({ strict: true, strictSeparator: true }, { message: `${field} must be a real calendar date` }),
  ]);
/** Multi-line text without control characters. */
export const IsText = (field: string, max: number, min = 1) =>
  apply([
    MinLength(min, { message: `${field} must be at least ${min} characters long` }),
    MaxLength(max, { message: `${field} must be at most ${max} characters long` }),
    Matches(NO_CONTROL_CHARS_MULTILINE, { message: `${field} must not contain control characters` }),
  ]);
