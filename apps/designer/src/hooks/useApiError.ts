import { App } from 'antd';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { describeApiError } from '../api/client';

/** Shows an api error in words (never swallowed); returns the text too for inline display. */
export function useApiError(): (error: unknown) => string {
  const { t } = useTranslation();
  const { message } = App.useApp();
  return useCallback(
    (error: unknown) => {
      const text = describeApiError(error, t);
      void message.error(text);
      return text;
    },
    [t, message],
  );
}
