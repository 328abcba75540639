/**
 * The SciCat functional account the e2e web server is configured with (SCICAT_FUNCTIONAL_ACCOUNTS)
 * and e2e/pyscicat.spec.ts and e2e/scicat-conformance.spec.ts log in with. A test secret, never a real one.
 */
export const scicatAccount = {
  username: "ufo-ingestor",
  password: "e2e-functional-account-password",
  // Everything an ingestor does through SciCat's API, as the conformance suite's scripts do.
  scopes: [
    "samples:read",
    "samples:write",
    "datasets:read",
    "datasets:write",
    "proposals:read",
    "proposals:write",
    "instruments:write",
  ],
};
