/** Scientific metadata as a tree: objects and arrays fold open and shut, leaves show their value. */
export function JsonTree({ value, name }: { value: unknown; name?: string }) {
  if (value !== null && typeof value === "object") {
    const entries = Array.isArray(value)
      ? value.map((item, index) => [String(index), item] as const)
      : Object.entries(value);
    const summary = Array.isArray(value) ? `[${entries.length}]` : `{${entries.length}}`;
    // A physical quantity reads best on one line: "20 keV".
    const quantity = !Array.isArray(value) && entries.length === 2 && "value" in value && "unit" in value;
    if (quantity) {
      const { value: amount, unit } = value as { value: unknown; unit: unknown };
      return <Leaf name={name} text={`${String(amount)} ${String(unit)}`} />;
    }
    return (
      <details open={name === undefined} className="pl-4">
        <summary className="-ml-4 cursor-pointer">
          {name !== undefined && <span className="font-medium">{name}</span>}{" "}
          <span className="text-slate-500">{summary}</span>
        </summary>
        <ul>
          {entries.map(([key, item]) => (
            <li key={key}>
              <JsonTree value={item} name={key} />
            </li>
          ))}
        </ul>
      </details>
    );
  }
  return (
    <Leaf name={name} text={value === null ? "null" : typeof value === "string" ? value : JSON.stringify(value)} />
  );
}

function Leaf({ name, text }: { name?: string; text: string }) {
  return (
    <div className="pl-0">
      {name !== undefined && <span className="font-medium">{name}: </span>}
      <span className="font-mono break-all">{text}</span>
    </div>
  );
}
