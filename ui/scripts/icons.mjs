// Regenerates every icon from icons/source/app-icon.svg: the Tauri bundler's set
// (desktop only: the mobile folders are removed) and the UI's logo and favicon.
import { execFileSync } from 'node:child_process';
import { copyFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ui = fileURLToPath(new URL('..', import.meta.url));
const icons = `${ui}../icons`;
const source = `${icons}/source/app-icon.svg`;

execFileSync('npx', ['tauri', 'icon', source, '-o', icons], { cwd: ui, stdio: 'inherit' });
for (const mobile of ['android', 'ios']) rmSync(`${icons}/${mobile}`, { recursive: true, force: true });
copyFileSync(source, `${ui}public/logo.svg`);
copyFileSync(`${icons}/64x64.png`, `${ui}public/favicon.png`);
