/**
 * The first columns of every table of an import's rows (findings, rows, row chunks): many rows per
 * import, so a sequence rather than a uuid, and they go when their import does.
 */
export const importRowKey = `id bigint generated always as identity primary key,
      organisation_id uuid not null references organisations(id),
      import_id uuid not null references annex_imports(id) on delete cascade`;
