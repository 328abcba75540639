import "server-only";
import { createUnit, Unit, unit } from "mathjs";

/**
 * SciCat's `valueSI`/`unitSI`: next to every quantity in scientificMetadata (and a sample's
 * characteristics, an instrument's customMetadata), the value in SI units. Computed as SciCat
 * 4.5.0 does (backend src/common/utils.ts, with the same mathjs), when a document is shown through
 * SciCat's API; what is stored stays as the client sent it.
 */

// SciCat accepts Å as a unit (mathjs does not know it); registered once per process.
const isAlpha = Unit.isValidAlpha;
Unit.isValidAlpha = (character: string) => isAlpha(character) || character === "Å";
try {
  createUnit("Å", "1 angstrom");
} catch {
  // Already registered (a second copy of this module in the same process).
}

const maxUnitLength = 100;

type Quantity = { valueSI: unknown; unitSI: string };

function toSI(value: unknown, unitName: string): Quantity {
  try {
    const normalized = unitName.normalize("NFC");
    const target = unit(normalized).toSI().toJSON().unit;
    const convert = (single: unknown) =>
      unit(single as number, normalized)
        .to(target)
        .toJSON();
    if (Array.isArray(value)) {
      // SciCat converts ranges of two values and leaves longer lists as they are.
      if (value.length !== 2) return { valueSI: value, unitSI: unitName };
      const both = value.map(convert);
      return { valueSI: both.map((quantity) => Number(quantity.value)), unitSI: both[0].unit };
    }
    const quantity = convert(value);
    return { valueSI: Number(quantity.value), unitSI: quantity.unit };
  } catch {
    // A unit mathjs does not know: SciCat keeps the value and unit as they are.
    return { valueSI: value, unitSI: unitName };
  }
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  !!value && typeof value === "object" && !Array.isArray(value);

/**
 * The metadata with valueSI/unitSI added to each quantity, at any depth. A quantity is an object
 * with a value and a unit; like SciCat, any key starting with "v" (or "u") and not ending in "SI"
 * counts as the value (or the unit).
 */
export function withSIUnits<T>(metadata: T): T {
  if (!isObject(metadata)) return metadata;
  return Object.fromEntries(
    Object.entries(metadata).map(([key, entry]) => {
      if (!isObject(entry)) return [key, entry];
      let value: unknown;
      let unitName: unknown;
      for (const [field, content] of Object.entries(entry)) {
        if (field.endsWith("SI")) continue;
        if (field.startsWith("u")) unitName = content;
        if (field.startsWith("v")) value = content;
      }
      // As SciCat: any value with a unit is converted, and one mathjs cannot read is kept as it is.
      // Units longer than any real one are not parsed: mathjs' time grows with the text.
      if (
        value !== undefined &&
        typeof unitName === "string" &&
        unitName.length > 0 &&
        unitName.length <= maxUnitLength
      )
        return [key, { ...entry, ...toSI(value, unitName) }];
      return [key, withSIUnits(entry)];
    }),
  ) as T;
}
