import { handleSciCatRequest } from "@/lib/scicat/v3-routes";

/**
 * SciCat v3-compatible subset for SciCat clients such as pyscicat (`ScicatClient(base_url=
 * ".../api/v3")`): login of functional accounts, datasets, origdatablocks, samples, proposals and
 * instruments. Routing and the SciCat ↔ native mapping live in lib/scicat/.
 */
export const GET = handleSciCatRequest;
export const POST = handleSciCatRequest;
export const PUT = handleSciCatRequest;
export const PATCH = handleSciCatRequest;
export const DELETE = handleSciCatRequest;
