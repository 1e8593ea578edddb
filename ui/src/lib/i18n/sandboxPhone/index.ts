export { en } from './en';
export { es } from './es';
export { pl } from './pl';
