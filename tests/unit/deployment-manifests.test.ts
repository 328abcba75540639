// The Kubernetes manifests under deploy/k8s pass scripts/ci/validate-k8s.ts, and the validator
// rejects what it is there to reject (negative controls), so that a green run means something.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import {
  findKustomize,
  manifestFiles,
  renderKustomization,
  validateObjects,
  validateTree,
  validateYaml,
  type ObjectResult,
} from "@/scripts/ci/validate-k8s";

const k8s = path.resolve(import.meta.dirname, "../../deploy/k8s");
const kustomize = findKustomize();

function problemsOf(results: ObjectResult[]): string[] {
  return results.flatMap((result) => result.problems.map((problem) => `${result.source}: ${result.id}: ${problem}`));
}

/** A Deployment that passes every rule; each negative control breaks one thing. */
function goodDeployment(): Record<string, unknown> {
  return parse(`
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels: { app: web }
  template:
    metadata:
      labels: { app: web }
    spec:
      securityContext: { runAsNonRoot: true, runAsUser: 10001 }
      containers:
        - name: web
          image: registry.example.org/web:1.0.0
          resources:
            requests: { cpu: 100m, memory: 128Mi }
            limits: { memory: 256Mi }
          securityContext: { allowPrivilegeEscalation: false }
          readinessProbe: { httpGet: { path: /api/ready, port: 3000 } }
          livenessProbe: { httpGet: { path: /api/health, port: 3000 } }
`) as Record<string, unknown>;
}

async function problemsFor(document: unknown, rendered = false): Promise<string[]> {
  return problemsOf(await validateObjects([document], { source: "test", rendered }));
}

/** Applies a change to a deep copy of the good Deployment's pod spec. */
function withPodSpec(change: (podSpec: Record<string, unknown>) => void): Record<string, unknown> {
  const deployment = structuredClone(goodDeployment());
  const podSpec = ((deployment.spec as Record<string, unknown>).template as Record<string, unknown>).spec;
  change(podSpec as Record<string, unknown>);
  return deployment;
}

function firstContainer(podSpec: Record<string, unknown>): Record<string, unknown> {
  return (podSpec.containers as Record<string, unknown>[])[0];
}

describe("the manifests in deploy/k8s", () => {
  it("pass as written (base and components, including the Secret template)", async () => {
    const results = [];
    for (const dir of ["base", "components/postgres"]) {
      const files = manifestFiles(path.join(k8s, dir));
      expect(files.length).toBeGreaterThan(0);
      for (const file of files) {
        results.push(
          ...(await validateYaml(readFileSync(file, "utf8"), { source: path.basename(file), rendered: false })),
        );
      }
    }
    expect(problemsOf(results)).toEqual([]);
    const ids = results.map((result) => result.id);
    for (const id of [
      "Deployment/beamtime-registry",
      "Job/beamtime-registry-migrate",
      "Service/beamtime-registry",
      "Ingress/beamtime-registry",
      "ConfigMap/beamtime-registry-config",
      "Secret/beamtime-registry",
      "StatefulSet/beamtime-registry-postgres",
      "Service/beamtime-registry-postgres",
    ]) {
      expect(ids).toContain(id);
    }
  });

  it.skipIf(!kustomize)("pass when rendered by kustomize (base and every overlay)", async () => {
    const { results, rendered } = await validateTree(k8s, kustomize);
    expect(rendered).toEqual(expect.arrayContaining(["deploy/k8s/base", "deploy/k8s/overlays/example"]));
    expect(problemsOf(results)).toEqual([]);
    const overlay = results.filter((result) => result.source === "deploy/k8s/overlays/example (rendered)");
    expect(overlay.map((result) => result.id.replace(/-[a-z0-9]{10}$/, "-<hash>")).sort()).toEqual([
      "ConfigMap/beamtime-registry/beamtime-registry-config",
      "Deployment/beamtime-registry/beamtime-registry",
      "Ingress/beamtime-registry/beamtime-registry",
      "Job/beamtime-registry/beamtime-registry-migrate",
      "Secret/beamtime-registry/beamtime-registry-<hash>",
      "Service/beamtime-registry/beamtime-registry",
      "Service/beamtime-registry/beamtime-registry-postgres",
      "StatefulSet/beamtime-registry/beamtime-registry-postgres",
    ]);
  });

  it.skipIf(!kustomize)("fail when the overlay leaves the storage class placeholder", async () => {
    const rendered = renderKustomization(path.join(k8s, "overlays/example"), kustomize!);
    const broken = rendered.replace("storageClassName: standard", "storageClassName: REPLACE-WITH-STORAGE-CLASS");
    expect(broken).not.toBe(rendered);
    expect(problemsOf(await validateYaml(broken, { source: "overlay", rendered: true }))).toEqual(
      expect.arrayContaining([expect.stringContaining("still the placeholder REPLACE-WITH-STORAGE-CLASS")]),
    );
  });

  it("fail when the real Deployment loses its readiness probe", async () => {
    const text = readFileSync(path.join(k8s, "base/deployment.yaml"), "utf8");
    const deployment = parse(text) as Record<string, unknown>;
    const podSpec = ((deployment.spec as Record<string, unknown>).template as Record<string, unknown>).spec;
    delete firstContainer(podSpec as Record<string, unknown>).readinessProbe;
    expect(await problemsFor(deployment)).toEqual([expect.stringContaining("container app: needs a readinessProbe")]);
    expect(problemsOf(await validateYaml(stringify(deployment), { source: "x", rendered: false }))).toHaveLength(1);
  });
});

describe("the validator", () => {
  it("accepts a good Deployment", async () => {
    expect(await problemsFor(goodDeployment())).toEqual([]);
  });

  it("rejects a Deployment whose containers are not a list", async () => {
    const problems = await problemsFor(withPodSpec((podSpec) => (podSpec.containers = "x")));
    expect(problems).toEqual(expect.arrayContaining([expect.stringContaining("containers must be array")]));
  });

  it("rejects a Deployment without a selector", async () => {
    const deployment = goodDeployment();
    delete (deployment.spec as Record<string, unknown>).selector;
    expect(await problemsFor(deployment)).toEqual([
      expect.stringContaining("schema: /spec must have required property selector"),
    ]);
  });

  it("rejects wrongly typed values", async () => {
    const problems = await problemsFor(
      withPodSpec((podSpec) => (firstContainer(podSpec).ports = [{ containerPort: "http" }])),
    );
    expect(problems).toEqual(expect.arrayContaining([expect.stringContaining("containerPort must be integer")]));
  });

  it("rejects unknown fields (a misspelt probe)", async () => {
    const problems = await problemsFor(
      withPodSpec((podSpec) => {
        const container = firstContainer(podSpec);
        container.readinesProbe = container.readinessProbe;
      }),
    );
    expect(problems).toEqual([expect.stringContaining("unknown field spec.template.spec.containers[0].readinesProbe")]);
  });

  it("rejects unknown kinds and API versions", async () => {
    for (const [apiVersion, kind] of [
      ["example.org/v1", "Widget"],
      ["apps/v1", "Deploymnt"],
      ["apps/v1", "DeploymentSpec"],
      ["extensions/v1", "Deployment"],
    ]) {
      const problems = await problemsFor({ ...goodDeployment(), apiVersion, kind });
      expect(problems, `${apiVersion} ${kind}`).toEqual([
        expect.stringContaining(`unknown kind ${apiVersion} ${kind}`),
      ]);
    }
  });

  it("rejects containers without probes, except in Jobs", async () => {
    const problems = await problemsFor(
      withPodSpec((podSpec) => {
        delete firstContainer(podSpec).readinessProbe;
        delete firstContainer(podSpec).livenessProbe;
      }),
    );
    expect(problems).toEqual([
      expect.stringContaining("needs a readinessProbe"),
      expect.stringContaining("needs a livenessProbe"),
    ]);
    const job = {
      apiVersion: "batch/v1",
      kind: "Job",
      metadata: { name: "once" },
      spec: { template: (goodDeployment().spec as Record<string, unknown>).template },
    };
    const jobSpec = (job.spec.template as Record<string, unknown>).spec as Record<string, unknown>;
    jobSpec.restartPolicy = "Never";
    delete firstContainer(jobSpec).readinessProbe;
    delete firstContainer(jobSpec).livenessProbe;
    expect(await problemsFor(job)).toEqual([]);
  });

  it("rejects root, privilege escalation, :latest and missing resources", async () => {
    const problems = await problemsFor(
      withPodSpec((podSpec) => {
        podSpec.securityContext = {};
        const container = firstContainer(podSpec);
        container.image = "registry.example.org/web:latest";
        container.securityContext = {};
        delete container.resources;
      }),
    );
    expect(problems).toEqual([
      expect.stringContaining("uses :latest"),
      expect.stringContaining("runAsNonRoot must be true"),
      expect.stringContaining("allowPrivilegeEscalation must be false"),
      expect.stringContaining("needs resources.requests"),
      expect.stringContaining("needs resources.limits.memory"),
    ]);
    const untagged = await problemsFor(withPodSpec((podSpec) => (firstContainer(podSpec).image = "web")));
    expect(untagged).toEqual([expect.stringContaining("has no tag")]);
  });

  it("rejects committed Secrets with real-looking values, in data and stringData", async () => {
    const secret = (values: Record<string, unknown>) => ({
      apiVersion: "v1",
      kind: "Secret",
      metadata: { name: "s" },
      ...values,
    });
    expect(await problemsFor(secret({ stringData: { AUTH_SECRET: "CHANGE-ME", EMPTY: "" } }))).toEqual([]);
    expect(await problemsFor(secret({ stringData: { AUTH_SECRET: "kq7Z0b4m1tH2yWbq9s6xPp3c8Lr5Jd0n" } }))).toEqual([
      expect.stringContaining("Secret key AUTH_SECRET holds a value that looks real"),
    ]);
    const encoded = Buffer.from("postgresql://registry:hunter2@db:5432/registry").toString("base64");
    expect(await problemsFor(secret({ data: { DATABASE_URL: encoded } }))).toEqual([
      expect.stringContaining("Secret key DATABASE_URL"),
    ]);
  });

  it("rejects volume claims without a storage class", async () => {
    const claim = {
      apiVersion: "v1",
      kind: "PersistentVolumeClaim",
      metadata: { name: "data" },
      spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } } },
    };
    expect(await problemsFor(claim)).toEqual([expect.stringContaining("storageClassName must be set")]);
    const placeholder = { ...claim, spec: { ...claim.spec, storageClassName: "REPLACE-WITH-STORAGE-CLASS" } };
    expect(await problemsFor(placeholder, false)).toEqual([]);
    expect(await problemsFor(placeholder, true)).toEqual([
      expect.stringContaining("still the placeholder"),
      expect.stringContaining("unreplaced"),
    ]);
  });
});
