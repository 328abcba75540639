// The frame of the command-line tools (backup, restore, token): arguments, usage, and one clear line with an
// exit code on failure (2: wrong arguments, 1: the command failed), never a stack trace.
import path from "node:path";
import { ConfigError, redact } from "../lib/platform/config";

export type CommandSpec<Arguments extends { help: boolean }> = {
  usage: string;
  /** What failed, for the error line: "Backup failed". */
  failure: string;
  parse: () => Arguments;
  run: (args: Arguments) => Promise<void>;
};

export async function runCommand<Arguments extends { help: boolean }>(spec: CommandSpec<Arguments>): Promise<void> {
  let parsed: Arguments;
  try {
    parsed = spec.parse();
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${spec.usage}`);
    process.exitCode = 2;
    return;
  }
  if (parsed.help) return void console.log(spec.usage);
  try {
    await spec.run(parsed);
  } catch (error) {
    console.error(
      error instanceof ConfigError
        ? error.message
        : `${spec.failure}: ${redact(error instanceof Error ? error.message : String(error))}`,
    );
    process.exitCode = 1;
  }
}

/** npm runs scripts in the package folder; a relative path means the folder the user was in. */
export const fromUserFolder = (file: string) => path.resolve(process.env.INIT_CWD ?? process.cwd(), file);
