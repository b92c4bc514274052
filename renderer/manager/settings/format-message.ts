/**
 * A message with values in a view. The catalogue ids are typed by `defineMessages`, whose
 * inferred value contract react-intl's typed overload cannot match; the values are checked by
 * the catalogue test (placeholders per language) instead.
 */
import type { MessageDescriptor } from '@formatjs/intl';
import type { IntlShape } from 'react-intl';

export function formatWith(intl: Pick<IntlShape, 'formatMessage'>, message: MessageDescriptor, values: Record<string, string | number>): string {
  const plain: MessageDescriptor = { id: message.id, defaultMessage: message.defaultMessage, description: message.description };
  return intl.formatMessage(plain, values);
}
