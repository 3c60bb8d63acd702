import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Challenge documents (issue 16, phase 2): the roles of the documents every bid on a challenge must
 * carry (`required_bid_documents`, a subset of the four requirable roles of
 * libs/challenges/src/document-roles.ts, without repeats — the API refuses repeats; the CHECK refuses
 * any other role even by a bug). The challenge's own documents (notice, technical annex) live in
 * `documents`, attached to the subject type `challenge`: no table here.
 */
export class ChallengeDocuments1795613700000 implements MigrationInterface {
  name = 'ChallengeDocuments1795613700000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "challenges" ADD "required_bid_documents" character varying(20) array NOT NULL DEFAULT '{}'`);
    await q.query(`ALTER TABLE "challenges" ADD CONSTRAINT "CHK_challenges_required_bid_documents" CHECK (
      "required_bid_documents" <@ ARRAY['application', 'commitment', 'qualification', 'budget']::varchar[])`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "challenges" DROP CONSTRAINT "CHK_challenges_required_bid_documents"`);
    await q.query(`ALTER TABLE "challenges" DROP COLUMN "required_bid_documents"`);
  }
}
