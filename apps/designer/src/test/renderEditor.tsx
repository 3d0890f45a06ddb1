import { render } from '@testing-library/react';
import { App as AntApp } from 'antd';
import type { ReactElement } from 'react';
import { I18nextProvider } from 'react-i18next';
import type { Flow } from '@zhishou/flow-schema';
import { createI18n } from '../i18n';
import { EditorStoreProvider } from '../store/context';
import { createEditorStore, type EditorStore } from '../store/editorStore';

/** Renders UI inside the editor's providers, in English so assertions read plainly. */
export function renderInEditor(ui: ReactElement, doc: Flow, options: { readOnly?: boolean } = {}): { store: EditorStore } & ReturnType<typeof render> {
  const store = createEditorStore(doc, { botKey: 'b', flowKey: doc.key, revision: 1, readOnly: options.readOnly ?? false });
  const result = render(
    <I18nextProvider i18n={createI18n('en')}>
      <AntApp>
        <EditorStoreProvider store={store}>{ui}</EditorStoreProvider>
      </AntApp>
    </I18nextProvider>,
  );
  return { store, ...result };
}
