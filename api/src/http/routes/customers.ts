import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import { type z } from "zod";
import {
  createCustomer,
  createCustomerInput,
  getCustomer,
  listCustomers,
  listCustomersInput,
  updateCustomer,
  updateCustomerInput,
} from "../../domain/customers/customers.ts";
import {
  createOrganization,
  createOrganizationInput,
  getOrganization,
  listOrganizations,
  listOrganizationsInput,
  updateOrganization,
  updateOrganizationInput,
} from "../../domain/organizations/organizations.ts";
import { customerView, organizationView, pageOf } from "../../domain/tickets/views.ts";
import { authenticate, idParam, type AppEnv } from "../context.ts";
import { commonErrorResponses } from "../errors.ts";
import { jsonContent } from "../openapi.ts";

/** The four routes of a directory resource (customers, organizations): search, create, get, update. */
function crudRoutes<V extends z.ZodType, L extends z.ZodObject, C extends z.ZodType, U extends z.ZodType>(
  tag: string,
  view: V,
  inputs: { list: L; create: C; update: U },
) {
  return {
    list: createRoute({
      method: "get",
      path: "/",
      tags: [tag],
      summary: `Search ${tag.toLowerCase()}`,
      request: { query: inputs.list },
      responses: { 200: { description: "A page", content: jsonContent(pageOf(view)) }, ...commonErrorResponses },
    }),
    create: createRoute({
      method: "post",
      path: "/",
      tags: [tag],
      summary: `Create one of ${tag.toLowerCase()}`,
      request: { body: { content: jsonContent(inputs.create), required: true } },
      responses: { 201: { description: "Created", content: jsonContent(view) }, ...commonErrorResponses },
    }),
    get: createRoute({
      method: "get",
      path: "/{id}",
      tags: [tag],
      summary: `Get one of ${tag.toLowerCase()}`,
      request: { params: idParam },
      responses: { 200: { description: "Found", content: jsonContent(view) }, ...commonErrorResponses },
    }),
    update: createRoute({
      method: "patch",
      path: "/{id}",
      tags: [tag],
      summary: `Update one of ${tag.toLowerCase()}`,
      request: { params: idParam, body: { content: jsonContent(inputs.update), required: true } },
      responses: { 200: { description: "Updated", content: jsonContent(view) }, ...commonErrorResponses },
    }),
  };
}

export function customerRoutes() {
  const routes = crudRoutes("Customers", customerView, {
    list: listCustomersInput,
    create: createCustomerInput,
    update: updateCustomerInput,
  });
  const app = new OpenAPIHono<AppEnv>();
  app.use("*", authenticate);
  return app
    .openapi(routes.list, async (c) => c.json(await listCustomers(c.var.deps, c.req.valid("query")), 200))
    .openapi(routes.create, async (c) => c.json(await createCustomer(c.var.deps, c.req.valid("json")), 201))
    .openapi(routes.get, async (c) => c.json(await getCustomer(c.var.deps, c.req.valid("param").id), 200))
    .openapi(routes.update, async (c) =>
      c.json(await updateCustomer(c.var.deps, c.var.actor, c.req.valid("param").id, c.req.valid("json")), 200),
    );
}

export function organizationRoutes() {
  const routes = crudRoutes("Organizations", organizationView, {
    list: listOrganizationsInput,
    create: createOrganizationInput,
    update: updateOrganizationInput,
  });
  const app = new OpenAPIHono<AppEnv>();
  app.use("*", authenticate);
  return app
    .openapi(routes.list, async (c) => c.json(await listOrganizations(c.var.deps, c.req.valid("query")), 200))
    .openapi(routes.create, async (c) =>
      c.json(await createOrganization(c.var.deps, c.var.actor, c.req.valid("json")), 201),
    )
    .openapi(routes.get, async (c) => c.json(await getOrganization(c.var.deps, c.req.valid("param").id), 200))
    .openapi(routes.update, async (c) =>
      c.json(await updateOrganization(c.var.deps, c.var.actor, c.req.valid("param").id, c.req.valid("json")), 200),
    );
}
