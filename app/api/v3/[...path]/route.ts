import { sciCatHandler } from "@/lib/scicat/routes";

/**
 * SciCat's API v3 for SciCat clients such as pyscicat (`ScicatClient(base_url=".../api/v3")`) and
 * scitacean: login of functional accounts, datasets, origdatablocks, attachments, samples,
 * proposals and instruments. Routing and the SciCat ↔ native mapping live in lib/scicat/.
 */
const handleSciCatRequest = sciCatHandler(3);
export const GET = handleSciCatRequest;
export const POST = handleSciCatRequest;
export const PUT = handleSciCatRequest;
export const PATCH = handleSciCatRequest;
export const DELETE = handleSciCatRequest;
