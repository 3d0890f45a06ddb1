import { Input } from 'antd';
import { useEffect, useState } from 'react';
import { isDeepStrictEqual } from './equal';
import type { JsonValue } from '@zhishou/flow-schema';
import { formatValue, parseValueText } from './model';

/** Keeps the user's own text while typing ("1.0" stays "1.0"); emits the parsed value. */
export function ValueInput({ value, onChange, disabled, placeholder, testId }: { value: JsonValue; onChange(value: JsonValue): void; disabled?: boolean; placeholder?: string; testId?: string }) {
  const [text, setText] = useState(() => formatValue(value));
  useEffect(() => {
    if (!isDeepStrictEqual(parseValueText(text), value)) setText(formatValue(value));
    // Only an outside change of `value` resets the text.
  }, [value]);
  return (
    <Input
      size="small"
      value={text}
      disabled={disabled}
      placeholder={placeholder}
      data-testid={testId}
      onChange={(event) => {
        setText(event.target.value);
        onChange(parseValueText(event.target.value));
      }}
    />
  );
}
