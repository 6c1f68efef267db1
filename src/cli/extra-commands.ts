import { nationalImportCommand, nationalReleaseCommand } from '../features/national/cli.js';
import { remindersSendCommand } from '../features/reminders/cli.js';
import { annexAGenerateCommand } from '../features/annex-a/cli.js';
import { backupCommand, restoreCommand } from '../features/backup/cli.js';

/** Commands that features add to the CLI (for example `annex-a generate`). */
export interface CliCommand {
  name: string;
  sub?: string;
  usage: string;
  run(args: string[]): Promise<void>;
}

export const extraCommands: CliCommand[] = [
  nationalReleaseCommand,
  nationalImportCommand,
  annexAGenerateCommand,
  remindersSendCommand,
  backupCommand,
  restoreCommand,
];
