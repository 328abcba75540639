import "server-only";
import type { PublishingConfig } from "@/lib/platform/config";

/** SciCat refused the record itself (4xx other than a login problem): retrying cannot help. */
export class SciCatRejection extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = "SciCatRejection";
  }
}

/** SciCat could not be reached or answered with a passing problem (5xx, 429, login): retry later. */
export class SciCatUnavailable extends Error {
  constructor(
    message: string,
    /**
     * The connection broke after the call was sent: SciCat may have carried it out, or the call
     * went out on a kept-alive connection SciCat had just closed. Worth one more try at once,
     * one that first asks SciCat what it holds.
     */
    readonly connectionLost = false,
  ) {
    super(message);
    this.name = "SciCatUnavailable";
  }
}

/** Errors of a connection that broke under a call (not: refused, unknown host, timeout). */
const lostConnection = /ECONNRESET|EPIPE|UND_ERR_SOCKET|other side closed|socket hang up/;

const requestTimeoutMs = 15_000;

/** SciCat's error text: NestJS sends `message` as a string, a list, or a JSON-encoded list. */
export function sciCatMessage(status: number, body: string): string {
  let message: unknown = body;
  try {
    const parsed = JSON.parse(body) as { message?: unknown };
    message = parsed.message ?? body;
    if (typeof message === "string" && message.startsWith("[")) message = JSON.parse(message) as unknown;
  } catch {
    // Not JSON: the body is the message.
  }
  const text = Array.isArray(message)
    ? message
        .map((item: unknown) =>
          item && typeof item === "object" && "constraints" in item
            ? `${String((item as { property?: unknown }).property)}: ${Object.values((item as { constraints: object }).constraints).join("; ")}`
            : String(item),
        )
        .join("; ")
    : String(message);
  return `SciCat answered ${status}: ${text.slice(0, 1000) || "(no message)"}`;
}

/**
 * The SciCat instance records are published to: its v3 API (and v4 beside it, for attachments
 * with our ids), logged in with the functional account, the login renewed when SciCat expires it.
 */
export class SciCatTarget {
  private token: string | undefined;

  constructor(
    readonly settings: PublishingConfig,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {
    if ("token" in settings.credentials) this.token = settings.credentials.token;
  }

  private url(path: string, version: 3 | 4): string {
    const base = version === 3 ? this.settings.apiUrl : this.settings.apiUrl.replace(/\/api\/v3$/, "/api/v4");
    return `${base}/${path}`;
  }

  private async send(method: string, url: string, body: unknown, token: string | undefined): Promise<Response> {
    try {
      return await this.fetchImpl(url, {
        method,
        headers: {
          accept: "application/json",
          ...(body === undefined ? {} : { "content-type": "application/json" }),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(requestTimeoutMs),
      });
    } catch (error) {
      const reason =
        error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : error;
      throw new SciCatUnavailable(
        `SciCat did not answer ${method} ${url}: ${String(reason)}`,
        lostConnection.test(String(reason)),
      );
    }
  }

  private async login(): Promise<string> {
    const credentials = this.settings.credentials;
    if ("token" in credentials) throw new SciCatUnavailable("SciCat refused the configured SCICAT_PUBLISH_TOKEN (401)");
    const response = await this.send("POST", this.url("auth/login", 3), credentials, undefined);
    const text = await response.text();
    if (!response.ok)
      throw new SciCatUnavailable(
        `SciCat refused the login of ${credentials.username}: ${sciCatMessage(response.status, text)}`,
      );
    const token = (JSON.parse(text) as { access_token?: string; id?: string }).access_token;
    if (!token) throw new SciCatUnavailable("SciCat's login answer carried no access_token");
    this.token = token;
    return token;
  }

  /**
   * One call: the parsed answer, or null for 404 when `missing` allows it. A 401 logs in again
   * once; 5xx, 429 and no answer are SciCatUnavailable, other 4xx a SciCatRejection.
   */
  async request<T>(
    method: "GET" | "POST" | "PATCH" | "DELETE",
    path: string,
    options: { body?: unknown; version?: 3 | 4; missing?: "null" } = {},
  ): Promise<T | null> {
    const url = this.url(path, options.version ?? 3);
    let response = await this.send(method, url, options.body, this.token ?? (await this.login()));
    if (response.status === 401 && "username" in this.settings.credentials)
      response = await this.send(method, url, options.body, await this.login());
    const text = await response.text();
    if (response.ok) return (text ? JSON.parse(text) : {}) as T;
    if (response.status === 404 && options.missing === "null") return null;
    const message = `${method} ${path}: ${sciCatMessage(response.status, text)}`;
    if (response.status >= 500 || response.status === 429 || response.status === 401 || response.status === 408)
      throw new SciCatUnavailable(message);
    throw new SciCatRejection(response.status, message);
  }
}
