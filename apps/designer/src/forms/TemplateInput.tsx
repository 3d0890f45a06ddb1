import { Mentions } from 'antd';
import { createContext, useContext, useMemo } from 'react';
import { TEMPLATE_NLU_FIELDS } from '@zhishou/flow-schema';

/** Names a template may refer to; the flow editor provides the flow's slots and variables. */
export interface TemplateNames {
  slots: readonly string[];
  vars: readonly string[];
}
export const TemplateNamesContext = createContext<TemplateNames>({ slots: [], vars: [] });

/** Pure: the completions offered after `{{` (value = what is inserted after the prefix). */
export function templateCompletions(names: TemplateNames): Array<{ value: string; label: string }> {
  return [
    ...names.slots.map((key) => `slots.${key}`),
    ...names.vars.map((key) => `vars.${key}`),
    ...TEMPLATE_NLU_FIELDS.map((field) => `nlu.${field}`),
  ].map((path) => ({ value: `${path}}}`, label: `{{${path}}}` }));
}

interface TemplateInputProps {
  value?: string;
  onChange?: (value: string) => void;
  placeholder?: string;
  rows?: number;
  disabled?: boolean;
  'data-testid'?: string;
}

/** A text field for templates: typing `{{` offers `{{slots.x}}`, `{{vars.y}}`, `{{nlu.intent}}`. */
export function TemplateInput({ value, onChange, placeholder, rows = 1, disabled, ...rest }: TemplateInputProps) {
  const names = useContext(TemplateNamesContext);
  const options = useMemo(() => templateCompletions(names), [names]);
  return (
    <Mentions
      value={value ?? ''}
      onChange={onChange}
      prefix="{{"
      split=""
      options={options}
      placeholder={placeholder}
      rows={rows}
      autoSize={rows > 1 ? { minRows: rows, maxRows: 8 } : false}
      disabled={disabled}
      data-testid={rest['data-testid']}
    />
  );
}
