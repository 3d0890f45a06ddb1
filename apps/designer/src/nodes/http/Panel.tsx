import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Form, Input, InputNumber, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { HTTP_METHODS, httpConfigSchema, type NodeConfig } from '@zhishou/flow-schema';
import { ConfigForm } from '../../forms/ConfigForm';
import { Field } from '../../forms/fields';
import { TemplateInput } from '../../forms/TemplateInput';
import type { NodePanelProps } from '../types';
import { routeOfUrl, routeToUrl, useSandboxRoutes } from './sandboxRoutes';

type HttpConfig = NodeConfig<'http'>;
/** Headers are edited as rows; the document stores a record. */
type HttpForm = Omit<HttpConfig, 'headers'> & { headers: Array<{ name: string; value: string }> };

export const httpToForm = (config: HttpConfig): HttpForm => ({
  ...config,
  headers: Object.entries(config.headers).map(([name, value]) => ({ name, value })),
});
export const httpFromForm = (form: HttpForm): unknown => ({
  ...form,
  body: form.body === '' ? undefined : form.body,
  headers: Object.fromEntries((form.headers ?? []).filter((h) => h?.name).map((h) => [h.name, h.value ?? ''])),
});

export function HttpPanel({ node, readOnly, onChange }: NodePanelProps<'http'>) {
  const { t } = useTranslation();
  const routes = useSandboxRoutes();
  return (
    <ConfigForm<HttpConfig, HttpForm> schema={httpConfigSchema} value={node.config} onChange={onChange} readOnly={readOnly} toForm={httpToForm} fromForm={httpFromForm} testId="panel-http">
      <Field name="method" label={t('nodes.http.method')}>
        <Select options={HTTP_METHODS.map((value) => ({ value }))} data-testid="field-method" />
      </Field>
      <Form.Item label={t('nodes.http.sandboxRoute')} extra={t('nodes.http.sandboxRouteHelp')}>
        <Select
          allowClear
          showSearch
          disabled={readOnly}
          data-testid="field-sandbox-route"
          placeholder={t('nodes.http.sandboxRoutePlaceholder')}
          value={routeOfUrl(routes, node.config.url)?.path}
          popupMatchSelectWidth={false}
          options={routes.map((route) => ({ value: route.path, label: `${route.method} ${route.path} — ${route.description}` }))}
          onChange={(path: string | undefined) => path && onChange({ ...node.config, method: 'GET', url: routeToUrl(path) })}
        />
      </Form.Item>
      <Field name="url" label={t('nodes.http.url')} extra={t('nodes.http.urlHelp')}>
        <TemplateInput data-testid="field-url" />
      </Field>
      <Form.Item label={t('nodes.http.headers')}>
        <Form.List name="headers">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field) => (
                <Space key={field.key} align="start">
                  <Form.Item name={[field.name, 'name']} noStyle>
                    <Input size="small" placeholder={t('nodes.http.headerName')} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'value']} noStyle>
                    <TemplateInput />
                  </Form.Item>
                  <MinusCircleOutlined onClick={() => remove(field.name)} />
                </Space>
              ))}
              <Button size="small" type="dashed" icon={<PlusOutlined />} onClick={() => add({ name: '', value: '' })}>
                {t('common.add')}
              </Button>
            </>
          )}
        </Form.List>
      </Form.Item>
      <Field name="body" label={t('nodes.http.body')}>
        <TemplateInput rows={3} data-testid="field-body" />
      </Field>
      <Field name="timeoutMs" label={t('nodes.http.timeoutMs')}>
        <InputNumber style={{ width: '100%' }} data-testid="field-timeoutMs" />
      </Field>
      <Field name="retries" label={t('nodes.http.retries')}>
        <InputNumber style={{ width: '100%' }} data-testid="field-retries" />
      </Field>
      <Field name="saveAs" label={t('nodes.common.saveAs')} extra={t('nodes.http.saveAsHelp')}>
        <Input data-testid="field-saveAs" />
      </Field>
    </ConfigForm>
  );
}
