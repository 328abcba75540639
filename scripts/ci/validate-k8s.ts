// Validates the Kubernetes manifests under deploy/k8s without a cluster:
//   npx tsx scripts/ci/validate-k8s.ts [--require-kustomize] [deploy/k8s]
//
// Every kustomization (base, overlays) is rendered with kustomize and every rendered object is
// checked; the YAML files of each folder (base, components, including templates such as
// secret.example.yaml that no kustomization applies) are checked as they are written too.
// Checks per object:
//   1. the Kubernetes OpenAPI schema of its kind (npm kubernetes-models); an unknown
//      apiVersion/kind is an error;
//   2. no unknown fields (a typo such as `readinesProbe` is ignored by the schema, and silently
//      dropped or refused by the API server): the field names of kubernetes-models' types;
//   3. our rules: every long-running container has readiness and liveness probes (Jobs
//      excepted), pods run as non-root without privilege escalation, every container has resource
//      requests and a memory limit, images carry a tag other than `latest` (or a digest), volume
//      claims name a storage class (rendered: not the placeholder), committed Secrets hold only
//      placeholders (CHANGE-ME), rendered output has no REPLACE-WITH- placeholders left.
// Prints one line per object; exits 1 on any problem.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { parseAllDocuments, parse as parseYaml } from "yaml";

const thisFile = fileURLToPath(import.meta.url);
const repoRoot = path.resolve(path.dirname(thisFile), "../..");
const modelsRoot = path.join(repoRoot, "node_modules", "kubernetes-models");

type Json = Record<string, unknown>;

export type ObjectResult = {
  /** Kind/name (namespace/name where a namespace is set). */
  id: string;
  /** The file or kustomization it came from. */
  source: string;
  problems: string[];
};

export type ValidateOptions = {
  /** Where the documents came from, for messages. */
  source: string;
  /** Rendered by kustomize: placeholders that an overlay must replace are errors. */
  rendered: boolean;
};

/** Kinds that run pods: where their pod spec is, and whether they run to completion. */
const workloads: Record<string, { podSpec: (object: Json) => unknown; runsToCompletion: boolean }> = {
  Deployment: { podSpec: (o) => get(o, "spec", "template", "spec"), runsToCompletion: false },
  StatefulSet: { podSpec: (o) => get(o, "spec", "template", "spec"), runsToCompletion: false },
  DaemonSet: { podSpec: (o) => get(o, "spec", "template", "spec"), runsToCompletion: false },
  ReplicaSet: { podSpec: (o) => get(o, "spec", "template", "spec"), runsToCompletion: false },
  Pod: { podSpec: (o) => get(o, "spec"), runsToCompletion: false },
  Job: { podSpec: (o) => get(o, "spec", "template", "spec"), runsToCompletion: true },
  CronJob: { podSpec: (o) => get(o, "spec", "jobTemplate", "spec", "template", "spec"), runsToCompletion: true },
};

/** Placeholder of a value an overlay must set (e.g. the storage class). */
const overlayPlaceholder = "REPLACE-WITH-";
/** The only values a committed Secret may hold (besides empty ones). */
const secretPlaceholder = /CHANGE-ME/i;

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function get(value: unknown, ...keys: string[]): unknown {
  let current = value;
  for (const key of keys) current = isObject(current) ? current[key] : undefined;
  return current;
}

function objectId(object: Json): string {
  const kind = typeof object.kind === "string" ? object.kind : "<no kind>";
  const name = get(object, "metadata", "name");
  const namespace = get(object, "metadata", "namespace");
  return `${kind}/${typeof namespace === "string" ? `${namespace}/` : ""}${typeof name === "string" ? name : "<no name>"}`;
}

/** `apps/v1` + `Deployment` -> `apps/v1/Deployment` (the path inside kubernetes-models). */
function modelPath(apiVersion: unknown, kind: unknown): string | undefined {
  if (typeof apiVersion !== "string" || typeof kind !== "string") return undefined;
  if (!/^([a-z0-9.-]+\/)?v[0-9]+((alpha|beta)[0-9]+)?$/.test(apiVersion) || !/^[A-Z][A-Za-z0-9]*$/.test(kind)) {
    return undefined;
  }
  const relative = `${apiVersion}/${kind}`;
  return existsSync(path.join(modelsRoot, `${relative}.js`)) ? relative : undefined;
}

type ModelClass = { new (data: unknown): { validate(): void }; apiVersion?: string; kind?: string };

/** The kubernetes-models class of a document's apiVersion and kind; undefined for unknown kinds. */
async function loadModel(object: Json): Promise<{ relative: string; Model: ModelClass } | undefined> {
  const relative = modelPath(object.apiVersion, object.kind);
  if (!relative) return undefined;
  // A computed specifier on purpose (any kind of the package); Vite must not try to resolve it.
  const specifier = `kubernetes-models/${relative}`;
  const exports = (await import(/* @vite-ignore */ specifier)) as Record<string, unknown>;
  const Model = exports[String(object.kind)] as ModelClass | undefined;
  // Files such as apps/v1/DeploymentSpec are types inside a resource, not resources.
  if (typeof Model !== "function" || Model.kind !== object.kind || Model.apiVersion !== object.apiVersion) {
    return undefined;
  }
  return { relative, Model };
}

function schemaProblems(object: Json, Model: ModelClass): string[] {
  try {
    new Model(object).validate();
    return [];
  } catch (error) {
    const details = (error as { errors?: { instancePath?: string; message?: string }[] }).errors;
    if (Array.isArray(details) && details.length) {
      return details.map((detail) => `schema: ${detail.instancePath || "/"} ${detail.message ?? "is invalid"}`);
    }
    return [`schema: ${error instanceof Error ? error.message : String(error)}`];
  }
}

/** One TypeScript program over the model types of the kinds in use, for field names. */
class FieldChecker {
  private readonly checker: ts.TypeChecker;
  private readonly roots = new Map<string, ts.Type | undefined>();

  constructor(relativePaths: string[]) {
    const files = relativePaths.map((relative) => path.join(modelsRoot, `${relative}.d.ts`));
    const program = ts.createProgram(files, {
      noEmit: true,
      skipLibCheck: true,
      types: [],
      lib: ["lib.es5.d.ts"],
      target: ts.ScriptTarget.ES5,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
    });
    this.checker = program.getTypeChecker();
    for (const [index, relative] of relativePaths.entries()) {
      const source = program.getSourceFile(files[index]);
      const moduleSymbol = source && this.checker.getSymbolAtLocation(source);
      const kind = path.basename(relative);
      const declared =
        moduleSymbol && this.checker.getExportsOfModule(moduleSymbol).find((symbol) => symbol.name === `I${kind}`);
      this.roots.set(relative, declared && this.checker.getDeclaredTypeOfSymbol(declared));
    }
  }

  problems(object: Json, relative: string): string[] {
    const root = this.roots.get(relative);
    if (!root) return [`no field types for ${relative}`];
    const found: string[] = [];
    this.walk(object, root, "", found);
    return found;
  }

  private walk(value: unknown, declared: ts.Type, at: string, found: string[]): void {
    if (typeof value !== "object" || value === null) return;
    let type = this.checker.getNonNullableType(declared);
    if (type.isUnion()) {
      const objectTypes = type.types.filter((member) => member.flags & ts.TypeFlags.Object);
      if (objectTypes.length !== 1) return;
      type = objectTypes[0];
    }
    if (Array.isArray(value)) {
      const element = this.checker.getIndexInfoOfType(type, ts.IndexKind.Number)?.type;
      if (element) value.forEach((item, index) => this.walk(item, element, `${at}[${index}]`, found));
      return;
    }
    const map = this.checker.getIndexInfoOfType(type, ts.IndexKind.String);
    if (map) {
      for (const [key, item] of Object.entries(value)) this.walk(item, map.type, `${at}.${key}`, found);
      return;
    }
    // Free-form JSON (e.g. RawExtension): nothing to compare with.
    if (this.checker.getPropertiesOfType(type).length === 0) return;
    for (const [key, item] of Object.entries(value)) {
      const property = type.getProperty(key);
      if (!property) {
        found.push(`unknown field ${at ? `${at.slice(1)}.` : ""}${key}`);
        continue;
      }
      this.walk(item, this.checker.getTypeOfSymbol(property), `${at}.${key}`, found);
    }
  }
}

let fieldCheckerCache: { key: string; checker: FieldChecker } | undefined;

function fieldChecker(relativePaths: string[]): FieldChecker {
  const sorted = [...new Set(relativePaths)].sort();
  const key = sorted.join(",");
  if (fieldCheckerCache?.key !== key) fieldCheckerCache = { key, checker: new FieldChecker(sorted) };
  return fieldCheckerCache.checker;
}

type Container = Json & { name?: string };

function containersOf(podSpec: unknown): { container: Container; init: boolean }[] {
  const list = (key: string) => {
    const value = get(podSpec, key);
    return Array.isArray(value) ? value.filter(isObject) : [];
  };
  return [
    ...list("initContainers").map((container) => ({ container, init: true })),
    ...list("containers").map((container) => ({ container, init: false })),
  ];
}

function imageProblem(image: unknown): string | undefined {
  if (typeof image !== "string" || !image) return "has no image";
  if (/@sha256:[0-9a-f]{64}$/.test(image)) return undefined;
  const lastSegment = image.split("/").pop() ?? "";
  if (!lastSegment.includes(":")) return `image ${image} has no tag (that is :latest)`;
  if (lastSegment.endsWith(":latest")) return `image ${image} uses :latest`;
  return undefined;
}

function workloadProblems(object: Json): string[] {
  const workload = workloads[String(object.kind)];
  if (!workload) return [];
  const podSpec = workload.podSpec(object);
  const problems: string[] = [];
  const podSecurity = get(podSpec, "securityContext");
  for (const { container, init } of containersOf(podSpec)) {
    const where = `${init ? "init container" : "container"} ${container.name ?? "?"}`;
    const image = imageProblem(container.image);
    if (image) problems.push(`${where}: ${image}`);
    const own = get(container, "securityContext");
    const runAsNonRoot = get(own, "runAsNonRoot") ?? get(podSecurity, "runAsNonRoot");
    const runAsUser = get(own, "runAsUser") ?? get(podSecurity, "runAsUser");
    if (runAsNonRoot !== true) problems.push(`${where}: securityContext.runAsNonRoot must be true (pod or container)`);
    if (runAsUser === 0) problems.push(`${where}: runs as uid 0`);
    if (get(own, "allowPrivilegeEscalation") !== false) {
      problems.push(`${where}: securityContext.allowPrivilegeEscalation must be false`);
    }
    if (!get(container, "resources", "requests", "cpu") || !get(container, "resources", "requests", "memory")) {
      problems.push(`${where}: needs resources.requests.cpu and .memory`);
    }
    if (!get(container, "resources", "limits", "memory")) problems.push(`${where}: needs resources.limits.memory`);
    if (!init && !workload.runsToCompletion) {
      for (const probe of ["readinessProbe", "livenessProbe"]) {
        if (!isObject(container[probe])) problems.push(`${where}: needs a ${probe}`);
      }
    }
  }
  return problems;
}

function storageClassProblems(object: Json, options: ValidateOptions): string[] {
  const claims: { where: string; spec: unknown }[] = [];
  if (object.kind === "PersistentVolumeClaim") claims.push({ where: "spec", spec: object.spec });
  if (object.kind === "StatefulSet") {
    const templates = get(object, "spec", "volumeClaimTemplates");
    if (Array.isArray(templates)) {
      templates.forEach((template, index) =>
        claims.push({ where: `volumeClaimTemplates[${index}].spec`, spec: get(template, "spec") }),
      );
    }
  }
  const problems: string[] = [];
  for (const { where, spec } of claims) {
    const storageClass = get(spec, "storageClassName");
    if (typeof storageClass !== "string" || !storageClass) {
      problems.push(`${where}.storageClassName must be set (the cluster's default class is rarely the right one)`);
    } else if (options.rendered && storageClass.startsWith(overlayPlaceholder)) {
      problems.push(`${where}.storageClassName is still the placeholder ${storageClass}: patch it in the overlay`);
    }
  }
  return problems;
}

function secretProblems(object: Json): string[] {
  if (object.kind !== "Secret") return [];
  const values: [string, string][] = [];
  for (const [key, value] of Object.entries(isObject(object.stringData) ? object.stringData : {})) {
    values.push([key, String(value)]);
  }
  for (const [key, value] of Object.entries(isObject(object.data) ? object.data : {})) {
    values.push([key, Buffer.from(String(value), "base64").toString("utf8")]);
  }
  return values
    .filter(([, value]) => value.trim() !== "" && !secretPlaceholder.test(value))
    .map(
      ([key]) =>
        `Secret key ${key} holds a value that looks real: committed Secrets hold placeholders containing CHANGE-ME; ` +
        "real secrets stay out of git (deploy/k8s/README.md)",
    );
}

function placeholderProblems(object: Json): string[] {
  const found: string[] = [];
  const visit = (value: unknown, at: string) => {
    if (typeof value === "string" && value.includes(overlayPlaceholder)) found.push(`${at}: placeholder ${value}`);
    else if (Array.isArray(value)) value.forEach((item, index) => visit(item, `${at}[${index}]`));
    else if (isObject(value)) for (const [key, item] of Object.entries(value)) visit(item, at ? `${at}.${key}` : key);
  };
  visit(object, "");
  return found.map((problem) => `unreplaced ${problem}`);
}

/** Validates parsed manifests (one result per object, in order). */
export async function validateObjects(documents: unknown[], options: ValidateOptions): Promise<ObjectResult[]> {
  const models = await Promise.all(
    documents.map((document) => (isObject(document) ? loadModel(document) : Promise.resolve(undefined))),
  );
  const known = models.flatMap((model) => (model ? [model.relative] : []));
  const fields = known.length ? fieldChecker(known) : undefined;
  const results: ObjectResult[] = [];
  for (const [index, document] of documents.entries()) {
    if (!isObject(document)) {
      results.push({ id: "<not an object>", source: options.source, problems: ["a document must be a mapping"] });
      continue;
    }
    const model = models[index];
    const problems: string[] = [];
    if (!model) {
      problems.push(
        `unknown kind ${String(document.apiVersion)} ${String(document.kind)} (not a resource of the Kubernetes API in kubernetes-models)`,
      );
    } else {
      problems.push(...schemaProblems(document, model.Model));
      if (fields) problems.push(...fields.problems(document, model.relative));
    }
    if (typeof get(document, "metadata", "name") !== "string") problems.push("metadata.name is missing");
    problems.push(
      ...workloadProblems(document),
      ...storageClassProblems(document, options),
      ...secretProblems(document),
    );
    if (options.rendered) problems.push(...placeholderProblems(document));
    results.push({ id: objectId(document), source: options.source, problems });
  }
  return results;
}

/** Parses a multi-document YAML text; syntax errors throw. Empty documents are dropped. */
export function parseManifests(text: string, source: string): unknown[] {
  const documents = parseAllDocuments(text);
  if (!Array.isArray(documents)) return [];
  const values: unknown[] = [];
  for (const document of documents) {
    if (document.errors.length)
      throw new Error(`${source}: ${document.errors.map((error) => error.message).join("; ")}`);
    const value: unknown = document.toJS();
    if (value !== null && value !== undefined) values.push(value);
  }
  return values;
}

export async function validateYaml(text: string, options: ValidateOptions): Promise<ObjectResult[]> {
  return validateObjects(parseManifests(text, options.source), options);
}

type Kustomization = { kind?: string; patches?: unknown; patchesStrategicMerge?: unknown; patchesJson6902?: unknown };

function readKustomization(dir: string): Kustomization | undefined {
  const file = ["kustomization.yaml", "kustomization.yml", "Kustomization"]
    .map((name) => path.join(dir, name))
    .find(existsSync);
  return file ? ((parseYaml(readFileSync(file, "utf8")) as Kustomization | null) ?? {}) : undefined;
}

/** The YAML files of a kustomization folder that are whole objects (not the kustomization, not patches). */
export function manifestFiles(dir: string): string[] {
  const kustomization = readKustomization(dir) ?? {};
  const patchFiles = new Set<string>();
  for (const list of [kustomization.patches, kustomization.patchesStrategicMerge, kustomization.patchesJson6902]) {
    if (!Array.isArray(list)) continue;
    for (const entry of list) {
      const file = typeof entry === "string" ? entry : get(entry, "path");
      if (typeof file === "string") patchFiles.add(path.resolve(dir, file));
    }
  }
  return readdirSync(dir)
    .filter((name) => /\.ya?ml$/.test(name) && !/^kustomization\.ya?ml$/.test(name))
    .map((name) => path.join(dir, name))
    .filter((file) => !patchFiles.has(file))
    .sort();
}

/** The YAML files of a folder, each validated as written. */
export async function validateFiles(dir: string): Promise<ObjectResult[]> {
  const results: ObjectResult[] = [];
  for (const file of manifestFiles(dir)) {
    const source = path.relative(repoRoot, file);
    results.push(...(await validateYaml(readFileSync(file, "utf8"), { source, rendered: false })));
  }
  return results;
}

export type Kustomize = { command: string; args: string[] };

/** kustomize on PATH or in ~/go/bin, else `kubectl kustomize`; undefined when neither exists. */
export function findKustomize(): Kustomize | undefined {
  const works = (command: string, args: string[]) => {
    try {
      execFileSync(command, args, { stdio: "ignore" });
      return true;
    } catch {
      return false;
    }
  };
  for (const command of ["kustomize", path.join(os.homedir(), "go", "bin", "kustomize")]) {
    if (works(command, ["version"])) return { command, args: ["build"] };
  }
  if (works("kubectl", ["version", "--client"])) return { command: "kubectl", args: ["kustomize"] };
  return undefined;
}

export function renderKustomization(dir: string, kustomize: Kustomize): string {
  return execFileSync(kustomize.command, [...kustomize.args, dir], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
}

/** Every folder under root that holds a kustomization, with its kind. */
export function kustomizationDirs(root: string): { dir: string; component: boolean }[] {
  const found: { dir: string; component: boolean }[] = [];
  const visit = (dir: string) => {
    const kustomization = readKustomization(dir);
    if (kustomization) found.push({ dir, component: kustomization.kind === "Component" });
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) visit(path.join(dir, entry.name));
    }
  };
  visit(root);
  return found.sort((a, b) => a.dir.localeCompare(b.dir));
}

/** Files of every kustomization folder as written, and every Kustomization rendered (when kustomize exists). */
export async function validateTree(
  root: string,
  kustomize: Kustomize | undefined,
): Promise<{ results: ObjectResult[]; rendered: string[]; notRendered: string[] }> {
  const results: ObjectResult[] = [];
  const rendered: string[] = [];
  const notRendered: string[] = [];
  for (const { dir, component } of kustomizationDirs(root)) {
    results.push(...(await validateFiles(dir)));
    if (component) continue;
    const source = `${path.relative(repoRoot, dir)} (rendered)`;
    if (!kustomize) {
      notRendered.push(path.relative(repoRoot, dir));
      continue;
    }
    let output: string;
    try {
      output = renderKustomization(dir, kustomize);
    } catch (error) {
      const stderr = (error as { stderr?: Buffer | string }).stderr;
      results.push({ id: "kustomization", source, problems: [`kustomize failed: ${String(stderr ?? error).trim()}`] });
      continue;
    }
    results.push(...(await validateYaml(output, { source, rendered: true })));
    rendered.push(path.relative(repoRoot, dir));
  }
  return { results, rendered, notRendered };
}

async function main(argv: string[]): Promise<number> {
  const requireKustomize = argv.includes("--require-kustomize");
  const roots = argv.filter((argument) => !argument.startsWith("--"));
  const started = Date.now();
  const kustomize = findKustomize();
  if (!kustomize && requireKustomize) {
    console.error(
      "kustomize not found (neither kustomize, ~/go/bin/kustomize nor kubectl): see scripts/check-prerequisites.sh",
    );
    return 1;
  }
  let failed = 0;
  let total = 0;
  for (const root of roots.length ? roots : [path.join(repoRoot, "deploy", "k8s")]) {
    const { results, notRendered } = await validateTree(path.resolve(root), kustomize);
    for (const result of results) {
      total += 1;
      if (result.problems.length === 0) {
        console.log(`ok    ${result.source}: ${result.id}`);
        continue;
      }
      failed += 1;
      console.log(`FAIL  ${result.source}: ${result.id}`);
      for (const problem of result.problems) console.log(`        - ${problem}`);
    }
    for (const dir of notRendered) console.log(`skip  ${dir}: not rendered (no kustomize found)`);
  }
  const renderer = kustomize ? `${path.basename(kustomize.command)} ${kustomize.args.join(" ")}` : "no kustomize";
  console.log(
    `${total} Kubernetes objects checked (${renderer}): ${total - failed} valid, ${failed} invalid, in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  return failed === 0 && total > 0 ? 0 : 1;
}

if (process.argv[1] && path.resolve(process.argv[1]) === thisFile) {
  process.exitCode = await main(process.argv.slice(2));
}
