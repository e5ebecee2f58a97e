import { validate } from 'class-validator';
import { getMetadataStorage, type ValidatorFn } from 'type-graphql';
import { invalidInput } from '../common/errors';
import { fieldProblems } from './format-error';

/**
 * class-validator on every argument, with field paths a client can map to its form: fields of an
 * `@InputType` argument are reported under `input.` (every input argument is named `input`),
 * fields of an `@ArgsType` class by their own names.
 */
export const validateArgs: ValidatorFn = async (argValue, argType) => {
  if (argValue === null || typeof argValue !== 'object') return;
  const isInput = getMetadataStorage().inputTypes.some((t) => t.target === argType);
  const values = Array.isArray(argValue) ? argValue : [argValue];
  const problems = [];
  for (const [i, value] of values.entries()) {
    if (value === null || typeof value !== 'object') continue;
    const errors = await validate(value as object, {
      forbidUnknownValues: false,
      validationError: { target: false, value: false },
    });
    const prefix = isInput ? (Array.isArray(argValue) ? `input.${i}` : 'input') : '';
    problems.push(...fieldProblems(errors, prefix));
  }
  if (problems.length) {
    throw invalidInput(problems);
  }
};
