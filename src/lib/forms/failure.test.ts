import { describe, expect, it } from 'vitest';
import { formFailure } from './failure.js';
import { AppError, ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors.js';

describe('formFailure', () => {
  const cases: { name: string; err: unknown; forbiddenOnForm?: boolean; status: number; details: unknown }[] = [
    {
      name: 'field details keep their fields, list indexes point at the list',
      err: new ValidationError([
        { path: 'title', message: 'Enter a title' },
        { path: 'owners.2', message: 'Choose an owner' },
      ]),
      status: 400,
      details: [
        { path: 'title', message: 'Enter a title' },
        { path: 'owners', message: 'Choose an owner' },
      ],
    },
    {
      name: 'a stale edit is said against the named field',
      err: new ConflictError('Someone else changed this'),
      status: 409,
      details: [{ path: 'reference', message: 'Someone else changed this' }],
    },
    {
      name: 'a 422 without details is said against the named field',
      err: new AppError(422, 'x', 'The dates overlap'),
      status: 400,
      details: [{ path: 'reference', message: 'The dates overlap' }],
    },
    {
      name: 'a refusal by role is shown on the form when asked',
      err: new ForbiddenError('Only an admin can re-baseline'),
      forbiddenOnForm: true,
      status: 403,
      details: [{ path: 'reference', message: 'Only an admin can re-baseline' }],
    },
  ];
  it.each(cases)('$name', ({ err, forbiddenOnForm, status, details }) => {
    expect(formFailure(err, { field: 'reference', forbiddenOnForm })).toEqual({ status, details });
  });

  it.each([
    ['a refusal by role without forbiddenOnForm', new ForbiddenError()],
    ['a missing record', new NotFoundError()],
    ['a programming fault', new TypeError('x is undefined')],
  ])('throws on %s', (_name, err) => {
    expect(() => formFailure(err, { field: 'reference' })).toThrow(err as Error);
  });
});
