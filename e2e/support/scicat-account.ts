/**
 * The SciCat functional account the e2e web server is configured with (SCICAT_FUNCTIONAL_ACCOUNTS)
 * and e2e/pyscicat.spec.ts logs in with. A test secret, never a real one.
 */
export const scicatAccount = {
  username: "ufo-ingestor",
  password: "e2e-functional-account-password",
  scopes: ["samples:read", "samples:write", "datasets:read", "datasets:write", "proposals:read", "instruments:write"],
};
