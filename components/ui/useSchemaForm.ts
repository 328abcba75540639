"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { type DefaultValues, type FieldValues, type Resolver, useForm } from "react-hook-form";
import type { z } from "zod";

/**
 * A react-hook-form form checked in the browser with the entity's schema from lib/schemas, the same
 * one the server action and the API parse with. `Fields` is what the inputs hold (text, as typed);
 * the submit handler gets the schema's output.
 */
export function useSchemaForm<Fields extends FieldValues, Schema extends z.ZodType>(
  schema: Schema,
  defaultValues: DefaultValues<Fields>,
) {
  // The fields are text as typed, the schema's input is wider (numbers, dates, metadata): the
  // resolver is the schema's, its types are the form's.
  const resolver = zodResolver(schema as never) as unknown as Resolver<Fields, unknown, z.output<Schema>>;
  return useForm<Fields, unknown, z.output<Schema>>({ resolver, defaultValues });
}
