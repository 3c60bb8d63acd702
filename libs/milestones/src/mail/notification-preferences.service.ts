import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuthUser } from '@app/common/auth';
import { readUserLanguage, writeUserLanguage } from '@app/identity';
import { NotificationPreferencesDto } from '../dto/notification-preferences.dto';
import { readMailPreferences, writeMailPreferences } from '../repositories/notification-preferences.repository';
import { kindsForRole, mailPreferenceList } from './mail-preferences';

/** A user's own mail settings: the language mail is worded in, and mail on/off per notice kind. */
@Injectable()
export class NotificationPreferencesService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async read(user: AuthUser) {
    const em = this.dataSource.manager;
    const [language, saved] = await Promise.all([readUserLanguage(em, user.id), readMailPreferences(em, user.id)]);
    return { language, kinds: mailPreferenceList(kindsForRole(user.role), saved) };
  }

  /** Only what the body names changes; kinds it leaves out keep their setting. */
  async write(user: AuthUser, dto: NotificationPreferencesDto) {
    await this.dataSource.transaction(async (em) => {
      if (dto.language) await writeUserLanguage(em, user.id, dto.language);
      if (dto.kinds) await writeMailPreferences(em, user.id, dto.kinds);
    });
    return this.read(user);
  }
}
