import "server-only";
import type { Role } from "@/lib/generated/prisma/client";
import type { Scope } from "@/lib/schemas/api-token";
import { requireSignedIn } from "./permissions";

/**
 * Who is calling. Every domain function takes one and decides with the rules below; pages, server
 * actions and route handlers only find out who the caller is (./session.ts, lib/http/api-route.ts);
 * what a caller may do is decided in ./permissions.ts.
 */
export type UserCaller = {
  kind: "user";
  id: string;
  role: Role;
  email: string | null;
  name: string;
  groups: string[];
};

export type TokenCaller = {
  kind: "token";
  tokenId: string;
  name: string;
  scopes: Scope[];
  instrumentId: string | null;
};

/** Command-line tools run by whoever operates the server. */
export type SystemCaller = { kind: "system"; name: string };

export type Caller = UserCaller | TokenCaller | SystemCaller | { kind: "anonymous" };

export const anonymous: Caller = { kind: "anonymous" };

export function callerName(caller: Caller): string {
  switch (caller.kind) {
    case "user":
      return caller.name;
    case "token":
      return `API token ${caller.name}`;
    case "system":
      return caller.name;
    default:
      return "anonymous";
  }
}

/** What the API tells a caller about itself. */
export function describeCaller(caller: Caller) {
  requireSignedIn(caller);
  switch (caller.kind) {
    case "user":
      return { kind: caller.kind, name: caller.name, email: caller.email, role: caller.role, groups: caller.groups };
    case "token":
      return { kind: caller.kind, name: caller.name, scopes: caller.scopes };
    default:
      return { kind: caller.kind, name: caller.name };
  }
}
