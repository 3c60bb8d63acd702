import { Module } from '@nestjs/common';
import { SettingsController } from './settings.controller';

/** GET /settings/public: what the web app needs of the configuration (AppConfig comes from the global ConfigModule). */
@Module({ controllers: [SettingsController] })
export class SettingsModule {}
