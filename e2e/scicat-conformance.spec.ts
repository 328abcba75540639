import { spawnSync } from "node:child_process";
import { expect, test } from "@playwright/test";
import { scicatAccount } from "./support/scicat-account";

const installCommand = "python3 -m pip install -r clients/scicat-compat/requirements.txt";

/**
 * The differential conformance suite (clients/scicat-compat/conformance): the same pyscicat,
 * scitacean and direct-HTTP scripts run against the real SciCat backend (the peer, SCICAT_PEER_URL,
 * started by scripts/test.sh via scripts/scicat-peer.sh) and against this app, compared call by call.
 * The deliberate differences are asserted in clients/scicat-compat/conformance/differences.py.
 */
test.describe("SciCat conformance: pyscicat, scitacean and direct HTTP against the SciCat peer and us", () => {
  test("every call answers like SciCat 4.5.0, or differs as decided", ({ baseURL }) => {
    test.setTimeout(12 * 60_000);
    const peerURL = process.env.SCICAT_PEER_URL;
    expect(peerURL, "start the peer: bash scripts/scicat-peer.sh start").toBeTruthy();
    const python = spawnSync("python3", ["-c", "import pyscicat, scitacean, pytest, httpx"], { encoding: "utf8" });
    expect(python.status, `python3 with pyscicat, scitacean, pytest and httpx is needed: ${installCommand}`).toBe(0);

    const pytest = spawnSync(
      "python3",
      ["-m", "pytest", "clients/scicat-compat/conformance", "-q", "-p", "no:cacheprovider"],
      {
        encoding: "utf8",
        timeout: 10 * 60_000,
        maxBuffer: 64 * 1024 * 1024,
        env: {
          ...process.env,
          APP_URL: baseURL,
          SCICAT_USERNAME: scicatAccount.username,
          SCICAT_PASSWORD: scicatAccount.password,
          SCICAT_PEER_URL: peerURL,
        },
      },
    );
    const output = `${pytest.stdout ?? ""}${pytest.stderr ?? ""}`;
    console.log(output);
    expect(pytest.error, `pytest could not run to the end: ${pytest.error?.message}`).toBeUndefined();
    expect(pytest.status, `the conformance suite failed:\n${output}`).toBe(0);
  });
});
