import { z } from 'zod';
import { ValidationError } from '../../lib/errors.js';
import { deleteAudited, insertAudited, updateAudited, type Actor, type Executor } from '../audit/audit.js';

const codesField = (label: string, max: number) =>
  z
    .string()
    .trim()
    .min(1, `Enter the 3-digit DfE codes of the ${label}`)
    .transform((v) => [...new Set(v.split(/[\s,;]+/).filter(Boolean))])
    .refine(
      (codes) => codes.every((c) => /^\d{3}$/.test(c)),
      `Each ${label.replace(/s$/, '')} must be a 3-digit DfE code, like 831`,
    )
    .refine((codes) => codes.length <= max, `Enter at most ${max} ${label}`);

export const neighboursSchema = z.object({ codes: codesField('neighbours', 20) });
export const groupSchema = z.object({
  name: z.string().trim().min(1, 'Enter a name for the group').max(100, 'Name must be 100 characters or fewer'),
  codes: codesField('authorities', 200),
});
export type GroupInput = z.infer<typeof groupSchema>;

/** Refuse codes that are not DfE authorities, naming them against the codes field. */
async function checkCodes(db: Executor, codes: string[]): Promise<void> {
  if (!codes.length) return;
  const rows = await db.selectFrom('benchmarkAreas').select('laCode').where('laCode', 'in', codes).execute();
  const known = new Set(rows.map((r) => r.laCode));
  const unknown = codes.filter((c) => !known.has(c));
  if (!unknown.length) return;
  const one = unknown.length === 1;
  throw new ValidationError([
    {
      path: 'codes',
      message: `${unknown.join(', ')} ${one ? 'is not a' : 'are not'} DfE authority code${one ? '' : 's'}`,
    },
  ]);
}

/** Replace the organisation's statistical neighbours, in the order given. */
export async function saveNeighbours(trx: Executor, actor: Actor, codes: string[]): Promise<void> {
  await checkCodes(trx, codes);
  const existing = await trx
    .selectFrom('organisationNeighbours')
    .select(['id', 'laCode'])
    .where('organisationId', '=', actor.organisationId)
    .execute();
  for (const e of existing) await deleteAudited(trx, actor, 'organisationNeighbours', e.id);
  for (const [i, laCode] of codes.entries())
    await insertAudited(trx, actor, 'organisationNeighbours', { laCode, position: i + 1 });
}

export async function createGroup(trx: Executor, actor: Actor, input: GroupInput) {
  await checkCodes(trx, input.codes);
  return insertAudited(trx, actor, 'benchmarkGroups', { name: input.name, laCodes: JSON.stringify(input.codes) });
}

export async function updateGroup(trx: Executor, actor: Actor, id: string, input: GroupInput, version: number) {
  await checkCodes(trx, input.codes);
  return updateAudited(
    trx,
    actor,
    'benchmarkGroups',
    id,
    { name: input.name, laCodes: JSON.stringify(input.codes) },
    version,
  );
}
