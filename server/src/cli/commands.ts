// The command-line commands the running server accepts over its local socket (relay.ts).
import type { CliCommand } from './cli-io.ts';
import { adminCommand } from './admin.ts';
import { importCommand } from './import.ts';

export const RELAYED_COMMANDS: Record<string, CliCommand> = { admin: adminCommand, import: importCommand };
