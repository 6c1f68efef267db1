import type { CliCommand } from '../../cli/extra-commands.js';
import { withServices } from '../../cli/services.js';

const formatCount = (n: number) => n.toLocaleString('en-GB');

/** A refused backup or restore prints its reason and exits 2, like the CLI's other refusals. */
async function refusalsExit(run: () => Promise<void>): Promise<void> {
  const { BackupRefusedError } = await import('./archive.js');
  try {
    await run();
  } catch (err) {
    if (!(err instanceof BackupRefusedError)) throw err;
    console.error(err.message);
    process.exitCode = 2;
  }
}

/** `npm run waymark -- backup --out FILE`: the whole database as one archive (see ADR 0820). */
export const backupCommand: CliCommand = {
  name: 'backup',
  usage:
    'backup --out FILE                               write every record (not sign-ins) to one checked archive file',
  async run(args) {
    const { parseArgs } = await import('node:util');
    const { values } = parseArgs({ args, options: { out: { type: 'string' } } });
    const out = values.out;
    if (!out) throw new Error('Missing --out FILE: where to write the backup, like --out waymark-2025-05-22.jsonl.gz');
    const fs = await import('node:fs');
    if (fs.existsSync(out))
      throw new Error(`${out} already exists: choose a new file name (a backup never overwrites a file)`);
    const { writeBackupFile } = await import('./backup.js');
    // Backing up never changes the database, so no migrations: a restore brings an older backup forward.
    await withServices(
      async (services) => {
        // Ctrl-C or a SIGTERM stops the backup cleanly: the part-written file is removed.
        const controller = new AbortController();
        let stoppedBy: NodeJS.Signals | undefined;
        const interrupted = (signal: NodeJS.Signals) => {
          stoppedBy = signal;
          controller.abort();
        };
        process.once('SIGINT', interrupted);
        process.once('SIGTERM', interrupted);
        const started = Date.now();
        try {
          await refusalsExit(async () => {
            const meta = { engine: services.engine, waymarkVersion: services.config.version, now: services.now };
            const result = await writeBackupFile(services.db, meta, out, { signal: controller.signal });
            const where = services.engine === 'pglite' ? 'the embedded database' : 'the PostgreSQL database';
            const seconds = ((Date.now() - started) / 1000).toFixed(1);
            console.log(
              `Backed up ${formatCount(result.tables)} tables and ${formatCount(result.rows)} rows from ${where} ` +
                `to ${out} (${(result.bytes / 1024 / 1024).toFixed(1)} MB, ${seconds} s).`,
            );
          });
        } catch (err) {
          if (!stoppedBy) throw err;
          console.error(`Backup interrupted (${stoppedBy}): no backup was written.`);
          process.exitCode = stoppedBy === 'SIGINT' ? 130 : 143;
        } finally {
          process.off('SIGINT', interrupted);
          process.off('SIGTERM', interrupted);
        }
      },
      { migrate: false },
    );
  },
};

/** `npm run waymark -- restore --from FILE [--replace]`: load a backup into an empty database. */
export const restoreCommand: CliCommand = {
  name: 'restore',
  usage:
    'restore --from FILE [--replace]                 load a backup into an empty database (--replace: delete what is there first)',
  async run(args) {
    const { parseArgs } = await import('node:util');
    const { values } = parseArgs({ args, options: { from: { type: 'string' }, replace: { type: 'boolean' } } });
    if (!values.from) throw new Error('Missing --from FILE: the backup to restore');
    const fs = await import('node:fs');
    if (!fs.existsSync(values.from)) throw new Error(`There is no file ${values.from}`);
    const { restoreArchive } = await import('./restore.js');
    await refusalsExit(() =>
      withServices(
        async ({ db }) => {
          const r = await restoreArchive(db, () => fs.createReadStream(values.from!), {
            replace: values.replace,
          });
          console.log(
            `Restored ${formatCount(r.tables.length)} tables and ${formatCount(r.rows)} rows from a backup taken ${r.header.createdAt} ` +
              `(Waymark ${r.header.waymarkVersion}, ${r.header.engine === 'pglite' ? 'embedded database' : 'PostgreSQL'})` +
              `${r.replaced ? ', replacing what the database held' : ''}.` +
              (r.broughtForward.length ? ` Brought the schema forward with ${r.broughtForward.join(', ')}.` : '') +
              ' People sign in again; API tokens keep working.',
          );
        },
        { migrate: false },
      ),
    );
  },
};
