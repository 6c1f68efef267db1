import { describe, expect, it } from 'vitest';
import { formFailure, type FailureOptions } from './failure.js';
import { AppError, ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors.js';

describe('formFailure', () => {
  const cases: {
    name: string;
    err: unknown;
    opts?: Omit<FailureOptions, 'field'>;
    status: number;
    details: unknown;
  }[] = [
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
      opts: { forbiddenOnForm: true },
      status: 403,
      details: [{ path: 'reference', message: 'Only an admin can re-baseline' }],
    },
    {
      name: 'a refusal by role is shown against the field forbiddenOnForm names',
      err: new ForbiddenError('Only an admin can re-baseline'),
      opts: { forbiddenOnForm: 'dueDate' },
      status: 403,
      details: [{ path: 'dueDate', message: 'Only an admin can re-baseline' }],
    },
    {
      name: 'a stale edit whose service named the field keeps it when asked',
      err: new ConflictError('The sample has already been drawn', [{ path: 'size', message: 'Already drawn' }]),
      opts: { conflictDetails: 'keep' },
      status: 409,
      details: [{ path: 'size', message: 'Already drawn' }],
    },
    {
      name: 'a stale version is never kept: the hidden version input is no field to correct',
      err: new ConflictError('Someone else changed this audit', [
        { path: 'version', message: 'You worked on version 2; the current version is 3' },
      ]),
      opts: { conflictDetails: 'keep' },
      status: 409,
      details: [{ path: 'reference', message: 'Someone else changed this audit' }],
    },
    {
      name: 'a stale edit whose service named the field is said against the named field by default',
      err: new ConflictError('You worked on version 2', [{ path: 'version', message: 'You worked on version 2' }]),
      status: 409,
      details: [{ path: 'reference', message: 'You worked on version 2' }],
    },
    {
      name: 'a stale edit without details is said against the named field even when keeping details',
      err: new ConflictError('Someone else changed this'),
      opts: { conflictDetails: 'keep' },
      status: 409,
      details: [{ path: 'reference', message: 'Someone else changed this' }],
    },
    {
      name: 'keepPaths keeps a key ending in .N (a standard "1.1") whole',
      err: new ValidationError([{ path: 'grades.1.1', message: 'Choose a grade' }]),
      opts: { keepPaths: true },
      status: 400,
      details: [{ path: 'grades.1.1', message: 'Choose a grade' }],
    },
  ];
  it.each(cases)('$name', ({ err, opts, status, details }) => {
    expect(formFailure(err, { field: 'reference', ...opts })).toEqual({ status, details });
  });

  it.each([
    ['a refusal by role without forbiddenOnForm', new ForbiddenError()],
    ['a missing record', new NotFoundError()],
    ['a programming fault', new TypeError('x is undefined')],
  ])('throws on %s', (_name, err) => {
    expect(() => formFailure(err, { field: 'reference' })).toThrow(err as Error);
  });
});
