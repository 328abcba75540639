import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { ProposalInput } from "@/lib/schemas/proposal";
import { ProposalForm } from "./ProposalForm";
import { emptyProposalFormValues } from "./proposal-form-values";

const push = vi.fn();
vi.mock("next/navigation", () => ({ useRouter: () => ({ push }), unstable_rethrow: () => undefined }));
vi.mock("@/lib/proposals/actions", () => ({ createProposalAction: vi.fn(), updateProposalAction: vi.fn() }));
const { createProposalAction, updateProposalAction } = await import("@/lib/proposals/actions");

const instruments = [
  { pid: "KIT/UFO", name: "UFO" },
  { pid: "KIT/TOPO", name: "TopoTomo" },
];

function renderForm(props: Partial<Parameters<typeof ProposalForm>[0]> = {}) {
  render(
    <ProposalForm
      mode="create"
      defaults={{ ...emptyProposalFormValues, proposalId: "2026-0100", title: "Amber inclusions" }}
      metadata={[]}
      accessGroups={[]}
      instruments={instruments}
      canSetGroups={false}
      {...props}
    />,
  );
  return userEvent.setup();
}

/** The input the form sent with its one call to `action`. */
function sentInput(action: unknown, argument = 0): ProposalInput {
  const calls = vi.mocked(action as (...args: unknown[]) => unknown).mock.calls;
  expect(calls).toHaveLength(1);
  return calls[0][argument] as ProposalInput;
}

beforeEach(() => {
  vi.mocked(createProposalAction).mockReset();
  vi.mocked(updateProposalAction).mockReset();
  push.mockReset();
});

describe("proposal form", () => {
  it("adds and removes measurement periods and members, and sends what is left", async () => {
    vi.mocked(createProposalAction).mockResolvedValue({
      status: "ok",
      message: "Proposal 2026-0100 registered.",
      data: { proposalId: "2026-0100" },
    });
    const user = renderForm();
    for (let i = 0; i < 3; i += 1) await user.click(screen.getByRole("button", { name: "Add measurement period" }));
    const start = ["2026-12-14T08:00", "2026-12-15T08:00", "2026-12-16T08:00"];
    for (const [index, value] of start.entries()) {
      await user.type(screen.getByLabelText(`Period ${index + 1} start`), value);
      await user.type(screen.getByLabelText(`Period ${index + 1} end`), value.replace("08:00", "20:00"));
    }
    await user.selectOptions(screen.getByLabelText("Period 3 instrument"), "KIT/TOPO");
    await user.type(screen.getByLabelText("Period 3 comment"), "night shift");
    await user.click(screen.getByRole("button", { name: "Remove period 2" }));
    // The third period moved up: its values went with it.
    expect(screen.getByLabelText("Period 2 start")).toHaveValue("2026-12-16T08:00");
    expect(screen.queryByLabelText("Period 3 start")).toBeNull();

    await user.click(screen.getByRole("button", { name: "Add member" }));
    await user.click(screen.getByRole("button", { name: "Add member" }));
    await user.type(screen.getByLabelText("Member 1 email"), "Ada.Lovelace@Example.org");
    await user.selectOptions(screen.getByLabelText("Member 1 role"), "PI");
    await user.type(screen.getByLabelText("Member 2 email"), "grace@example.org");
    await user.click(screen.getByRole("button", { name: "Remove member 2" }));
    await user.click(screen.getByRole("checkbox", { name: "UFO" }));

    await user.click(screen.getByRole("button", { name: "Register proposal" }));
    await waitFor(() => expect(push).toHaveBeenCalledWith("/proposals/2026-0100"));
    const input = sentInput(createProposalAction);
    // Parsed with the shared schema on the way out: beamline time (CET in December) as instants.
    expect(input.measurementPeriods).toEqual([
      {
        instrumentPid: undefined,
        start: new Date("2026-12-14T07:00:00Z"),
        end: new Date("2026-12-14T19:00:00Z"),
        comment: undefined,
      },
      {
        instrumentPid: "KIT/TOPO",
        start: new Date("2026-12-16T07:00:00Z"),
        end: new Date("2026-12-16T19:00:00Z"),
        comment: "night shift",
      },
    ]);
    expect(input.members).toEqual([{ email: "ada.lovelace@example.org", role: "PI" }]);
    expect(input.instrumentPids).toEqual(["KIT/UFO"]);
    expect(input.metadata).toEqual({});
  });

  it("checks the periods with the shared schema before sending anything", async () => {
    const user = renderForm();
    await user.click(screen.getByRole("button", { name: "Add measurement period" }));
    await user.type(screen.getByLabelText("Period 1 start"), "2026-12-15T20:00");
    await user.type(screen.getByLabelText("Period 1 end"), "2026-12-15T08:00");
    await user.click(screen.getByRole("button", { name: "Register proposal" }));
    expect(await screen.findByText("The period must end after it starts")).toBeVisible();
    expect(screen.getByLabelText("Period 1 end")).toHaveAttribute("aria-invalid", "true");
    expect(screen.getByLabelText("Period 1 end")).toHaveAccessibleDescription("The period must end after it starts");
    expect(createProposalAction).not.toHaveBeenCalled();
  });

  it("shows the server's refusal above the form and its field errors at their fields", async () => {
    vi.mocked(createProposalAction).mockResolvedValue({
      status: "error",
      code: 409,
      message: "Proposal 2026-0100 is already registered. Ask its PI to add you as a member.",
      fieldErrors: { proposalId: ["Proposal 2026-0100 is already registered."], "members.0.email": ["Not here"] },
    });
    const user = renderForm();
    await user.click(screen.getByRole("button", { name: "Add member" }));
    await user.type(screen.getByLabelText("Member 1 email"), "ada@example.org");
    await user.click(screen.getByRole("button", { name: "Register proposal" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("already registered. Ask its PI");
    expect(screen.getByLabelText("Proposal ID")).toHaveAccessibleDescription(
      "Proposal 2026-0100 is already registered.",
    );
    expect(screen.getByLabelText("Member 1 email")).toHaveAttribute("aria-invalid", "true");
    expect(push).not.toHaveBeenCalled();
  });

  it("keeps the form on a failed request instead of breaking the page", async () => {
    vi.mocked(createProposalAction).mockRejectedValue(new TypeError("Failed to fetch"));
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    const user = renderForm();
    await user.click(screen.getByRole("button", { name: "Register proposal" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("The registry did not answer; nothing was changed.");
    expect(screen.getByRole("button", { name: "Register proposal" })).toBeEnabled();
  });

  it("lets staff set the data access groups, typed comma-separated", async () => {
    vi.mocked(updateProposalAction).mockResolvedValue({
      status: "ok",
      message: "Proposal 2026-0100 saved.",
      data: { proposalId: "2026-0100" },
    });
    const user = renderForm({ mode: "edit", canSetGroups: true, accessGroups: ["ufo-team"] });
    const access = screen.getByRole("group", { name: "Data access (staff)" });
    const groups = within(access).getByLabelText(/Access groups/);
    expect(groups).toHaveValue("ufo-team");
    await user.clear(groups);
    await user.type(groups, " ufo-team, , amber-lab ");
    await user.type(within(access).getByLabelText("Owner group"), "proposal-2026-0100");
    expect(screen.getByLabelText("Proposal ID")).toHaveAttribute("readonly");
    await user.click(screen.getByRole("button", { name: "Save proposal" }));
    await waitFor(() => expect(push).toHaveBeenCalled());
    expect(vi.mocked(updateProposalAction).mock.calls[0][0]).toBe("2026-0100");
    const input = sentInput(updateProposalAction, 1);
    expect(input.accessGroups).toEqual(["ufo-team", "amber-lab"]);
    expect(input.ownerGroup).toBe("proposal-2026-0100");
  });

  it("hides the data access groups from proposers", () => {
    renderForm();
    expect(screen.queryByRole("group", { name: "Data access (staff)" })).toBeNull();
  });
});
