// adapter-node's App.Platform: `platform.req`, the Node request (hooks.server.ts reads its socket).
/// <reference types="@sveltejs/adapter-node" />
// See https://svelte.dev/docs/kit/types#app.d.ts
declare global {
  namespace App {
    interface Error {
      message: string;
      code?: string;
    }
  }
}

export {};
