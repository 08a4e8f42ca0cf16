// What every view of the package shares, so that each does it the same way: the package's localization
// keys, polling while the view is shown, and one way an operator's action runs (busy while it runs, so a
// double click does not act twice; then a success toast or the server's Czech error).
import { state } from '@umbraco-cms/backoffice/external/lit';
import { UmbLitElement } from '@umbraco-cms/backoffice/lit-element';
import { notifyError, notifySuccess } from './host.js';

export abstract class StudenkaSmsElement extends UmbLitElement {
  /** True while an operator's action runs; the view disables its buttons. */
  @state() protected busy = false;

  #polls: ReturnType<typeof setInterval>[] = [];

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.#polls.forEach(clearInterval);
    this.#polls = [];
  }

  /**
   * Runs `load` every `ms` until the view leaves the page. A failed round shows nothing: the view keeps
   * what it last showed and the next round tries again (its first load already reported any error).
   */
  protected poll(load: () => Promise<unknown>, ms: number): void {
    // Views start polling after their first load: one left before it finished must not poll unseen.
    if (!this.isConnected) return;
    this.#polls.push(setInterval(() => void load().catch(() => undefined), ms));
  }

  /** The package's term `studenkaSms_<key>`. */
  protected t(key: string, ...args: unknown[]): string {
    return this.localize.term(`studenkaSms_${key}`, ...args);
  }

  /**
   * Runs an operator's action. On success shows `success` (already localized) if given; on failure the
   * server's problem text, after `onError` saw the error (e.g. to mark the fields it names).
   */
  protected async act(action: () => Promise<unknown>, success?: string, onError?: (error: unknown) => void): Promise<boolean> {
    this.busy = true;
    try {
      await action();
      if (success) await notifySuccess(this, success);
      return true;
    } catch (error) {
      onError?.(error);
      await notifyError(this, error);
      return false;
    } finally {
      this.busy = false;
    }
  }
}
