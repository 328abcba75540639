import { NextResponse } from "next/server";
import { openApiDocument } from "@/lib/http/openapi";
import { config } from "@/lib/platform/config";

/** The API's description, public like the docs page at /docs/api: it holds no data. */
export const GET = () => NextResponse.json(openApiDocument(config().appUrl));
