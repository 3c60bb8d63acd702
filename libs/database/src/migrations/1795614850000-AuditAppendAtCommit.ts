import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Chaining at COMMIT (issue 20, the deadline rush). A bid write inserts its ledger entry into
 * `audit_pending`; a deferred constraint trigger appends it to its chain when the transaction
 * commits — lock the head, hash the entry with the head's seq and hash filled into its canonical
 * text (libs/audit/src/hash-template.ts), insert it, move the head, delete the pending row. The
 * chain's lock is then held from the trigger to the end of the commit, with no round trip to the
 * application in between, instead of from the append through the client's COMMIT.
 *
 * The rule is unchanged: the decision and its ledger entry commit together or not at all (a failing
 * trigger fails the COMMIT), and each chain stays gap-free and ordered (by the head's lock).
 */
export class AuditAppendAtCommit1795614850000 implements MigrationInterface {
  name = 'AuditAppendAtCommit1795614850000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "audit_pending" (
        "id" uuid NOT NULL,
        "chain" character varying(64) NOT NULL,
        "challenge_id" uuid,
        "actor_id" uuid,
        "action" character varying(100) NOT NULL,
        "subject_type" character varying(50) NOT NULL,
        "subject_id" character varying(100) NOT NULL,
        "before" jsonb,
        "after" jsonb,
        "public" boolean NOT NULL DEFAULT false,
        "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "text_before_prev_hash" text NOT NULL,
        "text_before_seq" text NOT NULL,
        "text_after_seq" text NOT NULL,
        CONSTRAINT "PK_audit_pending" PRIMARY KEY ("id")
      )`);
    await q.query(`
      CREATE FUNCTION "audit_append_pending"() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        head record;
        next_seq bigint;
        next_hash text;
      BEGIN
        SELECT seq, hash INTO head FROM audit_chain_heads WHERE chain = NEW.chain FOR UPDATE;
        IF NOT FOUND THEN
          INSERT INTO audit_chain_heads (chain, seq, hash) VALUES (NEW.chain, 0, repeat('0', 64)) ON CONFLICT (chain) DO NOTHING;
          SELECT seq, hash INTO head FROM audit_chain_heads WHERE chain = NEW.chain FOR UPDATE;
        END IF;
        next_seq := head.seq + 1;
        next_hash := encode(sha256(convert_to(
          NEW.text_before_prev_hash || head.hash || NEW.text_before_seq || next_seq::text || NEW.text_after_seq, 'UTF8')), 'hex');
        INSERT INTO audit_entries (id, chain, seq, challenge_id, actor_id, action, subject_type, subject_id, before, after, public,
                                   recorded_at, prev_hash, hash)
        VALUES (NEW.id, NEW.chain, next_seq, NEW.challenge_id, NEW.actor_id, NEW.action, NEW.subject_type, NEW.subject_id,
                NEW.before, NEW.after, NEW.public, NEW.recorded_at, head.hash, next_hash);
        UPDATE audit_chain_heads SET seq = next_seq, hash = next_hash, updated_at = now() WHERE chain = NEW.chain;
        DELETE FROM audit_pending WHERE id = NEW.id;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE CONSTRAINT TRIGGER "audit_pending_append_at_commit" AFTER INSERT ON "audit_pending"
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "audit_append_pending"()`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER "audit_pending_append_at_commit" ON "audit_pending"`);
    await q.query(`DROP FUNCTION "audit_append_pending"()`);
    await q.query(`DROP TABLE "audit_pending"`);
  }
}
