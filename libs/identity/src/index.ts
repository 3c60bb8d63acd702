export * from './identity.module';
export * from './organizations/organization.entity';
export * from './organizations/organizations.service';
export * from './users/user.entity';
export * from './users/users.service';
export * from './credit-code';
