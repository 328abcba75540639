import { describe, expect, it } from "vitest";
import { ValidationError } from "@/lib/shared/errors";
import { importLimits, parseSampleTable } from "@/lib/samples/import/table";
import { metadataCell, metadataValue } from "@/lib/samples/import/cells";
import { sampleImportTemplate } from "@/lib/samples/import/csv";
import { suggestMapping } from "@/lib/samples/import/mapping";

describe("reading a pasted or uploaded table", () => {
  it("reads cells pasted from a spreadsheet (tabs), trimmed, commas inside cells kept", () => {
    const table = parseSampleTable(
      "Sample name\tTray\tPosition\tNotes\nPupa day 1 \tT-DEMO-A\t1\tfixed, in ethanol\nPupa day 2\tT-DEMO-A\t\t\n",
    );
    expect(table).toEqual({
      headers: ["Sample name", "Tray", "Position", "Notes"],
      rows: [
        ["Pupa day 1", "T-DEMO-A", "1", "fixed, in ethanol"],
        ["Pupa day 2", "T-DEMO-A", "", ""],
      ],
      delimiter: "\t",
      lines: [2, 3],
    });
  });

  it("reads CSV with quoted cells: delimiters, doubled quotes and line breaks inside", () => {
    const table = parseSampleTable(
      'name,description,label\n"Amber, piece 1","a ""large"" one\nwith a crack",A1\nAmber 2,,A2\n',
    );
    expect(table.delimiter).toBe(",");
    expect(table.rows).toEqual([
      ["Amber, piece 1", 'a "large" one\nwith a crack', "A1"],
      ["Amber 2", "", "A2"],
    ]);
    expect(table.lines).toEqual([2, 3]);
  });

  it("reads semicolons (Excel in German locales), with decimal commas left to the cells", () => {
    const table = parseSampleTable("Name;Tray;meta:mass_mg\nBernstein 1;T-DEMO-B;12,5\nBernstein 2;T-DEMO-B;13\n");
    expect(table.delimiter).toBe(";");
    expect(table.headers).toEqual(["Name", "Tray", "meta:mass_mg"]);
    expect(table.rows[0]).toEqual(["Bernstein 1", "T-DEMO-B", "12,5"]);
  });

  it("accepts a byte order mark and CRLF line ends (Excel's UTF-8 CSV)", () => {
    const table = parseSampleTable("\uFEFFspecimenName,metadata.Härte\r\nKäfer,3\r\nMücke,4\r\n");
    expect(table.headers).toEqual(["specimenName", "metadata.Härte"]);
    expect(table.rows).toEqual([
      ["Käfer", "3"],
      ["Mücke", "4"],
    ]);
  });

  it("drops empty rows and empty trailing columns, keeping spreadsheet line numbers", () => {
    const table = parseSampleTable("\nname\ttray\t\t\nA\tT1\t\t\n\t\t\t\n\nB\tT1\t\t\n");
    expect(table.headers).toEqual(["name", "tray"]);
    expect(table.rows).toEqual([
      ["A", "T1"],
      ["B", "T1"],
    ]);
    expect(table.lines).toEqual([3, 6]);
  });

  it("names columns without a header and tells repeated headers apart", () => {
    const table = parseSampleTable("name,,notes,notes\nA,x,y,z\n");
    expect(table.headers).toEqual(["name", "(column 2)", "notes", "notes (2)"]);
  });

  it("is empty for empty text, and reads a single column", () => {
    expect(parseSampleTable("")).toMatchObject({ headers: [], rows: [] });
    expect(parseSampleTable("name\nA\nB\n")).toMatchObject({ headers: ["name"], rows: [["A"], ["B"]] });
  });

  it("refuses a quoted cell that is never closed, naming its line", () => {
    expect(() => parseSampleTable('name,notes\nA,"open\nB,x\n')).toThrow(ValidationError);
    try {
      parseSampleTable('name,notes\nA,"open\nB,x\n');
    } catch (error) {
      expect((error as ValidationError).fieldErrors.text[0]).toMatch(/^Line 2: a quoted cell is not closed/);
    }
  });

  it(`refuses more than ${importLimits.rows} rows and more than ${importLimits.columns} columns`, () => {
    const rows = (count: number) => ["name", ...Array.from({ length: count }, (_, i) => `S${i}`)].join("\n");
    expect(parseSampleTable(rows(importLimits.rows)).rows).toHaveLength(importLimits.rows);
    expect(() => parseSampleTable(rows(importLimits.rows + 1))).toThrow(/too long/);
    const wide = (count: number) => Array.from({ length: count }, (_, i) => `c${i}`).join("\t") + "\n";
    expect(parseSampleTable(wide(importLimits.columns)).headers).toHaveLength(importLimits.columns);
    expect(() => parseSampleTable(wide(importLimits.columns + 1))).toThrow(/too wide/);
  });
});

describe("suggested column mapping", () => {
  it("recognises the fields by their usual names, ignoring case, spaces and punctuation", () => {
    const headers = [
      "Sample Name",
      "specimen-ID",
      "Tray ID",
      "Well",
      "QR label",
      "Comment",
      "STATUS",
      "metadata.temperature_K",
      "meta:solvent",
      "Meta.pH",
      "Colour",
    ];
    expect(suggestMapping(headers)).toEqual({
      "Sample Name": "specimenName",
      "specimen-ID": "specimenId",
      "Tray ID": "trayId",
      Well: "position",
      "QR label": "qrCodeLabel",
      Comment: "description",
      STATUS: "status",
      "metadata.temperature_K": "metadata.temperature_K",
      "meta:solvent": "metadata.solvent",
      "Meta.pH": "metadata.pH",
      Colour: "ignore",
    });
  });

  it("knows the synonyms and the export's own headers", () => {
    const synonyms: Record<string, string> = {
      name: "specimenName",
      "specimen name": "specimenName",
      specimenName: "specimenName",
      id: "specimenId",
      "sample id": "specimenId",
      sampleId: "specimenId",
      specimenId: "specimenId",
      tray: "trayId",
      trayId: "trayId",
      pos: "position",
      slot: "position",
      position: "position",
      label: "qrCodeLabel",
      "label text": "qrCodeLabel",
      qrCodeLabel: "qrCodeLabel",
      description: "description",
      notes: "description",
    };
    for (const [header, target] of Object.entries(synonyms)) expect(suggestMapping([header])[header]).toBe(target);
  });

  it("maps a field once: the second column for it is ignored, as are headers such as constructor", () => {
    expect(suggestMapping(["name", "Sample name", "meta:x", "metadata.x", "constructor"])).toEqual({
      name: "specimenName",
      "Sample name": "ignore",
      "meta:x": "metadata.x",
      "metadata.x": "ignore",
      constructor: "ignore",
    });
    const mapping = suggestMapping(["__proto__", "meta:__proto__"]);
    expect(Object.getPrototypeOf(mapping)).toBe(Object.prototype);
    expect(Object.entries(mapping)).toEqual([
      ["__proto__", "ignore"],
      ["meta:__proto__", "metadata.__proto__"],
    ]);
  });
});

describe("metadata cells", () => {
  it("are typed: numbers, booleans, JSON, text; empty means no value", () => {
    expect(metadataValue("42")).toBe(42);
    expect(metadataValue("-0.5")).toBe(-0.5);
    expect(metadataValue("1.5e3")).toBe(1500);
    expect(metadataValue("true")).toBe(true);
    expect(metadataValue("FALSE")).toBe(false);
    expect(metadataValue('{"cryo": true, "T": [80, 90]}')).toEqual({ cryo: true, T: [80, 90] });
    expect(metadataValue("[1, 2]")).toEqual([1, 2]);
    expect(metadataValue('"007"')).toBe("007");
    expect(metadataValue("ethanol")).toBe("ethanol");
    expect(metadataValue("")).toBeUndefined();
    expect(metadataValue("  ")).toBeUndefined();
  });

  it("stay text when they only look like numbers or JSON", () => {
    expect(metadataValue("007")).toBe("007");
    expect(metadataValue("12,5")).toBe("12,5");
    expect(metadataValue("1.2.3")).toBe("1.2.3");
    expect(metadataValue("4006381333931123456")).toBe("4006381333931123456");
    expect(metadataValue("{not json")).toBe("{not json");
    expect(metadataValue("[draft]")).toBe("[draft]");
    expect(metadataValue("yes")).toBe("yes");
  });

  it("are written so that reading them back gives the same value", () => {
    const values = [
      0,
      -3,
      2.75,
      1e21,
      2 ** 60,
      true,
      false,
      "ethanol",
      "007",
      "true",
      "42",
      '{"a": 1}',
      "",
      " padded ",
      'say "hi"',
      { cryo: true, T: [80, 90] },
      [1, "two", null],
    ];
    for (const value of values) expect(metadataValue(metadataCell(value))).toEqual(value);
  });
});

describe("the template", () => {
  it("is UTF-8 CSV with a byte order mark that the import reads, headers mapped, two samples", () => {
    const template = sampleImportTemplate();
    expect(template.startsWith("\uFEFF")).toBe(true);
    const table = parseSampleTable(template);
    expect(table.rows).toHaveLength(2);
    expect(Object.values(suggestMapping(table.headers))).not.toContain("ignore");
  });
});
