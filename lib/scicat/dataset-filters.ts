import "server-only";
import type { DatasetType, Prisma } from "@/lib/generated/prisma/client";
import { datasetTypes } from "@/lib/schemas/dataset";
import { DomainError } from "@/lib/shared/errors";

/**
 * SciCat's dataset queries (loopback `filter`, `fullquery`'s `fields` and `limits`) translated to
 * Prisma conditions: a bounded subset on named fields only, so a query is always one indexed,
 * parameterised statement, never SQL built from text. Anything outside the subset is a 400 naming
 * what was sent, never silently ignored.
 */

const badQuery = (message: string) => new DomainError(message, 400);

type Where = Prisma.DatasetWhereInput;
type Condition = (value: unknown, field: string) => Where;

const maxListLength = 1000;
const maxConditions = 50;
const maxDepth = 4;
export const maxLimit = 1000;

const isObject = (value: unknown): value is Record<string, unknown> =>
  !!value && typeof value === "object" && !Array.isArray(value);

function textValue(value: unknown, field: string): string {
  if (typeof value !== "string") throw badQuery(`${field}: compare it with a string, not ${JSON.stringify(value)}`);
  return value;
}

function listOf<T>(value: unknown, field: string, item: (entry: unknown, field: string) => T): T[] {
  if (!Array.isArray(value)) throw badQuery(`${field}: give a list`);
  if (value.length > maxListLength) throw badQuery(`${field}: at most ${maxListLength} values`);
  return value.map((entry) => item(entry, field));
}

/**
 * loopback `like` (a regular expression on SciCat's MongoDB) as a literal search: `^` and `$` at
 * the ends anchor it, `.*` stands for anything; other pattern syntax is refused.
 */
function likeFilter(pattern: string, field: string, insensitive: boolean): Prisma.StringFilter {
  const starts = pattern.startsWith("^");
  const ends = pattern.endsWith("$") && !pattern.endsWith("\\$");
  const core = pattern.slice(starts ? 1 : 0, ends ? -1 : undefined).replace(/^\.\*|\.\*$/g, "");
  if (/[\\[\](){}|?+*^$.]/.test(core.replace(/\\./g, "")))
    throw badQuery(`${field}: "like" takes plain text, optionally anchored with ^ and $ (got ${pattern})`);
  const literal = core.replace(/\\(.)/g, "$1");
  const mode = insensitive ? ("insensitive" as const) : undefined;
  if (starts && ends) return { equals: literal, mode };
  if (starts) return { startsWith: literal, mode };
  if (ends) return { endsWith: literal, mode };
  return { contains: literal, mode };
}

/** A text column: equality, `inq`/`nin`, `neq`, `like`/`ilike`/`regexp` (plain text). */
function textCondition(
  column: string,
  wrap: (filter: Prisma.StringFilter | string) => Where = (f) => ({ [column]: f }),
): Condition {
  return (value, field) => {
    if (!isObject(value)) return wrap(textValue(value, field));
    const filter: Prisma.StringFilter = {};
    for (const [operator, operand] of Object.entries(value)) {
      if (operator === "inq" || operator === "$in") filter.in = listOf(operand, field, textValue);
      else if (operator === "nin" || operator === "$nin") filter.notIn = listOf(operand, field, textValue);
      else if (operator === "neq" || operator === "$ne") filter.not = textValue(operand, field);
      else if (operator === "eq" || operator === "$eq") filter.equals = textValue(operand, field);
      else if (["like", "ilike", "regexp", "$regex"].includes(operator))
        Object.assign(filter, likeFilter(textValue(operand, field), field, operator === "ilike"));
      else
        throw badQuery(`${field}: the operator "${operator}" is not supported here (eq, neq, inq, nin, like, ilike)`);
    }
    return wrap(filter);
  };
}

/** A list column (keywords, accessGroups, …): a value it holds, `inq` any of, `all` every one. */
function listCondition(column: string): Condition {
  return (value, field) => {
    if (!isObject(value)) return { [column]: { has: textValue(value, field) } };
    const conditions: Where[] = Object.entries(value).map(([operator, operand]) => {
      if (operator === "inq" || operator === "$in") return { [column]: { hasSome: listOf(operand, field, textValue) } };
      if (operator === "all" || operator === "$all")
        return { [column]: { hasEvery: listOf(operand, field, textValue) } };
      if (operator === "eq" || operator === "$eq") return { [column]: { has: textValue(operand, field) } };
      throw badQuery(`${field}: the operator "${operator}" is not supported here (inq, all, eq)`);
    });
    return { AND: conditions };
  };
}

type Comparable = number | bigint | Date;

function rangeCondition(column: string, parse: (value: unknown, field: string) => Comparable): Condition {
  const operators: Record<string, "gt" | "gte" | "lt" | "lte" | "equals" | "not"> = {
    gt: "gt",
    gte: "gte",
    lt: "lt",
    lte: "lte",
    eq: "equals",
    neq: "not",
    $gt: "gt",
    $gte: "gte",
    $lt: "lt",
    $lte: "lte",
    $eq: "equals",
    $ne: "not",
  };
  return (value, field) => {
    if (!isObject(value)) return { [column]: parse(value, field) };
    const filter: Record<string, Comparable> = {};
    for (const [operator, operand] of Object.entries(value)) {
      if (operator === "between") {
        const [low, high] = listOf(operand, field, parse);
        if (low === undefined || high === undefined) throw badQuery(`${field}: "between" takes [low, high]`);
        filter.gte = low;
        filter.lte = high;
      } else if (operators[operator]) filter[operators[operator]] = parse(operand, field);
      else
        throw badQuery(
          `${field}: the operator "${operator}" is not supported here (gt, gte, lt, lte, between, eq, neq)`,
        );
    }
    return { [column]: filter };
  };
}

function dateValue(value: unknown, field: string): Date {
  const date = typeof value === "string" ? new Date(value) : null;
  // Years PostgreSQL's timestamps hold; a date beyond them would fail in the database.
  if (!date || Number.isNaN(date.getTime()) || date.getUTCFullYear() < 1 || date.getUTCFullYear() > 9999)
    throw badQuery(`${field}: compare it with an ISO 8601 date, not ${JSON.stringify(value)}`);
  return date;
}

function numberValue(value: unknown, field: string): number {
  if (typeof value !== "number" || !Number.isFinite(value)) throw badQuery(`${field}: compare it with a number`);
  return value;
}

function byteValue(value: unknown, field: string): bigint {
  const bytes = numberValue(value, field);
  if (!Number.isSafeInteger(bytes)) throw badQuery(`${field}: compare it with a whole number of bytes`);
  return BigInt(bytes);
}

function fileCount(value: unknown, field: string): number {
  const count = numberValue(value, field);
  if (!Number.isInteger(count) || Math.abs(count) > 2_147_483_647)
    throw badQuery(`${field}: compare it with a whole number of files`);
  return count;
}

/** `type`, one of raw and derived: equality, `neq`, `inq`, `nin` (no text search on a fixed list). */
function typeCondition(value: unknown, field: string): Where {
  const typeOf = (entry: unknown): DatasetType => {
    if (!(datasetTypes as readonly unknown[]).includes(entry))
      throw badQuery(`${field}: one of ${datasetTypes.join(", ")}, not ${JSON.stringify(entry)}`);
    return entry as DatasetType;
  };
  if (!isObject(value)) return { type: typeOf(value) };
  const filter: Prisma.EnumDatasetTypeFilter = {};
  for (const [operator, operand] of Object.entries(value)) {
    if (operator === "inq" || operator === "$in") filter.in = listOf(operand, field, typeOf);
    else if (operator === "nin" || operator === "$nin") filter.notIn = listOf(operand, field, typeOf);
    else if (operator === "neq" || operator === "$ne") filter.not = typeOf(operand);
    else if (operator === "eq" || operator === "$eq") filter.equals = typeOf(operand);
    else throw badQuery(`${field}: the operator "${operator}" is not supported here (eq, neq, inq, nin)`);
  }
  return { type: filter };
}

function booleanCondition(value: unknown, field: string): Where {
  if (typeof value !== "boolean") throw badQuery(`${field}: true or false`);
  // Nothing here is published: isPublished is false for every dataset.
  return value ? { pid: { in: [] } } : {};
}

const referenceCondition = (relation: "sample" | "proposal" | "instrument", column: string): Condition => {
  const text = textCondition(column, (filter) => ({ [relation]: { is: { [column]: filter } } }));
  return (value, field) => {
    // v4's list fields (sampleIds, proposalIds, instrumentIds) hold one reference here.
    if (Array.isArray(value)) return text({ inq: value }, field);
    return text(value, field);
  };
};

/** Dataset fields a query may name, by their SciCat names (v3 and v4). */
const fieldConditions: Record<string, Condition> = {
  pid: textCondition("pid"),
  datasetName: textCondition("datasetName"),
  description: textCondition("description"),
  type: typeCondition,
  owner: textCondition("owner"),
  ownerGroup: textCondition("ownerGroup"),
  contactEmail: textCondition("contactEmail"),
  sourceFolder: textCondition("sourceFolder"),
  sourceFolderHost: textCondition("sourceFolderHost"),
  creationLocation: textCondition("creationLocation"),
  dataFormat: textCondition("dataFormat"),
  license: textCondition("license"),
  createdBy: textCondition("createdBy"),
  keywords: listCondition("keywords"),
  accessGroups: listCondition("accessGroups"),
  principalInvestigators: listCondition("principalInvestigators"),
  principalInvestigator: listCondition("principalInvestigators"),
  investigator: listCondition("principalInvestigators"),
  inputDatasets: listCondition("inputDatasets"),
  usedSoftware: listCondition("usedSoftware"),
  size: rangeCondition("size", byteValue),
  numberOfFiles: rangeCondition("numberOfFiles", fileCount),
  creationTime: rangeCondition("creationTime", dateValue),
  startTime: rangeCondition("startTime", dateValue),
  endTime: rangeCondition("endTime", dateValue),
  createdAt: rangeCondition("createdAt", dateValue),
  updatedAt: rangeCondition("updatedAt", dateValue),
  sampleId: referenceCondition("sample", "specimenId"),
  sampleIds: referenceCondition("sample", "specimenId"),
  proposalId: referenceCondition("proposal", "proposalId"),
  proposalIds: referenceCondition("proposal", "proposalId"),
  instrumentId: referenceCondition("instrument", "pid"),
  instrumentIds: referenceCondition("instrument", "pid"),
  isPublished: booleanCondition,
};

const queryableFields = Object.keys(fieldConditions);

/** A loopback `where` (`and`, `or`, field conditions) as a Prisma condition. */
export function datasetWhere(where: unknown, depth = 0, budget = { conditions: 0 }): Where {
  if (where === undefined) return {};
  if (!isObject(where)) throw badQuery('filter.where must be a JSON object such as {"sampleId":"S-ABC123"}');
  if (depth > maxDepth) throw badQuery(`filter.where: at most ${maxDepth} levels of and/or`);
  const conditions: Where[] = [];
  for (const [key, value] of Object.entries(where)) {
    if (++budget.conditions > maxConditions) throw badQuery(`filter.where: at most ${maxConditions} conditions`);
    if (key === "and" || key === "$and" || key === "or" || key === "$or") {
      const parts = listOf(value, key, (part) => datasetWhere(part, depth + 1, budget));
      conditions.push(key.endsWith("and") ? { AND: parts } : { OR: parts });
      continue;
    }
    const condition = fieldConditions[key];
    if (!condition)
      throw badQuery(`Querying datasets by "${key}" is not supported here; fields: ${queryableFields.join(", ")}`);
    conditions.push(condition(value, key));
  }
  return conditions.length === 1 ? conditions[0] : { AND: conditions };
}

/**
 * fullquery's `fields`: `text` (words in name, description or pid), `creationTime`
 * {begin, end}, `mode` (a loopback where), `isPublished`; any other field a value or a list of
 * values (any of them).
 */
export function fullqueryWhere(fields: unknown): Where {
  if (fields === undefined) return {};
  if (!isObject(fields)) throw badQuery('fields must be a JSON object such as {"ownerGroup":["p1234"]}');
  const conditions: Where[] = [];
  for (const [key, value] of Object.entries(fields)) {
    if (key === "text") {
      const words = textValue(value, "text").split(/\s+/).filter(Boolean).slice(0, 20);
      for (const word of words)
        conditions.push({
          OR: ["datasetName", "description", "pid"].map((column) => ({
            [column]: { contains: word, mode: "insensitive" },
          })),
        });
    } else if (key === "creationTime") {
      if (!isObject(value)) throw badQuery('creationTime: give {"begin": date, "end": date}');
      conditions.push(
        rangeCondition("creationTime", dateValue)(
          {
            ...(value.begin !== undefined ? { gte: value.begin } : {}),
            ...(value.end !== undefined ? { lte: value.end } : {}),
          },
          "creationTime",
        ),
      );
    } else if (key === "mode") {
      conditions.push(datasetWhere(value, 1));
    } else if (key === "scientific") {
      throw badQuery("fields.scientific (conditions on scientificMetadata) is not supported here");
    } else if (Array.isArray(value)) {
      conditions.push(datasetWhere({ [key]: { inq: value } }));
    } else {
      conditions.push(datasetWhere({ [key]: value }));
    }
  }
  return { AND: conditions };
}

/** Fields a query may sort by. */
const sortable = new Set([
  "pid",
  "datasetName",
  "type",
  "owner",
  "ownerGroup",
  "sourceFolder",
  "size",
  "numberOfFiles",
  "creationTime",
  "startTime",
  "endTime",
  "createdAt",
  "updatedAt",
]);

/** `order`: "creationTime:desc" (SciCat), "creationTime DESC" (loopback), or a list of them. */
export function datasetOrder(order: unknown): Prisma.DatasetOrderByWithRelationInput[] {
  const fallback: Prisma.DatasetOrderByWithRelationInput[] = [{ creationTime: "desc" }, { pid: "asc" }];
  if (order === undefined || order === "") return fallback;
  const parts = Array.isArray(order) ? order : typeof order === "string" ? order.split(",") : null;
  if (!parts || parts.length > 5) throw badQuery('order: e.g. "creationTime:desc", or a list of up to 5 of them');
  const sorted = parts.map((part) => {
    const [field, direction = "asc"] = textValue(part, "order")
      .trim()
      .split(/[:\s]+/);
    const way = direction.toLowerCase();
    if (!sortable.has(field) || (way !== "asc" && way !== "desc"))
      throw badQuery(`order: "${part}" is not one of field:asc|desc with field in ${[...sortable].join(", ")}`);
    return { [field]: way } as Prisma.DatasetOrderByWithRelationInput;
  });
  return [...sorted, { pid: "asc" }];
}

/** A whole number query parameter in [min, max]. */
export function boundedCount(value: unknown, name: string, min: number, max: number, fallback: number): number {
  if (value === undefined) return fallback;
  const number = typeof value === "string" && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof number !== "number" || !Number.isInteger(number) || number < min || number > max)
    throw badQuery(`${name} must be a whole number from ${min} to ${max}`);
  return number;
}

/** A JSON query parameter: absent is undefined, anything but JSON is the client's mistake. */
export function jsonParameter(request: Request, name: string): unknown {
  const text = new URL(request.url).searchParams.get(name);
  if (text === null || text === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw badQuery(`The ${name} parameter is not JSON`);
  }
}
