// Creates a new, empty database on the PostgreSQL server of the URL given and prints its URL.
// Used to give each end-to-end run its own database.
import { randomBytes } from "node:crypto";
import pg from "pg";

const serverUrl = process.argv[2];
const prefix = process.argv[3] ?? "brs";
if (!serverUrl) {
  console.error("usage: create-database.ts <postgresql-url> [name-prefix]");
  process.exit(2);
}
const name = `${prefix}_${randomBytes(5).toString("hex")}`;
const client = new pg.Client({ connectionString: serverUrl });
await client.connect();
await client.query(`CREATE DATABASE "${name}"`);
await client.end();
const url = new URL(serverUrl);
url.pathname = `/${name}`;
console.log(url.toString());
