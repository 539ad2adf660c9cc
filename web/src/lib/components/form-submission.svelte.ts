import { tick } from "svelte";
import { failureOf, type FieldErrors, type FormFields } from "$lib/api/form-failure";

/**
 * One settings form's save: whether it is running, what went wrong (a banner and per-field messages) or the notice
 * of its success. The form renders `errors` next to its inputs and hands the rest to `SaveBar`.
 */
export class FormSubmission {
  busy = $state(false);
  errors = $state<FieldErrors>({});
  failure = $state<string | null>(null);
  notice = $state<string | null>(null);
  /** The form element (`bind:this`): after a failure, its first invalid input gets the focus. */
  element = $state<HTMLFormElement | undefined>();
  readonly #fields: FormFields;

  constructor(fields: FormFields) {
    this.#fields = fields;
  }

  /**
   * Runs one save, unless one is running: `save` calls the API and returns the notice to show, or nothing
   * (it navigated away, or there was nothing to send). What it throws is shown, and focus goes to the first field at fault.
   */
  async run(save: () => Promise<string | void>): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.errors = {};
    this.failure = null;
    this.notice = null;
    try {
      this.notice = (await save()) ?? null;
    } catch (error) {
      const result = failureOf(error, this.#fields);
      this.errors = result.fields;
      this.failure = result.message;
      await tick();
      this.element?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
    } finally {
      this.busy = false;
    }
  }

  /** The form went back to what is stored: what went wrong with other values no longer applies. */
  clear() {
    this.errors = {};
    this.failure = null;
  }
}

/** "Saved at 14:05." and what followed from it. */
export function savedNotice(consequence?: string): string {
  const at = `Saved at ${new Date().toLocaleTimeString(undefined, { timeStyle: "short" })}.`;
  return consequence ? `${at} ${consequence}` : at;
}
