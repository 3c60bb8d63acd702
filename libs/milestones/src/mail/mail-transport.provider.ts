import { Provider } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/common/config';
import { LogMailTransport, MAIL_TRANSPORT } from '../mail-transport';
import { SmtpMailTransport } from './smtp-mail-transport';

/** SMTP when `SMTP_URL` is set; otherwise mails are only logged (the notices are stored and shown in the app either way). */
export const mailTransportProvider: Provider = {
  provide: MAIL_TRANSPORT,
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig) => (config.mail.smtpUrl ? new SmtpMailTransport(config.mail) : new LogMailTransport()),
};
