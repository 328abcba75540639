// npx tsx --conditions=react-server scripts/openapi-document.ts > openapi.json
// Prints the /api/v1 OpenAPI document without a server or database, for `redocly lint` in
// scripts/test.sh: the same function the route /api/v1/openapi.json answers with, for the example
// public URL of the README.
import { openApiDocument } from "../lib/http/openapi";

process.stdout.write(`${JSON.stringify(openApiDocument("https://samples.example.org"), null, 2)}\n`);
