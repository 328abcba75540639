import http from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A stand-in for the network between us and SciCat, in front of the real SciCat peer: it forwards
 * every call, or is down (connections refused, as when SciCat is stopped), or loses answers (the
 * call reaches SciCat and is carried out, the answer never comes back: a crash between "sent" and
 * "acknowledged" looks like this from SciCat's side), or holds answers (the caller waits, and can be
 * killed while SciCat has done what it asked). It records what it forwarded.
 */
export type SciCatProxy = {
  /** The API base to configure as SCICAT_PUBLISH_URL. */
  url: string;
  port: number;
  forwarded: { method: string; path: string; status: number }[];
  down(): Promise<void>;
  up(): Promise<void>;
  /** Loses the answers to calls of this method whose path matches (null: loses none). */
  loseAnswersTo(method: string, pathPattern: RegExp): void;
  /** Holds the answers to matching calls: SciCat has carried them out, the caller waits. */
  holdAnswersTo(method: string, pathPattern: RegExp): void;
  /** Answers nothing more for held or lost calls, and drops the connections of held ones. */
  keepAnswers(): void;
  /** Resolves when the next forwarded call matching `method` and `pathPattern` has been carried out by SciCat. */
  nextForwarded(method: string, pathPattern: RegExp): Promise<void>;
  close(): Promise<void>;
};

export async function startSciCatProxy(peerApiUrl: string, port = 0): Promise<SciCatProxy> {
  const upstream = new URL(peerApiUrl);
  const forwarded: SciCatProxy["forwarded"] = [];
  const waiters: { method: string; pattern: RegExp; resolve: () => void }[] = [];
  let intercepting: { method: string; pattern: RegExp; hold: boolean } | null = null;
  const held: http.IncomingMessage[] = [];

  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const outbound = http.request(
        {
          host: upstream.hostname,
          port: upstream.port,
          method: request.method,
          path: request.url,
          headers: { ...request.headers, host: upstream.host },
        },
        (answer) => {
          const body: Buffer[] = [];
          answer.on("data", (chunk: Buffer) => body.push(chunk));
          answer.on("end", () => {
            const record = { method: request.method ?? "", path: request.url ?? "", status: answer.statusCode ?? 0 };
            forwarded.push(record);
            for (const waiter of waiters.splice(0)) {
              if (waiter.method === record.method && waiter.pattern.test(record.path)) waiter.resolve();
              else waiters.push(waiter);
            }
            if (intercepting?.method === record.method && intercepting.pattern.test(record.path))
              return void (intercepting.hold ? held.push(request) : request.socket.destroy());
            response.writeHead(answer.statusCode ?? 502, answer.headers);
            response.end(Buffer.concat(body));
          });
        },
      );
      outbound.on("error", () => request.socket.destroy());
      outbound.end(Buffer.concat(chunks));
    });
  });

  const listen = () =>
    new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, "127.0.0.1", () => {
        server.off("error", reject);
        port = (server.address() as AddressInfo).port;
        resolve();
      });
    });
  await listen();
  const down = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });

  return {
    get url() {
      return `http://127.0.0.1:${port}${upstream.pathname.replace(/\/$/, "")}`;
    },
    get port() {
      return port;
    },
    forwarded,
    down,
    up: listen,
    loseAnswersTo: (method, pattern) => void (intercepting = { method, pattern, hold: false }),
    holdAnswersTo: (method, pattern) => void (intercepting = { method, pattern, hold: true }),
    keepAnswers: () => {
      intercepting = null;
      for (const request of held.splice(0)) request.socket.destroy();
    },
    nextForwarded: (method, pattern) => new Promise((resolve) => waiters.push({ method, pattern, resolve })),
    close: () => (server.listening ? down() : Promise.resolve()),
  };
}
