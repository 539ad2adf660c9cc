import type { z } from "zod";

/**
 * A JSON body in a route's OpenAPI description (`request.body.content`, `responses[status].content`): the
 * schema validates the request, or types the response for the typed client, and documents either.
 */
export const jsonContent = <S extends z.ZodType>(schema: S) => ({ "application/json": { schema } });
