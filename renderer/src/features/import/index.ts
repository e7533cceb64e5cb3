// The Import feature's only public door: documents and suppliers from CSV or JSON files.
export { ImportPage } from './ImportPage';
