export { OpenDataModule } from './open-data.module';
export * from './open-data.config';
