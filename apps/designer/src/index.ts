// The designer is an app, not a library; this entry exists for the workspace's `exports` field.
export { App } from './App';
