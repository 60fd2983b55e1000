import { zodResolver } from "@hookform/resolvers/zod";
import type { FieldValues, Resolver } from "react-hook-form";
import type { z } from "zod";

/**
 * A resolver for a form whose inputs hold text (`Values`) checked by an API schema whose input type is
 * looser (`unknown` where it coerces numbers or reads blank text as "no value"). Each schema used here
 * accepts the form's strings; the types cannot say so, hence the one cast.
 */
export function textFormResolver<Values extends FieldValues, Schema extends z.ZodType<unknown, FieldValues>>(schema: Schema): Resolver<Values, unknown, z.output<Schema>> {
  return zodResolver(schema) as unknown as Resolver<Values, unknown, z.output<Schema>>;
}
