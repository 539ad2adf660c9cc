import { error } from "@sveltejs/kit";
import type { LayoutLoad } from "./$types";

export const load = (async ({ parent }) => {
  const { me } = await parent();
  if (me.role !== "admin")
    error(403, {
      message: "Settings are for admins. Ask an admin to change users, teams or channels.",
      code: "FORBIDDEN",
    });
  return {};
}) satisfies LayoutLoad;
