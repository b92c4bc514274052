/** `npm run i18n:extract`: the code's messages (ids, English, descriptions) → shared/i18n/locales/en.json. */
import { extractMessages, writeCatalogue } from './catalogue-files.ts';

const messages = extractMessages();
writeCatalogue('en', messages);
console.log(`en.json: ${Object.keys(messages).length} messages.`);
