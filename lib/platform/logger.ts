import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import pino, { type DestinationStream, type Logger } from "pino";
import PinoPretty from "pino-pretty";
import { type LogLevel, logLevels } from "./environment-values";

export type { Logger };

/** What every line logged while one request is handled carries, whichever module logs it. */
export type LogContext = { reqId: string };

/**
 * Keys whose values never reach a log line, wherever a caller puts them. Request lines carry no
 * headers, cookies or query strings in the first place; this is the net under that rule.
 */
const redactedPaths = [
  "authorization",
  "cookie",
  "password",
  "token",
  "accessToken",
  "access_token",
  "secret",
  "*.authorization",
  "*.cookie",
  "*.password",
  "*.token",
  "*.accessToken",
  "*.access_token",
  "*.secret",
  "*.clientSecret",
  "*.bindPassword",
  "*.headers.authorization",
  "*.headers.cookie",
  '*.headers["set-cookie"]',
];

export type LogFormat = "json" | "pretty";

/** JSON lines wherever a machine reads the output (production, tests); pretty for `npm run dev`. */
export const logFormatFor = (nodeEnv: string | undefined): LogFormat => (nodeEnv === "development" ? "pretty" : "json");

/**
 * A logger writing synchronously to `output`: no transport, because transports run in worker
 * threads whose files Next's bundler does not ship, and a line logged just before process.exit
 * must not be lost. JSON is one object per line; pretty is for people at a terminal.
 */
export function createLogger(options: {
  format: LogFormat;
  level: LogLevel;
  output: DestinationStream;
  context?: AsyncLocalStorage<LogContext>;
}): Logger {
  const { context, output } = options;
  const prettify =
    options.format === "pretty"
      ? PinoPretty.prettyFactory({
          colorize: PinoPretty.isColorSupported,
          translateTime: "SYS:HH:MM:ss.l",
          ignore: "pid,hostname",
        })
      : undefined;
  return pino(
    {
      level: options.level,
      redact: { paths: redactedPaths, censor: "[redacted]" },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      mixin: () => context?.getStore() ?? {},
    },
    prettify ? { write: (line: string) => output.write(prettify(line)) } : output,
  );
}

/** Where the process-wide logger's lines go: standard output, unless a test captures them. */
type Sink = { output: DestinationStream };
type LoggerState = { logger: Logger; context: AsyncLocalStorage<LogContext>; sink: Sink };
const globalKey = Symbol.for("beamtime-sample-registry.logger");
type GlobalWithLogger = typeof globalThis & { [globalKey]?: LoggerState };

/**
 * The process-wide logger, on globalThis so that Next's separately bundled server chunks and dev
 * reloads share one (and one request context). It reads NODE_ENV and LOG_LEVEL itself rather than
 * config(): an invalid configuration is itself something to log.
 */
function loggerState(): LoggerState {
  const holder = globalThis as GlobalWithLogger;
  if (!holder[globalKey]) {
    const env = process.env;
    const context = new AsyncLocalStorage<LogContext>();
    const sink: Sink = { output: pino.destination({ dest: 1, sync: true }) };
    const logger = createLogger({
      format: logFormatFor(env.NODE_ENV),
      level: logLevels.find((known) => known === env.LOG_LEVEL) ?? (env.NODE_ENV === "test" ? "warn" : "info"),
      output: { write: (line) => sink.output.write(line) },
      context,
    });
    holder[globalKey] = { logger, context, sink };
  }
  return holder[globalKey];
}

export const logger: Logger = loggerState().logger;

/** A logger whose every line carries `bindings` (e.g. `{ component: "auth" }`). */
export function childLogger(bindings: Record<string, unknown>): Logger {
  return logger.child(bindings);
}

/** Runs `work` so that every line logged inside it, by any module, carries `context`. */
export function withLogContext<T>(context: LogContext, work: () => T): T {
  return loggerState().context.run(context, work);
}

/** Sends the process-wide logger's lines to `output` instead of standard output, until undone (tests). */
export function captureLogOutput(output: DestinationStream): () => void {
  const { sink } = loggerState();
  const previous = sink.output;
  sink.output = output;
  return () => {
    sink.output = previous;
  };
}
