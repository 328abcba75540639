import { describe, expect, it } from "vitest";
import { messageForReaders } from "@/lib/publishing/state";

describe("what a reader who is not staff learns of a failed publication", () => {
  it("keeps SciCat's message about the record, without where SciCat is reached", () => {
    expect(
      messageForReaders("POST Datasets: SciCat answered 400: creationLocation: creationLocation should not be empty"),
    ).toBe("POST Datasets: SciCat answered 400: creationLocation: creationLocation should not be empty");
    expect(
      messageForReaders(
        "SciCat did not answer PATCH https://scicat.internal:3000/api/v3/Datasets/x: connect ECONNREFUSED",
      ),
    ).toBe("SciCat did not answer PATCH SciCat: connect ECONNREFUSED");
  });

  it("says nothing of the registry's account or its internals", () => {
    expect(messageForReaders("SciCat refused the login of ufo-ingestor: SciCat answered 401: Unauthorized")).toBe(
      "SciCat did not accept the registry's login; staff see the details on the admin page",
    );
    expect(messageForReaders("Invalid `prisma.dataset.findUnique()` invocation: connection lost")).toMatch(
      /^an internal error of the registry/,
    );
  });
});
