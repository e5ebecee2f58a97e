import { plainToInstance } from 'class-transformer';
import { IsInt, IsUUID, Max, Min, ValidateBy, validate } from 'class-validator';
import { badInput, invalidInput } from '../../common/errors';
import { fieldProblems } from '../../graphql/format-error';

/** Validation shared by the quality sub-domains' inputs and resolvers. */

export const IsUuid = (field: string, each = false) =>
  IsUUID('all', { each, message: each ? 'mỗi mục phải là một mã UUID' : `${field} must be a UUID` });

export const IsYear = (field: string) => (target: object, key: string | symbol) => {
  IsInt({ message: `${field} must be a whole year` })(target, key);
  Min(2000, { message: `${field} must be 2000 or later` })(target, key);
  Max(2100, { message: `${field} must be 2100 or earlier` })(target, key);
};

/**
 * A finite number with at most two decimals. Not class-validator's `IsNumber({ maxDecimalPlaces })`:
 * it counts decimals in `String(value)` and throws (a 500) on one written with an exponent, such
 * as 1e-7 or -5e-323.
 */
export const IsHundredths = (message: string) =>
  ValidateBy({
    name: 'isHundredths',
    validator: {
      validate: (value: unknown) =>
        typeof value === 'number' && Number.isFinite(value * 100) && Math.abs(value * 100 - Math.round(value * 100)) < 1e-6,
      defaultMessage: () => message,
    },
  });

/**
 * class-validator on an input outside GraphQL (spreadsheet importers call the services row by
 * row): the same rules and the same `input.<field>` paths as at the edge. A plain object is
 * turned into an instance of `cls` first.
 */
export async function validInput<T extends object>(
  cls: new () => T,
  value: T | Record<string, unknown>,
  prefix = 'input',
): Promise<T> {
  const instance = value instanceof cls ? value : plainToInstance(cls, value);
  const errors = await validate(instance, { forbidUnknownValues: false, validationError: { target: false, value: false } });
  const problems = fieldProblems(errors, prefix);
  if (problems.length) throw invalidInput(problems);
  return instance;
}

export const pageSize = (n: number, path = 'first', max = 100) => {
  if (!Number.isInteger(n) || n < 1 || n > max)
    throw badInput(
      `${path} phải từ 1 đến ${max}`,
      [{ path, message: `phải từ 1 đến ${max}`, code: 'OUT_OF_RANGE' }],
      'OUT_OF_RANGE',
    );
  return n;
};
