/**
 * A strict reader of Prometheus' text exposition format (0.0.4), for tests: it throws on anything
 * a Prometheus server would refuse or misread, so `/metrics` is checked by a parser, not by eye.
 * Checked: line grammar (names, label escapes, values), HELP/TYPE at most once and before the
 * family's samples, families not interleaved, no duplicate series, and histograms whose buckets
 * are cumulative and end in le="+Inf" equal to _count.
 */
export type Sample = { name: string; labels: Record<string, string>; value: number };
export type Family = { name: string; type: string; help?: string; samples: Sample[] };

const metricName = "[a-zA-Z_:][a-zA-Z0-9_:]*";
const labelName = "[a-zA-Z_][a-zA-Z0-9_]*";
const labelValue = '"(?:[^"\\\\\\n]|\\\\[\\\\"n])*"';
// Values are read by Go's strconv.ParseFloat: Inf, Infinity and NaN in any case (prom-client writes "Nan").
const number =
  "[-+]?(?:\\d+\\.?\\d*(?:[eE][-+]?\\d+)?|\\.\\d+(?:[eE][-+]?\\d+)?|[iI][nN][fF](?:[iI][nN][iI][tT][yY])?|[nN][aA][nN])";
const labelPair = `${labelName}=${labelValue}`;
const sampleLine = new RegExp(
  `^(${metricName})(?:\\{((?:${labelPair})(?:,${labelPair})*,?)?\\})? (${number})(?: -?\\d+)?$`,
);
const helpLine = new RegExp(`^# HELP (${metricName})(?: (.*))?$`);
const typeLine = new RegExp(`^# TYPE (${metricName}) (counter|gauge|histogram|summary|untyped)$`);

const unescape = (value: string) => value.replace(/\\(.)/g, (_, char: string) => (char === "n" ? "\n" : char));

function parseValue(text: string): number {
  if (/^[-+]?inf(inity)?$/i.test(text)) return text.startsWith("-") ? -Infinity : Infinity;
  return /^nan$/i.test(text) ? NaN : Number(text);
}

/** The family a sample belongs to: histogram and summary samples carry suffixes. */
function familyOf(name: string, families: Map<string, Family>): Family | undefined {
  if (families.has(name)) return families.get(name);
  const base = name.replace(/_(bucket|sum|count)$/, "");
  const family = families.get(base);
  return family && ["histogram", "summary"].includes(family.type) && base !== name ? family : undefined;
}

export function parsePrometheusText(text: string): Map<string, Family> {
  if (!text.endsWith("\n")) throw new Error("the exposition does not end with a newline");
  const families = new Map<string, Family>();
  const finished = new Set<string>();
  const series = new Set<string>();
  const typed = new Set<string>();
  let current: Family | undefined;
  const enter = (family: Family, line: number) => {
    if (current === family) return;
    if (finished.has(family.name)) throw new Error(`line ${line}: ${family.name} appears in two places`);
    if (current) finished.add(current.name);
    current = family;
  };
  text
    .slice(0, -1)
    .split("\n")
    .forEach((line, index) => {
      const at = index + 1;
      if (line === "") return;
      if (line.startsWith("#")) {
        const help = helpLine.exec(line);
        const type = typeLine.exec(line);
        if (/^# (HELP|TYPE) /.test(line) && !help && !type) throw new Error(`line ${at}: malformed: ${line}`);
        const name = (help ?? type)?.[1];
        if (!name) return; // a plain comment
        let family = families.get(name);
        if (!family) {
          family = { name, type: "untyped", samples: [] };
          families.set(name, family);
        } else if (family.samples.length)
          throw new Error(`line ${at}: ${line.slice(0, 6)} of ${name} after its samples`);
        enter(family, at);
        if (help) {
          if (family.help !== undefined) throw new Error(`line ${at}: second HELP for ${name}`);
          family.help = help[2] ?? "";
        } else if (type) {
          if (typed.has(name)) throw new Error(`line ${at}: second TYPE for ${name}`);
          typed.add(name);
          family.type = type[2];
        }
        return;
      }
      const match = sampleLine.exec(line);
      if (!match) throw new Error(`line ${at}: not a valid sample: ${line}`);
      const [, name, labelText, valueText] = match;
      const labels: Record<string, string> = {};
      for (const pair of (labelText ?? "").matchAll(new RegExp(`(${labelName})=(${labelValue})`, "g"))) {
        if (pair[1] in labels) throw new Error(`line ${at}: label ${pair[1]} twice`);
        labels[pair[1]] = unescape(pair[2].slice(1, -1));
      }
      let family = familyOf(name, families);
      if (!family) {
        family = { name, type: "untyped", samples: [] };
        families.set(name, family);
      }
      enter(family, at);
      const key = `${name}${JSON.stringify(Object.entries(labels).sort())}`;
      if (series.has(key)) throw new Error(`line ${at}: duplicate series ${key}`);
      series.add(key);
      family.samples.push({ name, labels, value: parseValue(valueText) });
    });
  for (const family of families.values()) if (family.type === "histogram") checkHistogram(family);
  return families;
}

function checkHistogram(family: Family): void {
  const groups = new Map<string, { buckets: [number, number][]; count?: number }>();
  for (const sample of family.samples) {
    const { le, ...rest } = sample.labels;
    const key = JSON.stringify(Object.entries(rest).sort());
    const group = groups.get(key) ?? { buckets: [] };
    groups.set(key, group);
    if (sample.name.endsWith("_bucket")) {
      if (le === undefined) throw new Error(`${family.name}: a bucket without le`);
      group.buckets.push([parseValue(le), sample.value]);
    } else if (sample.name.endsWith("_count")) group.count = sample.value;
  }
  for (const [key, { buckets, count }] of groups) {
    buckets.sort((a, b) => a[0] - b[0]);
    buckets.forEach(([, value], index) => {
      if (index > 0 && value < buckets[index - 1][1]) throw new Error(`${family.name}${key}: buckets not cumulative`);
    });
    const last = buckets.at(-1);
    if (!last || last[0] !== Infinity) throw new Error(`${family.name}${key}: no le="+Inf" bucket`);
    if (last[1] !== count) throw new Error(`${family.name}${key}: +Inf bucket ${last[1]} != _count ${count}`);
  }
}

/** The value of one series, or undefined when it is not exposed. */
export function sampleValue(
  families: Map<string, Family>,
  name: string,
  labels: Record<string, string> = {},
): number | undefined {
  const family = familyOf(name, families);
  const wanted = Object.entries(labels);
  return family?.samples.find(
    (sample) =>
      sample.name === name &&
      Object.keys(sample.labels).length === wanted.length &&
      wanted.every(([key, value]) => sample.labels[key] === value),
  )?.value;
}
