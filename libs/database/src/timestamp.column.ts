/** Every instant is `timestamptz`: stored in UTC, compared by the database's clock. */
export const timestampColumn = (options: { nullable?: boolean } = {}) => ({
  type: 'timestamptz' as const,
  nullable: options.nullable ?? false,
});
