// The message an operator is writing outlives the compose view. The backoffice creates a new view element
// whenever the section's route changes, and the section's default route and `view/compose` are two routes: a
// dispatcher who opens the section, starts typing and then clicks "Nová zpráva" (or looks at the sent
// messages and comes back) would otherwise lose a half-written crisis message. Kept in this page's memory
// only (a reload starts afresh), and only for the operator who wrote it.
import type { AreaSelection } from './area-picker.element.js';

export interface ComposeDraft {
  templateKey: string;
  packageId: number | null;
  areas: AreaSelection;
  text: string;
  transliterate: boolean;
  later: boolean;
  sendAt: string;
  /** '' = the configured default sender. */
  originator: string;
}

let saved: { owner: string; draft: ComposeDraft } | undefined;

export function saveDraft(owner: string, draft: ComposeDraft): void {
  saved = { owner, draft: { ...draft, areas: { cityPartIds: [...draft.areas.cityPartIds], streetIds: [...draft.areas.streetIds] } } };
}

/** The draft this operator left, if any. */
export function savedDraft(owner: string): ComposeDraft | undefined {
  return saved?.owner === owner ? saved.draft : undefined;
}
