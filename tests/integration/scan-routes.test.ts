import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Caller } from "@/lib/auth/caller";
import type { Database } from "@/lib/platform/db";
import { recordScanEvent } from "@/lib/scan/scan-events";
import { seedDemoData } from "@/lib/platform/seed";
import { currentCaller } from "@/lib/auth/session";
import { systemCaller, tokenCaller, userCaller } from "../support/callers";
import { createTestDatabase, databaseTier } from "../support/database";

/**
 * The scanner's server actions and routes, per kind of caller, through the same entry points the
 * browser and API clients use (the cells the authorization matrix needs).
 */
vi.mock("@/lib/auth/session", () => ({ currentCaller: vi.fn(), requireUser: vi.fn() }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
const actions = await import("@/lib/scan/actions");
const resolveRoute = await import("@/app/api/v1/resolve/route");
const suggestionsRoute = await import("@/app/api/v1/resolve/suggestions/route");
const eventsRoute = await import("@/app/api/v1/sample-events/route");
const eventRoute = await import("@/app/api/v1/sample-events/[eventId]/route");

type Who = { caller: Caller; token?: string };
let database: Database;
let callers: Record<string, Who>;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemoData(database.prisma);
  const reader = await tokenCaller(["samples:read"]);
  const recorder = await tokenCaller(["events:write"]);
  callers = {
    anonymous: { caller: { kind: "anonymous" } },
    otherUser: { caller: await userCaller("grace", "USER", { email: "grace.hopper@example.org" }) },
    member: { caller: await userCaller("ada", "USER", { email: "ada.lovelace@example.org" }) },
    staff: { caller: await userCaller("sam", "STAFF") },
    admin: { caller: await userCaller("alex", "ADMIN") },
    reader: { caller: reader.caller, token: reader.token },
    recorder: { caller: recorder.caller, token: recorder.token },
  };
});
afterAll(() => database.close());

function asSession(who: Who) {
  vi.mocked(currentCaller).mockResolvedValue(who.caller.kind === "token" ? { kind: "anonymous" } : who.caller);
}

async function call<Params>(
  who: Who,
  handler: (request: Request, context: { params: Promise<Params> }) => Promise<Response>,
  url: string,
  params: Params,
  init: RequestInit = {},
) {
  asSession(who);
  const headers: Record<string, string> = who.token ? { authorization: `Bearer ${who.token}` } : {};
  const response = await handler(new Request(`http://localhost${url}`, { ...init, headers }), {
    params: Promise.resolve(params),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const freshEvent = async () =>
  (await recordScanEvent(systemCaller, { code: "S-DEMO-09", kind: "mounted" })).events[0].id;

describe(`scanner actions and routes per caller (${databaseTier()})`, () => {
  it("GET /api/v1/resolve", async () => {
    const statuses: Record<string, number> = {};
    for (const [name, who] of Object.entries(callers))
      statuses[name] = (await call(who, resolveRoute.GET, "/api/v1/resolve?code=S-DEMO-01", {})).status;
    expect(statuses).toEqual({
      anonymous: 401,
      otherUser: 403,
      member: 200,
      staff: 200,
      admin: 200,
      reader: 200,
      recorder: 403,
    });
    const member = await call(callers.member, resolveRoute.GET, "/api/v1/resolve?code=S-NOPE", {});
    expect(member).toEqual({ status: 404, body: { error: "No sample or tray has the ID S-NOPE." } });
    const foreign = await call(callers.member, resolveRoute.GET, "/api/v1/resolve?code=https://x.org/s/A", {});
    expect(foreign.status).toBe(422);
    expect(foreign.body.error).toBe("This code belongs to another website: https://x.org/s/A");
  });

  it("GET /api/v1/resolve/suggestions", async () => {
    const statuses: Record<string, number> = {};
    for (const [name, who] of Object.entries(callers))
      statuses[name] = (await call(who, suggestionsRoute.GET, "/api/v1/resolve/suggestions?q=demo", {})).status;
    expect(statuses).toEqual({
      anonymous: 401,
      otherUser: 200,
      member: 200,
      staff: 200,
      admin: 200,
      reader: 200,
      recorder: 403,
    });
    const other = await call(callers.otherUser, suggestionsRoute.GET, "/api/v1/resolve/suggestions?q=demo", {});
    expect(other.body).toEqual({ suggestions: [] });
  });

  it("POST /api/v1/sample-events and DELETE /api/v1/sample-events/[eventId]", async () => {
    const posted: Record<string, number> = {};
    const deleted: Record<string, number> = {};
    for (const [name, who] of Object.entries(callers)) {
      const created = await call(
        who,
        eventsRoute.POST,
        "/api/v1/sample-events",
        {},
        {
          method: "POST",
          body: JSON.stringify({ code: "S-DEMO-10", kind: "received", location: "hutch" }),
        },
      );
      posted[name] = created.status;
      const eventId = await freshEvent();
      deleted[name] = (
        await call(who, eventRoute.DELETE, `/api/v1/sample-events/${eventId}`, { eventId }, { method: "DELETE" })
      ).status;
    }
    const staffOrRecorder = {
      anonymous: 401,
      otherUser: 403,
      member: 403,
      staff: 201,
      admin: 201,
      reader: 403,
      recorder: 201,
    };
    expect(posted).toEqual(staffOrRecorder);
    expect(deleted).toEqual({ ...staffOrRecorder, staff: 200, admin: 200, recorder: 200 });
  });

  it("server actions recordScanEventAction and undoScanEventAction", async () => {
    const recorded: Record<string, unknown> = {};
    const undone: Record<string, unknown> = {};
    for (const [name, who] of Object.entries(callers)) {
      asSession(who);
      const result = await actions.recordScanEventAction("T-DEMO-A", "measured", "");
      recorded[name] = result.status === "ok" ? "ok" : result.status === "error" && result.code;
      const eventId = await freshEvent();
      asSession(who);
      const undo = await actions.undoScanEventAction(eventId);
      undone[name] = undo.status === "ok" ? "ok" : undo.status === "error" && undo.code;
    }
    // Server actions see only the browser session: an API token is no session.
    const staffOnly = {
      anonymous: 401,
      otherUser: 403,
      member: 403,
      staff: "ok",
      admin: "ok",
      reader: 401,
      recorder: 401,
    };
    expect(recorded).toEqual(staffOnly);
    expect(undone).toEqual(staffOnly);
  });
});
