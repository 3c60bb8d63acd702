/**
 * The documents of published challenges, as the JSON a list item carries, by challenge id. They were
 * frozen at publication: an edit that touches them is `challenges.documents_frozen` (checked under
 * the challenge's lock, the lock publish takes), and libs/documents keeps an attached document
 * attached and unchanged (its trigger). So a list page asks the database only for the documents of
 * drafts and of published challenges this process has not listed yet — on the common pages, none:
 * one query per page instead of two. Bounded: past `capacity` ids the least recently listed goes.
 */
export class PublishedDocuments {
  private readonly byId = new Map<string, string>();

  constructor(private readonly capacity: number) {}

  /** The documents' JSON, if `id` (a published challenge) was listed before; marks it as recently listed. */
  get(id: string): string | undefined {
    const json = this.byId.get(id);
    if (json !== undefined) {
      this.byId.delete(id);
      this.byId.set(id, json);
    }
    return json;
  }

  /** Only for a challenge read as published (its documents can no longer change). */
  set(id: string, json: string): void {
    this.byId.delete(id);
    this.byId.set(id, json);
    if (this.byId.size > this.capacity) this.byId.delete(this.byId.keys().next().value as string);
  }

  get size(): number {
    return this.byId.size;
  }
}
