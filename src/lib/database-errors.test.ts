import { describe, expect, it } from 'vitest';
import { classifyDatabaseError } from './database-errors.js';

describe('what a database error means for the request', () => {
  // Codes and messages as PostgreSQL 15 and PGlite 0.4 give them (read from the errors each raised
  // for the query in the comment), and as pg gives a refused or dropped connection.
  it.each([
    [{ code: '22P02', message: 'invalid input syntax for type uuid: "x\'y"' }, 'input'], // select 'x''y'::uuid
    [{ code: '22008', message: 'date/time field value out of range: "2020-13-45"' }, 'input'],
    [{ code: '22003', message: 'integer out of range' }, 'input'],
    [{ code: '22021', message: 'invalid byte sequence for encoding "UTF8": 0x00' }, 'input'],
    [{ code: '2201B', message: 'invalid regular expression: parentheses () not balanced' }, 'input'],
    [{ code: '23505', message: 'duplicate key value violates unique constraint' }, 'conflict'],
    [{ code: '23503', message: 'insert or update on table violates foreign key constraint' }, 'invalid'],
    [{ code: '23514', message: 'new row violates check constraint' }, 'invalid'],
    [{ code: '54000', message: 'index row size 9000 exceeds btree version 4 maximum 2704' }, 'too-large'],
    [{ code: '42501', message: 'could not create file "base/5/16393": Permission denied' }, 'storage'], // PGlite, read-only folder
    [{ code: 'XX000', message: 'ERRORDATA_STACK_SIZE exceeded' }, 'storage'], // PGlite after a failed checkpoint
    [{ code: '53100', message: 'could not extend file: No space left on device' }, 'storage'],
    [{ code: '57P01', message: 'terminating connection due to administrator command' }, 'storage'], // pg_ctl stop
    [{ code: '57P03', message: 'the database system is starting up' }, 'storage'],
    [{ code: '25006', message: 'cannot execute INSERT in a read-only transaction' }, 'storage'],
    [{ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:5432' }, 'storage'],
    [{ message: 'Connection terminated unexpectedly' }, 'storage'],
    [{ code: '42501', message: 'permission denied for table users' }, undefined],
    [{ code: '42P01', message: 'relation "nope" does not exist' }, undefined],
    [new Error('Something else'), undefined],
    [null, undefined],
  ])('%o → %s', (err, kind) => {
    expect(classifyDatabaseError(err)).toBe(kind);
  });
});
