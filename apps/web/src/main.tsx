import '@mantine/core/styles.css';
// After Mantine's styles, so that it overrides their focus colours.
import './focus.css';
import { createRoot } from 'react-dom/client';
import { App } from './App';

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');
createRoot(root).render(<App />);
