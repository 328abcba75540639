import type { Metadata } from "next";
import { Section } from "@/components/ui/Section";
import { Cell, Row, Table, TableHead } from "@/components/ui/Table";
import { scopeDescriptions } from "@/lib/schemas/api-token";
import { config } from "@/lib/platform/config";
import { apiOperations } from "@/lib/http/openapi";

export const metadata: Metadata = { title: "REST API" };

const example = {
  pid: "ufo/2026-0042/scan_0001",
  datasetName: "Pupa day 1, scan 1",
  sourceFolder: "/beamline/ufo/2026-0042/S-DEMO-01/scan_0001",
  sampleId: "S-DEMO-01",
  size: 4200000000,
  numberOfFiles: 3001,
  creationTime: "2026-03-01T08:00:00Z",
  techniques: [{ name: "micro-CT", pid: "http://purl.org/pan-science/PaNET/PaNET01104" }],
  scientificMetadata: { energy: { value: 20, unit: "keV" } },
};

function Code({ children }: { children: string }) {
  return <pre className="overflow-x-auto rounded bg-slate-900 p-4 text-sm text-slate-100">{children}</pre>;
}

/** Public documentation of /api/v1 for beamline software authors; the machine-readable form is openapi.json. */
export default function ApiDocsPage() {
  const base = `${config().appUrl}/api/v1`;
  const body = JSON.stringify(example, null, 2);
  const curl = `curl -X POST ${base}/datasets \\
  -H "Authorization: Bearer $BRS_TOKEN" \\
  -H "Content-Type: application/json" \\
  -d '${JSON.stringify(example)}'`;
  const python = `import os
import httpx

api = httpx.Client(
    base_url="${base}",
    headers={"Authorization": f"Bearer {os.environ['BRS_TOKEN']}"},
)
dataset = ${body.replace(/\n/g, "\n")}
response = api.post("/datasets", json=dataset)
response.raise_for_status()  # 201 registered, 200 already registered with this content
print(response.json()["pid"])

# At the end of the acquisition; a pid with "/" is URL-encoded in the path.
from urllib.parse import quote
api.patch(f"/datasets/{quote(dataset['pid'], safe='')}", json={
    "endTime": "2026-03-01T08:20:00Z",
    "scientificMetadata": {"number_of_projections": 3000},
}).raise_for_status()`;
  return (
    <>
      <h1 className="text-2xl font-semibold">REST API</h1>
      <p className="mt-2 max-w-3xl text-slate-700">
        For Concert and other beamline software. Requests and answers are JSON; send an API token from an administrator
        as <code>Authorization: Bearer &lt;token&gt;</code>. Errors are <code>{"{ error, details }"}</code>, with{" "}
        <code>details</code> naming the fields for 409 and 422. The machine-readable description is{" "}
        <a href="/api/v1/openapi.json" className="underline">
          /api/v1/openapi.json
        </a>{" "}
        (OpenAPI 3.1); the{" "}
        <a href="/docs/api/reference" className="underline">
          interactive API reference
        </a>{" "}
        shows every operation with its schemas and sends test requests with your token.
      </p>

      <Section title="Routes">
        <Table caption="Routes of the API">
          <TableHead columns={["Method", "Path", "What it does", "Token scope"]} />
          <tbody>
            {apiOperations.map((operation) => (
              <Row key={`${operation.method} ${operation.path}`}>
                <Cell className="font-mono">{operation.method}</Cell>
                <Cell className="font-mono">{operation.path}</Cell>
                <Cell>{operation.summary}</Cell>
                <Cell className="font-mono">{operation.isPublic ? "public" : (operation.scope ?? "any")}</Cell>
              </Row>
            ))}
          </tbody>
        </Table>
      </Section>

      <Section title="Scopes">
        <dl className="grid grid-cols-[max-content_1fr] gap-x-6 gap-y-1 text-sm">
          {Object.entries(scopeDescriptions).map(([scope, description]) => (
            <div key={scope} className="contents">
              <dt className="font-mono">{scope}</dt>
              <dd>{description}</dd>
            </div>
          ))}
        </dl>
        <p className="mt-3 max-w-3xl text-sm text-slate-700">
          Signed-in people use the same routes with their session: staff and admins may register datasets, members of a
          proposal read its records.
        </p>
      </Section>

      <Section title="Registering a dataset">
        <p className="mb-3 max-w-3xl text-slate-700">
          Registration is idempotent on <code>pid</code>: sending the same dataset again answers 200 with the stored one
          and writes nothing, so a client may simply retry. The same pid with different content is 409. Dates need a
          time zone. <code>scientificMetadata</code> in a PATCH is merged one level deep.
        </p>
        <h3 className="mt-4 mb-2 font-semibold">curl</h3>
        <Code>{curl}</Code>
        <h3 className="mt-4 mb-2 font-semibold">Python (httpx)</h3>
        <Code>{python}</Code>
      </Section>
    </>
  );
}
