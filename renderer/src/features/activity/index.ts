// The Activity feature's only public door: the company's integration log.
export { ActivityPage } from './ActivityPage';
