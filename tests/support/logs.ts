import { captureLogOutput, logger } from "@/lib/platform/logger";

export type LogLine = Record<string, unknown> & { level: string; msg: string; time: string };

/**
 * Strictly one JSON object per line, as production writes them: any other line (a stray
 * console.log, pretty output, a line split in two) throws. Works on a server's captured stdout too.
 */
export function parseLogLines(text: string): LogLine[] {
  if (text !== "" && !text.endsWith("\n")) throw new Error("log output does not end with a newline");
  return text
    .split("\n")
    .slice(0, -1)
    .map((line, index) => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(line);
      } catch {
        throw new Error(`log line ${index + 1} is not JSON: ${line}`);
      }
      if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed))
        throw new Error(`log line ${index + 1} is not a JSON object: ${line}`);
      const entry = parsed as LogLine;
      for (const key of ["level", "msg", "time"] as const)
        if (typeof entry[key] !== "string") throw new Error(`log line ${index + 1} has no ${key}: ${line}`);
      return entry;
    });
}

/** Captures what the process-wide logger writes (at every level) until `restore`. */
export function captureLogs() {
  let text = "";
  const level = logger.level;
  logger.level = "trace";
  const undo = captureLogOutput({ write: (line: string) => void (text += line) });
  return {
    text: () => text,
    lines: () => parseLogLines(text),
    clear: () => void (text = ""),
    restore: () => {
      undo();
      logger.level = level;
    },
  };
}
