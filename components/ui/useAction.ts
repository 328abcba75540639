"use client";

import { unstable_rethrow } from "next/navigation";
import { startTransition, useActionState, useCallback, useEffect, useRef, useState } from "react";
import type { FieldValues, Path, UseFormSetError } from "react-hook-form";
import type { ActionState } from "@/lib/http/action";

export type ActionError = Extract<ActionState<unknown>, { status: "error" }>;
export type NoticeMessage = { tone: "ok" | "error"; text: string };

type Handlers<Args extends unknown[], Data, Values extends FieldValues> = {
  /** The action's data, and the arguments of the call it answers (calls may queue up). */
  onSuccess?: (data: Data, call: { args: Args; message: string }) => void;
  onError?: (error: ActionError, call: { args: Args }) => void;
  /** A react-hook-form form's setError: the server's field errors then appear at their fields. */
  setError?: UseFormSetError<Values>;
  /**
   * A newer call makes the older ones moot (a preview of columns that changed since): calls still
   * waiting in the queue are dropped, and the answer of one already sent reaches no handler.
   */
  onlyNewest?: boolean;
};

const idle = { status: "idle" } as const;
const unreachable: ActionError = {
  status: "error",
  code: 500,
  message: "The registry did not answer; nothing was changed. Check the network and try again.",
};

/**
 * The one way this app calls a server action from the browser: `run(...args)` calls it in a
 * transition (calls queue, in order), `pending` is true meanwhile, and its answer becomes `state`
 * and the `notice` to show. On success `onSuccess` gets the data (navigate, append to a list); on
 * failure the field errors go to the form (`setError`) and `onError` gets the rest. A failed
 * request (offline, server down) is an error answer too, never a broken page.
 */
export function useAction<Args extends unknown[], Data, Values extends FieldValues = FieldValues>(
  action: (...args: Args) => Promise<ActionState<Data>>,
  handlers: Handlers<Args, Data, Values> = {},
) {
  const latest = useRef({ action, handlers });
  useEffect(() => {
    latest.current = { action, handlers };
  });
  const [localNotice, setLocalNotice] = useState<NoticeMessage | null>(null);
  const newestCall = useRef(0);

  const [state, dispatch, pending] = useActionState(
    async (previous: ActionState<Data>, { args, call }: { args: Args; call: number }): Promise<ActionState<Data>> => {
      const superseded = () => latest.current.handlers.onlyNewest === true && call !== newestCall.current;
      if (superseded()) return previous;
      let result: ActionState<Data>;
      try {
        result = await latest.current.action(...args);
      } catch (error) {
        // A redirect or not-found from the action is Next's to handle.
        unstable_rethrow(error);
        console.error("Server action failed:", error);
        result = unreachable;
      }
      // Called right away, not in the transition: while further calls wait in the queue, what each
      // answer changes (the scanner's batch list) shows at once instead of when the queue is empty.
      const { onSuccess, onError, setError } = latest.current.handlers;
      if (superseded()) return previous;
      if (result.status === "ok") onSuccess?.(result.data, { args, message: result.message });
      if (result.status === "error") {
        for (const [field, messages] of Object.entries(result.fieldErrors ?? {}))
          setError?.(field as Path<Values>, { type: "server", message: messages.join(" ") });
        onError?.(result, { args });
      }
      return result;
    },
    idle,
  );

  const run = useCallback(
    (...args: Args) => {
      setLocalNotice(null);
      const call = ++newestCall.current;
      startTransition(() => dispatch({ args, call }));
    },
    [dispatch],
  );

  const notice: NoticeMessage | null =
    localNotice ??
    (state.status === "ok" || state.status === "error"
      ? { tone: state.status === "ok" ? "ok" : "error", text: state.message }
      : null);

  return {
    run,
    pending,
    state,
    notice,
    /** Shows a problem found in the browser, before anything is sent (e.g. a metadata value that is not JSON). */
    showProblem: (text: string) => setLocalNotice({ tone: "error", text }),
  };
}
