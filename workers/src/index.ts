// The job runtime lives in the API package (`@helpdesk/api/jobs`), beside the HTTP and realtime adapters, because
// the server starts it in-process. Re-exported here so code that names the workers package keeps working.
export * from "@helpdesk/api/jobs";
