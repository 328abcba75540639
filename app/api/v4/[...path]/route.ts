import { sciCatHandler } from "@/lib/scicat/routes";

/**
 * SciCat's API v4, as scitacean uses it for datasets (`GET datasets/{pid}` with `include`,
 * `POST datasets`, `datasets/isValid`), origdatablocks and attachments; the same records as v3 in
 * v4's shape. Routing and the SciCat ↔ native mapping live in lib/scicat/.
 */
const handleSciCatRequest = sciCatHandler(4);
export const GET = handleSciCatRequest;
export const POST = handleSciCatRequest;
export const PUT = handleSciCatRequest;
export const PATCH = handleSciCatRequest;
export const DELETE = handleSciCatRequest;
